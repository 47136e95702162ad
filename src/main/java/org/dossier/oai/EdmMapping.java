package org.dossier.oai;

import java.util.List;
import org.dossier.catalog.Record;
import org.dossier.oai.xml.dc.ElementType;
import org.dossier.oai.xml.edm.EdmType;
import org.dossier.oai.xml.edm.ProvidedCHO;
import org.dossier.oai.xml.edm.WebResource;
import org.dossier.oai.xml.ore.Aggregation;
import org.dossier.oai.xml.rdf.LiteralType;
import org.dossier.oai.xml.rdf.RDF;
import org.dossier.oai.xml.rdf.ResourceType;
import org.dossier.oai.xml.svcs.Service;

/**
 * A record in the Europeana Data Model, as EDM's mapping guidelines and Europeana's IIIF guidance
 * describe: the document as edm:ProvidedCHO (a TEXT), the provider's ore:Aggregation of it
 * (shown at the record page, shown by the full image of its first page, with a thumbnail as
 * edm:object), and for that image an edm:WebResource referenced by the IIIF manifest
 * (dcterms:isReferencedBy) that has the page's IIIF Image API service (svcs:has_service), itself
 * described as an svcs:Service conforming to the Image API at level 2.
 */
final class EdmMapping {
  static final String IIIF_IMAGE_API = "http://iiif.io/api/image";
  static final String IIIF_IMAGE_LEVEL = "http://iiif.io/api/image/3/level2.json";

  private static final org.dossier.oai.xml.dc.ObjectFactory DC = new org.dossier.oai.xml.dc.ObjectFactory();
  private static final org.dossier.oai.xml.dcterms.ObjectFactory DCTERMS = new org.dossier.oai.xml.dcterms.ObjectFactory();

  private EdmMapping() {}

  /**
   * @param dataProvider the institution that holds and describes the records (archive.name)
   * @param provider the aggregator that delivers them to Europeana
   */
  static RDF map(Record r, Links links, String dataProvider, String provider) {
    RDF rdf = new RDF();
    rdf.setSchemaLocation(MetadataFormat.EDM.schemaLocation());
    List<org.dossier.oai.xml.rdf.AboutType> resources = rdf.getProvidedCHOsAndWebResourcesAndAggregations();
    resources.add(providedCho(r, links));

    String imageId = r.pages().isEmpty() ? null : Links.imageId(r.id(), 1);
    Aggregation aggregation = new Aggregation();
    aggregation.setAbout(links.aggregation(r.id()));
    aggregation.setAggregatedCHO(resource(links.providedCho(r.id())));
    aggregation.setDataProvider(literal(dataProvider));
    aggregation.setIsShownAt(resource(links.recordPage(r.id())));
    if (imageId != null) {
      aggregation.setIsShownBy(resource(links.fullImage(imageId)));
      aggregation.setObject(resource(links.thumbnail(imageId)));
    }
    aggregation.setProvider(literal(provider));
    aggregation.setRights(resource(XmlText.clean(r.rights())));
    resources.add(aggregation);

    if (imageId != null) {
      WebResource image = new WebResource();
      image.setAbout(links.fullImage(imageId));
      ElementType format = new ElementType();
      format.setValue("image/jpeg");
      image.setFormat(format);
      image.setRights(resource(XmlText.clean(r.rights())));
      image.getIsReferencedBies().add(resource(links.manifest(r.id())));
      image.getHasServices().add(resource(links.imageService(imageId)));
      resources.add(image);

      Service service = new Service();
      service.setAbout(links.imageService(imageId));
      service.getConformsTos().add(resource(IIIF_IMAGE_API));
      service.getImplements().add(resource(IIIF_IMAGE_LEVEL));
      resources.add(service);
    }
    return rdf;
  }

  private static ProvidedCHO providedCho(Record r, Links links) {
    ProvidedCHO cho = new ProvidedCHO();
    cho.setAbout(links.providedCho(r.id()));
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
    out.add(DC.createIdentifier(text(links.recordPage(r.id()))));
    if (r.source() != null) {
      out.add(DC.createSource(text(r.source())));
    }
    for (String collection : r.collections()) {
      out.add(DCTERMS.createIsPartOf(resource(links.collection(collection))));
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
