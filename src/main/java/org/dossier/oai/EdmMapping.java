package org.dossier.oai;

import java.util.List;
import org.dossier.catalog.Record;
import org.dossier.catalog.TextRef;
import org.dossier.oai.xml.dc.ElementType;
import org.dossier.oai.xml.edm.EdmType;
import org.dossier.oai.xml.edm.ProvidedCHO;
import org.dossier.oai.xml.edm.WebResource;
import org.dossier.oai.xml.ore.Aggregation;
import org.dossier.oai.xml.rdf.LiteralType;
import org.dossier.oai.xml.rdf.RDF;
import org.dossier.oai.xml.rdf.ResourceType;
import org.dossier.oai.xml.svcs.Service;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;

/**
 * A record in the Europeana Data Model, as EDM's mapping guidelines and Europeana's IIIF guidance
 * describe: the document as edm:ProvidedCHO (a TEXT), the provider's ore:Aggregation of it (shown
 * at the record page, shown by the full image of its first page, with a thumbnail as edm:object),
 * and for that image an edm:WebResource referenced by the IIIF manifest (dcterms:isReferencedBy)
 * that has the page's IIIF Image API service (svcs:has_service), itself described as an
 * svcs:Service conforming to the Image API at level 2. Each of the record's texts is one more view
 * of the object (edm:hasView): an edm:WebResource at the URL that serves it as text/plain, with its
 * format, kind (dc:type) and language. The texts themselves are not inlined.
 */
final class EdmMapping {
  static final String IIIF_IMAGE_API = "http://iiif.io/api/image";
  static final String IIIF_IMAGE_LEVEL = "http://iiif.io/api/image/3/level2.json";

  /** The edge of the square edm:object (the thumbnail) fits in, in pixels. */
  static final int THUMBNAIL_EDGE = 400;

  private static final org.dossier.oai.xml.dc.ObjectFactory DC =
      new org.dossier.oai.xml.dc.ObjectFactory();
  private static final org.dossier.oai.xml.dcterms.ObjectFactory DCTERMS =
      new org.dossier.oai.xml.dcterms.ObjectFactory();

  private EdmMapping() {}

  /**
   * @param dataProvider the institution that holds and describes the records (archive.name)
   * @param provider the aggregator that delivers them to Europeana
   */
  static RDF map(Record r, Urls urls, String dataProvider, String provider) {
    RDF rdf = new RDF();
    rdf.setSchemaLocation(MetadataFormat.EDM.schemaLocation());
    List<org.dossier.oai.xml.rdf.AboutType> resources =
        rdf.getProvidedCHOsAndWebResourcesAndAggregations();
    resources.add(providedCho(r, urls));

    // A record described only (access level metadata) has no web resources to show.
    boolean scanned = !r.pages().isEmpty() && r.access().showsImages();
    Aggregation aggregation = new Aggregation();
    aggregation.setAbout(aggregation(urls, r.id()));
    aggregation.setAggregatedCHO(resource(providedChoUri(urls, r.id())));
    aggregation.setDataProvider(literal(dataProvider));
    for (TextRef t : r.texts()) {
      aggregation.getHasViews().add(resource(urls.recordText(r.id(), t.kind(), t.language())));
    }
    aggregation.setIsShownAt(resource(urls.recordPage(r.id())));
    if (scanned) {
      aggregation.setIsShownBy(resource(urls.fullImage(r.id(), 1)));
      aggregation.setObject(resource(urls.thumbnail(r.id(), 1, THUMBNAIL_EDGE)));
    }
    aggregation.setProvider(literal(provider));
    aggregation.setRights(resource(XmlText.clean(r.rights())));
    resources.add(aggregation);

    if (scanned) {
      WebResource image = new WebResource();
      image.setAbout(urls.fullImage(r.id(), 1));
      ElementType format = new ElementType();
      format.setValue("image/jpeg");
      image.setFormat(format);
      image.setRights(resource(XmlText.clean(r.rights())));
      image.getIsReferencedBies().add(resource(urls.manifest(3, r.id())));
      image.getHasServices().add(resource(urls.imageService(r.id(), 1)));
      resources.add(image);

      Service service = new Service();
      service.setAbout(urls.imageService(r.id(), 1));
      service.getConformsTos().add(resource(IIIF_IMAGE_API));
      service.getImplements().add(resource(IIIF_IMAGE_LEVEL));
      resources.add(service);
    }
    for (TextRef t : r.texts()) {
      resources.add(text(r, t, urls));
    }
    return rdf;
  }

