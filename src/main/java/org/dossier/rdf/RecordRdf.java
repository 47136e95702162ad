package org.dossier.rdf;

import static org.dossier.rdf.Vocab.VF;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.ArchiveDate;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.TextRef;
import org.dossier.urls.ThingKind;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.DynamicModelFactory;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.DOAP;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.RDFS;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.model.vocabulary.XSD;

/**
 * The mapping from the catalog to RDF (documented with an example in {@code docs/rdf.md}). A
 * record's graph holds the record (an {@code edm:ProvidedCHO}), its {@code ore:Aggregation} and one
 * {@code edm:WebResource} with its IIIF image service per page. People, places, subjects, document
 * types and collections are described in graphs of their own, since many records share them.
 */
public final class RecordRdf {
  private static final DateTimeFormatter DATESTAMP = DateTimeFormatter.ISO_INSTANT;

  /** Models that index themselves only when filtered: the projection just iterates them. */
  private static final DynamicModelFactory MODELS = new DynamicModelFactory();

  private final Uris uris;
  private final Literal provider;

  /**
   * @param archiveName the name of the archive that publishes the data: the EDM provider, and the
   *     data provider of records that name no originating archive
   */
  public RecordRdf(Uris uris, String archiveName) {
    this.uris = uris;
    this.provider = VF.createLiteral(archiveName);
  }

  public Uris uris() {
    return uris;
  }

  /** The things a record links to that are described in graphs of their own. */
  public record Link(ThingKind kind, String name) {
    public IRI iri(Uris uris) {
      return uris.thing(kind, kind.key(name));
    }
  }

  /** The triples of a live record's own graph. */
  public Model record(Record r) {
    IRI rec = uris.record(r.id());
    Model m = MODELS.createEmptyModel();
    m.add(rec, RDF.TYPE, Vocab.EDM_PROVIDED_CHO);
    m.add(rec, RDF.TYPE, Vocab.SCHEMA_ARCHIVE_COMPONENT);
    m.add(rec, RDF.TYPE, Vocab.DCMITYPE_TEXT);
    m.add(rec, DCTERMS.IDENTIFIER, VF.createLiteral(r.id()));
    m.add(rec, DCTERMS.TITLE, VF.createLiteral(r.title()));
    m.add(rec, Vocab.SCHEMA_NAME, VF.createLiteral(r.title()));
    if (r.date() != null) {
      Literal date = date(r.date());
      m.add(rec, DCTERMS.DATE, date);
      m.add(rec, Vocab.SCHEMA_DATE_CREATED, date);
    }
    if (r.summary() != null) {
      m.add(rec, DCTERMS.DESCRIPTION, VF.createLiteral(r.summary()));
    }
    // EDM requires edm:type on every ProvidedCHO; archival documents are TEXT.
    m.add(rec, Vocab.EDM_TYPE, VF.createLiteral("TEXT"));
    if (r.type() != null) {
      m.add(rec, DCTERMS.TYPE, uris.type(r.type()));
    }
    for (String language : r.languages()) {
      m.add(rec, DCTERMS.LANGUAGE, VF.createLiteral(language));
      m.add(rec, Vocab.SCHEMA_IN_LANGUAGE, VF.createLiteral(language));
    }
    for (String person : r.people()) {
      IRI p = uris.person(person);
      m.add(rec, DCTERMS.SUBJECT, p);
      m.add(rec, Vocab.SCHEMA_MENTIONS, p);
    }
    for (String place : r.places()) {
      IRI p = uris.place(place);
      m.add(rec, DCTERMS.SPATIAL, p);
      m.add(rec, Vocab.SCHEMA_SPATIAL_COVERAGE, p);
    }
    for (String subject : r.subjects()) {
      IRI s = uris.subject(subject);
      m.add(rec, DCTERMS.SUBJECT, s);
      m.add(rec, Vocab.SCHEMA_ABOUT, s);
    }
    if (r.source() != null) {
      m.add(rec, DCTERMS.SOURCE, VF.createLiteral(r.source()));
    }
    IRI rights = r.rights() == null ? null : VF.createIRI(r.rights());
    if (rights != null) {
      m.add(rec, DCTERMS.RIGHTS, rights);
      m.add(rec, Vocab.SCHEMA_LICENSE, rights);
    }
    for (String collection : r.collections()) {
      IRI c = uris.collection(collection);
      m.add(rec, DCTERMS.IS_PART_OF, c);
      m.add(rec, Vocab.SCHEMA_IS_PART_OF, c);
    }
    IRI page = VF.createIRI(uris.page(ThingKind.RECORD, ThingKind.RECORD.key(r.id())));
    IRI manifest = VF.createIRI(uris.manifest(r.id()));
    m.add(rec, Vocab.SCHEMA_MAIN_ENTITY_OF_PAGE, page);
    if (!r.pages().isEmpty()) {
      m.add(rec, Vocab.SCHEMA_SUBJECT_OF, manifest);
    }
    aggregation(r, rec, page, manifest, rights, m);
    texts(r, rec, rights, m);
    return m;
  }

