package org.dossier.rdf;

import java.util.List;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Namespace;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.base.InternedIRI;
import org.eclipse.rdf4j.model.impl.SimpleNamespace;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.DC;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.DOAP;
import org.eclipse.rdf4j.model.vocabulary.FOAF;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.RDFS;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.model.vocabulary.VOID;
import org.eclipse.rdf4j.model.vocabulary.XSD;

/**
 * Terms of the vocabularies Dossier uses that rdf4j has no constants for: the Europeana Data Model
 * (EDM, with OAI-ORE, SVCS and EBUCore as EDM uses them), schema.org and the DCMI Type vocabulary.
 * DCMI Terms, SKOS, RDFS, VoID and DOAP come from rdf4j's own vocabulary classes.
 */
public final class Vocab {
  private Vocab() {}

  public static final ValueFactory VF = SimpleValueFactory.getInstance();

  public static final String EDM_NS = "http://www.europeana.eu/schemas/edm/";
  public static final String ORE_NS = "http://www.openarchives.org/ore/terms/";
  public static final String SVCS_NS = "http://rdfs.org/sioc/services#";
  public static final String EBUCORE_NS = "http://www.ebu.ch/metadata/ontologies/ebucore/ebucore#";
  public static final String SCHEMA_NS = "http://schema.org/";
  public static final String DCMITYPE_NS = "http://purl.org/dc/dcmitype/";

  // EDM 5.2.8: classes and properties of the Europeana Data Model.
  public static final IRI EDM_PROVIDED_CHO = iri(EDM_NS, "ProvidedCHO");
  public static final IRI EDM_WEB_RESOURCE = iri(EDM_NS, "WebResource");
  public static final IRI EDM_AGENT = iri(EDM_NS, "Agent");
  public static final IRI EDM_PLACE = iri(EDM_NS, "Place");
  public static final IRI EDM_TYPE = iri(EDM_NS, "type");
  public static final IRI EDM_AGGREGATED_CHO = iri(EDM_NS, "aggregatedCHO");
  public static final IRI EDM_IS_SHOWN_AT = iri(EDM_NS, "isShownAt");
  public static final IRI EDM_IS_SHOWN_BY = iri(EDM_NS, "isShownBy");
  public static final IRI EDM_HAS_VIEW = iri(EDM_NS, "hasView");
  public static final IRI EDM_DATA_PROVIDER = iri(EDM_NS, "dataProvider");
  public static final IRI EDM_PROVIDER = iri(EDM_NS, "provider");
  public static final IRI EDM_RIGHTS = iri(EDM_NS, "rights");
  public static final IRI ORE_AGGREGATION = iri(ORE_NS, "Aggregation");
  public static final IRI SVCS_SERVICE = iri(SVCS_NS, "Service");
  public static final IRI SVCS_HAS_SERVICE = iri(SVCS_NS, "has_service");
  public static final IRI EBUCORE_WIDTH = iri(EBUCORE_NS, "width");
  public static final IRI EBUCORE_HEIGHT = iri(EBUCORE_NS, "height");

  public static final IRI SCHEMA_ARCHIVE_COMPONENT = iri(SCHEMA_NS, "ArchiveComponent");
  public static final IRI SCHEMA_PERSON = iri(SCHEMA_NS, "Person");
  public static final IRI SCHEMA_PLACE = iri(SCHEMA_NS, "Place");
  public static final IRI SCHEMA_COLLECTION = iri(SCHEMA_NS, "Collection");
  public static final IRI SCHEMA_NAME = iri(SCHEMA_NS, "name");
  public static final IRI SCHEMA_DATE_CREATED = iri(SCHEMA_NS, "dateCreated");
  public static final IRI SCHEMA_MENTIONS = iri(SCHEMA_NS, "mentions");
  public static final IRI SCHEMA_SPATIAL_COVERAGE = iri(SCHEMA_NS, "spatialCoverage");
  public static final IRI SCHEMA_ABOUT = iri(SCHEMA_NS, "about");
  public static final IRI SCHEMA_IS_PART_OF = iri(SCHEMA_NS, "isPartOf");
  public static final IRI SCHEMA_IN_LANGUAGE = iri(SCHEMA_NS, "inLanguage");
  public static final IRI SCHEMA_LICENSE = iri(SCHEMA_NS, "license");
  public static final IRI SCHEMA_MAIN_ENTITY_OF_PAGE = iri(SCHEMA_NS, "mainEntityOfPage");
  public static final IRI SCHEMA_SUBJECT_OF = iri(SCHEMA_NS, "subjectOf");
  public static final IRI SCHEMA_IMAGE = iri(SCHEMA_NS, "image");
  public static final IRI SCHEMA_POSITION = iri(SCHEMA_NS, "position");
  public static final IRI SCHEMA_DIGITAL_DOCUMENT = iri(SCHEMA_NS, "DigitalDocument");
  public static final IRI SCHEMA_ENCODING_FORMAT = iri(SCHEMA_NS, "encodingFormat");
  public static final IRI SCHEMA_TRANSLATION_OF_WORK = iri(SCHEMA_NS, "translationOfWork");
  public static final IRI SCHEMA_WORK_TRANSLATION = iri(SCHEMA_NS, "workTranslation");

  public static final IRI DCMITYPE_TEXT = iri(DCMITYPE_NS, "Text");
  public static final IRI DCMITYPE_COLLECTION = iri(DCMITYPE_NS, "Collection");

  /** IIIF: what an image service conforms to and the compliance level Dossier's implements. */
  public static final IRI IIIF_IMAGE_API = VF.createIRI("http://iiif.io/api/image");

  public static final IRI IIIF_IMAGE_LEVEL = VF.createIRI("http://iiif.io/api/image/3/level1.json");
  public static final IRI IIIF_PRESENTATION_CONTEXT =
      VF.createIRI("http://iiif.io/api/presentation/3/context.json");

  /** The prefixes written into Turtle, RDF/XML and JSON-LD output. */
  public static final List<Namespace> NAMESPACES =
      List.of(
          new SimpleNamespace("dcterms", DCTERMS.NAMESPACE),
          new SimpleNamespace("dc", DC.NAMESPACE),
          new SimpleNamespace("dcmitype", DCMITYPE_NS),
          new SimpleNamespace("edm", EDM_NS),
          new SimpleNamespace("ore", ORE_NS),
          new SimpleNamespace("svcs", SVCS_NS),
          new SimpleNamespace("ebucore", EBUCORE_NS),
          new SimpleNamespace("schema", SCHEMA_NS),
          new SimpleNamespace("skos", SKOS.NAMESPACE),
          new SimpleNamespace("rdf", RDF.NAMESPACE),
          new SimpleNamespace("rdfs", RDFS.NAMESPACE),
          new SimpleNamespace("xsd", XSD.NAMESPACE),
          new SimpleNamespace("doap", DOAP.NAMESPACE),
          new SimpleNamespace("void", VOID.NAMESPACE),
          new SimpleNamespace("foaf", FOAF.NAMESPACE));

  private static IRI iri(String ns, String local) {
    return new InternedIRI(ns, local);
  }
}