  /** The media type the texts are served in. */
  static final String TEXT_FORMAT = "text/plain";

  /**
   * A text of the record as a web resource: where it is served, in what format, language and kind.
   */
  private static WebResource text(Record r, TextRef t, Urls urls) {
    WebResource text = new WebResource();
    text.setAbout(urls.recordText(r.id(), t.kind(), t.language()));
    text.setFormat(text(TEXT_FORMAT));
    text.setType(text(kindLabel(t.kind())));
    text.setLanguage(text(t.language()));
    text.setRights(resource(XmlText.clean(r.rights())));
    return text;
  }

  /** How a kind of text is named: "Transcript", "Translation", "OCR text". */
  static String kindLabel(String kind) {
    return switch (kind) {
      case "transcript" -> "Transcript";
      case "translation" -> "Translation";
      case "ocr-plain" -> "OCR text";
      default -> kind;
    };
  }

  /** The real-world document, as a linked-data resource (EDM's ProvidedCHO). */
  static String providedChoUri(Urls urls, String recordId) {
    return urls.thing(ThingKind.RECORD, ThingKind.RECORD.key(recordId));
  }

  /** The provider's aggregation of the document and its views (EDM's ore:Aggregation). */
  static String aggregation(Urls urls, String recordId) {
    return providedChoUri(urls, recordId) + "#aggregation";
  }

  private static ProvidedCHO providedCho(Record r, Urls urls) {
    ProvidedCHO cho = new ProvidedCHO();
    cho.setAbout(providedChoUri(urls, r.id()));
    var out = cho.getTitlesAndDescriptionsAndDates();
    out.add(DC.createTitle(text(r.title())));
    if (r.summary() != null) {
      out.add(DC.createDescription(text(r.summary())));
    }
    if (r.date() != null) {
      out.add(DC.createDate(text(r.date().toString())));
    }
    if (r.type() != null) {
      out.add(DC.createType(text(r.type())));
    }
    for (String language : r.languages()) {
      out.add(DC.createLanguage(text(language)));
    }
    for (String subject : r.subjects()) {
      out.add(DC.createSubject(text(subject)));
    }
    for (String person : r.people()) {
      out.add(DC.createSubject(text(person)));
    }
    for (String place : r.places()) {
      out.add(DCTERMS.createSpatial(literal(place)));
    }
    out.add(DC.createIdentifier(text(urls.recordPage(r.id()))));
    if (r.source() != null) {
      out.add(DC.createSource(text(r.source())));
    }
    for (String collection : r.collections()) {
      org.dossier.oai.xml.rdf.IsPartOf partOf = new org.dossier.oai.xml.rdf.IsPartOf();
      partOf.setResource(urls.collectionPage(collection));
      out.add(partOf);
    }
    cho.setType(EdmType.TEXT);
    return cho;
  }

  private static ElementType text(String value) {
    ElementType e = new ElementType();
    e.setValue(XmlText.clean(value));
    return e;
  }

  private static LiteralType literal(String value) {
    LiteralType l = new LiteralType();
    l.setValue(XmlText.clean(value));
    return l;
  }

  private static ResourceType resource(String uri) {
    ResourceType r = new ResourceType();
    r.setResource(uri);
    return r;
  }
}