  /**
   * Each text as a resource of its own, at the URL that serves it as {@code text/plain}: a DCMI
   * Text and a schema.org DigitalDocument, with its language coded as the record's languages are,
   * its media type and its kind. EDM sees it as one more view of the object ({@code edm:hasView} of
   * the aggregation, as for the page images); a transcript or OCR text says the document's words in
   * another format ({@code dcterms:hasFormat}/{@code isFormatOf}), a translation is a work
   * translated from it ({@code schema:workTranslation}/{@code translationOfWork}).
   */
  private void texts(Record r, IRI rec, IRI rights, Model m) {
    IRI agg = VF.createIRI(rec.stringValue() + "#aggregation");
    Literal plain = VF.createLiteral(TEXT_FORMAT);
    for (TextRef t : r.texts()) {
      IRI text = uris.recordText(r.id(), t.kind(), t.language());
      m.add(agg, Vocab.EDM_HAS_VIEW, text);
      m.add(text, RDF.TYPE, Vocab.EDM_WEB_RESOURCE);
      m.add(text, RDF.TYPE, Vocab.DCMITYPE_TEXT);
      m.add(text, RDF.TYPE, Vocab.SCHEMA_DIGITAL_DOCUMENT);
      Literal kind = VF.createLiteral(t.kind());
      m.add(text, DCTERMS.TYPE, kind);
      m.add(text, RDFS.LABEL, VF.createLiteral(label(t.kind()) + " (" + t.language() + ")"));
      Literal language = VF.createLiteral(t.language());
      m.add(text, DCTERMS.LANGUAGE, language);
      m.add(text, Vocab.SCHEMA_IN_LANGUAGE, language);
      m.add(text, DCTERMS.FORMAT, plain);
      m.add(text, Vocab.SCHEMA_ENCODING_FORMAT, plain);
      m.add(text, DCTERMS.EXTENT, VF.createLiteral(t.length() + " characters"));
      if (rights != null) {
        m.add(text, DCTERMS.RIGHTS, rights);
      }
      if (t.kind().equals("translation")) {
        m.add(rec, Vocab.SCHEMA_WORK_TRANSLATION, text);
        m.add(text, Vocab.SCHEMA_TRANSLATION_OF_WORK, rec);
      } else {
        m.add(rec, DCTERMS.HAS_FORMAT, text);
        m.add(text, DCTERMS.IS_FORMAT_OF, rec);
      }
    }
  }

  /** The media type of the texts' URLs. */
  public static final String TEXT_FORMAT = "text/plain";

  /** How a kind of text is named to people: "Transcript", "Translation", "OCR text". */
  public static String label(String kind) {
    return switch (kind) {
      case "transcript" -> "Transcript";
      case "translation" -> "Translation";
      case "ocr-plain" -> "OCR text";
      default -> kind;
    };
  }

  /** EDM's ore:Aggregation: who provides the record, under what rights, and its digital views. */
  private void aggregation(Record r, IRI rec, IRI page, IRI manifest, IRI rights, Model m) {
    IRI agg = VF.createIRI(rec.stringValue() + "#aggregation");
    m.add(agg, RDF.TYPE, Vocab.ORE_AGGREGATION);
    m.add(agg, Vocab.EDM_AGGREGATED_CHO, rec);
    m.add(agg, Vocab.EDM_IS_SHOWN_AT, page);
    m.add(
        agg,
        Vocab.EDM_DATA_PROVIDER,
        r.archive() == null ? provider : VF.createLiteral(r.archive()));
    m.add(agg, Vocab.EDM_PROVIDER, provider);
    if (rights != null) {
      m.add(agg, Vocab.EDM_RIGHTS, rights);
    }
    if (r.datestamp() != null) {
      m.add(agg, DCTERMS.MODIFIED, VF.createLiteral(DATESTAMP.format(r.datestamp()), XSD.DATETIME));
    }
    // A record described only (access level metadata) has no images to name.
    List<Page> pages = r.access().showsImages() ? r.pages() : List.of();
    for (int i = 0; i < pages.size(); i++) {
      int n = i + 1;
      Page p = pages.get(i);
      String service = uris.imageService(r.id(), n);
      IRI image = VF.createIRI(service + "/full/max/0/default.jpg");
      m.add(agg, n == 1 ? Vocab.EDM_IS_SHOWN_BY : Vocab.EDM_HAS_VIEW, image);
      m.add(image, RDF.TYPE, Vocab.EDM_WEB_RESOURCE);
      m.add(image, Vocab.SCHEMA_POSITION, VF.createLiteral(n));
      if (p.label() != null) {
        m.add(image, DCTERMS.TITLE, VF.createLiteral(p.label()));
      }
      m.add(image, Vocab.EBUCORE_WIDTH, VF.createLiteral(p.width()));
      m.add(image, Vocab.EBUCORE_HEIGHT, VF.createLiteral(p.height()));
      m.add(image, DCTERMS.IS_REFERENCED_BY, manifest);
      IRI svc = VF.createIRI(service);
      m.add(image, Vocab.SVCS_HAS_SERVICE, svc);
      m.add(svc, RDF.TYPE, Vocab.SVCS_SERVICE);
      m.add(svc, DCTERMS.CONFORMS_TO, Vocab.IIIF_IMAGE_API);
      m.add(svc, DOAP.IMPLEMENTS, Vocab.IIIF_IMAGE_LEVEL);
    }
  }

  /** The people, places, subjects and type a record links to: things with graphs of their own. */
  public static Set<Link> links(Record r) {
    Set<Link> links = new LinkedHashSet<>();
    r.people().forEach(n -> links.add(new Link(ThingKind.PERSON, n)));
    r.places().forEach(n -> links.add(new Link(ThingKind.PLACE, n)));
    r.subjects().forEach(n -> links.add(new Link(ThingKind.SUBJECT, n)));
    if (r.type() != null) {
      links.add(new Link(ThingKind.TYPE, r.type()));
    }
    return links;
  }

  /**
   * The graph of a person, place, subject or document type: it is named after its label, so the
   * graph depends on the name alone and any record naming it writes the same triples.
   */
  public Model entity(ThingKind kind, String name) {
    IRI e = uris.thing(kind, kind.key(name));
    Literal label = VF.createLiteral(name);
    Model m = MODELS.createEmptyModel();
    switch (kind) {
      case PERSON -> {
        m.add(e, RDF.TYPE, Vocab.EDM_AGENT);
        m.add(e, RDF.TYPE, Vocab.SCHEMA_PERSON);
      }
      case PLACE -> {
        m.add(e, RDF.TYPE, Vocab.EDM_PLACE);
        m.add(e, RDF.TYPE, Vocab.SCHEMA_PLACE);
      }
      case SUBJECT -> m.add(e, RDF.TYPE, SKOS.CONCEPT);
      case TYPE -> {
        m.add(e, RDF.TYPE, SKOS.CONCEPT);
        m.add(e, SKOS.IN_SCHEME, uris.typeScheme());
      }
      default -> throw new IllegalArgumentException(kind + " is not described by name");
    }
    m.add(e, SKOS.PREF_LABEL, label);
    m.add(e, RDFS.LABEL, label);
    if (kind == ThingKind.PERSON || kind == ThingKind.PLACE) {
      m.add(e, Vocab.SCHEMA_NAME, label);
    }
    m.add(e, Vocab.SCHEMA_MAIN_ENTITY_OF_PAGE, VF.createIRI(uris.page(kind, kind.key(name))));
    return m;
  }

  /** The graph of a collection. Its members say {@code dcterms:isPartOf} in their own graphs. */
  public Model collection(ArchiveCollection c) {
    IRI coll = uris.collection(c.id());
    Model m = MODELS.createEmptyModel();
    m.add(coll, RDF.TYPE, Vocab.DCMITYPE_COLLECTION);
    m.add(coll, RDF.TYPE, Vocab.SCHEMA_COLLECTION);
    m.add(coll, DCTERMS.IDENTIFIER, VF.createLiteral(c.id()));
    m.add(coll, DCTERMS.TITLE, VF.createLiteral(c.title()));
    m.add(coll, Vocab.SCHEMA_NAME, VF.createLiteral(c.title()));
    m.add(coll, RDFS.LABEL, VF.createLiteral(c.title()));
    if (c.description() != null) {
      m.add(coll, DCTERMS.DESCRIPTION, VF.createLiteral(c.description()));
    }
    m.add(coll, Vocab.EDM_PROVIDER, provider);
    m.add(
        coll,
        Vocab.SCHEMA_MAIN_ENTITY_OF_PAGE,
        VF.createIRI(uris.page(ThingKind.COLLECTION, ThingKind.COLLECTION.key(c.id()))));
    if (c.datestamp() != null) {
      m.add(
          coll, DCTERMS.MODIFIED, VF.createLiteral(DATESTAMP.format(c.datestamp()), XSD.DATETIME));
    }
    return m;
  }

  /** A date at its own precision: xsd:gYear, xsd:gYearMonth or xsd:date. */
  public static Literal date(ArchiveDate d) {
    IRI type =
        switch (d.precision()) {
          case YEAR -> XSD.GYEAR;
          case MONTH -> XSD.GYEARMONTH;
          case DAY -> XSD.DATE;
        };
    return VF.createLiteral(d.toString(), type);
  }

  /**
   * The predicate by which a record links to a thing of this kind, one per kind, so that whether
   * any record still names a thing is one index lookup.
   */
  public static IRI linkPredicate(ThingKind kind) {
    return switch (kind) {
      case PERSON -> Vocab.SCHEMA_MENTIONS;
      case PLACE -> DCTERMS.SPATIAL;
      case SUBJECT -> Vocab.SCHEMA_ABOUT;
      case TYPE -> DCTERMS.TYPE;
      case COLLECTION -> DCTERMS.IS_PART_OF;
      case RECORD -> throw new IllegalArgumentException("records are not linked by name");
    };
  }
}
