package org.dossier.rdf.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Variant;
import java.util.List;
import org.dossier.config.Settings;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.Uris;
import org.dossier.rdf.Vocab;
import org.dossier.urls.Urls;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.FOAF;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.RDFS;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.model.vocabulary.VOID;
import org.eclipse.rdf4j.rio.RDFWriter;

/**
 * {@code /.well-known/void}: the VoID description of the dataset (Describing Linked Datasets with
 * the VoID Vocabulary, W3C Interest Group Note, section 7.2 "Discovery via /.well-known/void"): its
 * triple count, dumps, SPARQL endpoint, URI space, vocabularies and licence. The same dataset is
 * described in DCAT too (a {@code dcat:Dataset} with its distributions: the dumps, and the IIIF
 * Change Discovery stream of its changes), which is what the stream's {@code seeAlso} names it as.
 * Turtle unless {@code Accept} asks for another RDF serialization.
 */
@Path("/.well-known/void")
public final class VoidResource {
  /** The vocabularies the mapping uses (void:vocabulary). */
  private static final List<String> VOCABULARIES =
      List.of(
          DCTERMS.NAMESPACE,
          Vocab.EDM_NS,
          Vocab.ORE_NS,
          Vocab.SCHEMA_NS,
          SKOS.NAMESPACE,
          Vocab.DCMITYPE_NS,
          Vocab.SVCS_NS,
          Vocab.EBUCORE_NS,
          org.eclipse.rdf4j.model.vocabulary.DOAP.NAMESPACE);

  private final LinkedData linkedData;
  private final Uris uris;
  private final Settings settings;

  VoidResource(LinkedData linkedData, Uris uris, Settings settings) {
    this.linkedData = linkedData;
    this.uris = uris;
    this.settings = settings;
  }

  @GET
  public Response describe(@Context Request request) {
    Variant chosen = request.selectVariant(RdfFormat.variants());
    if (chosen == null) {
      return Response.status(406)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .header("Vary", "Accept")
          .entity(
              "406 Not Acceptable: the VoID description is served as text/turtle, application/ld+json,"
                  + " application/rdf+xml or application/n-triples.\n")
          .build();
    }
    RdfFormat format = RdfFormat.ofMediaType(chosen.getMediaType()).orElse(RdfFormat.TURTLE);
    Model model = model();
    StreamingOutput body =
        out -> {
          RDFWriter w = format.writer(out, true);
          model.forEach(w::handleStatement);
          w.endRDF();
        };
    return Response.ok(body, format.contentType()).header("Vary", "Accept").build();
  }

  Model model() {
    Urls urls = uris.urls();
    IRI dataset = uris.dataset();
    IRI document = Vocab.VF.createIRI(urls.voidDocument());
    Model m = new LinkedHashModel();
    m.add(document, RDF.TYPE, VOID.DATASET_DESCRIPTION);
    m.add(document, FOAF.PRIMARY_TOPIC, dataset);
    m.add(dataset, RDF.TYPE, VOID.DATASET);
    m.add(dataset, DCTERMS.TITLE, Vocab.VF.createLiteral(settings.get(Settings.ARCHIVE_NAME)));
    m.add(
        dataset,
        DCTERMS.DESCRIPTION,
        Vocab.VF.createLiteral(
            "The documents of "
                + settings.get(Settings.ARCHIVE_NAME)
                + " with the people, places, subjects, document types and collections they name, as linked data."));
    m.add(dataset, DCTERMS.LICENSE, Vocab.VF.createIRI(settings.get(Settings.RDF_LICENSE)));
    m.add(dataset, DCTERMS.PUBLISHER, Vocab.VF.createLiteral(settings.get(Settings.ARCHIVE_NAME)));
    m.add(dataset, FOAF.HOMEPAGE, Vocab.VF.createIRI(urls.home()));
    m.add(dataset, VOID.SPARQL_ENDPOINT, Vocab.VF.createIRI(urls.sparql()));
    for (DumpResource.Dump d : DumpResource.Dump.values()) {
      m.add(dataset, VOID.DATA_DUMP, Vocab.VF.createIRI(urls.dump(d.file)));
    }
    m.add(dataset, VOID.FEATURE, Vocab.VF.createIRI("http://www.w3.org/ns/formats/N-Triples"));
    m.add(dataset, VOID.FEATURE, Vocab.VF.createIRI("http://www.w3.org/ns/formats/Turtle"));
    m.add(dataset, VOID.FEATURE, Vocab.VF.createIRI("http://www.w3.org/ns/formats/JSON-LD"));
    m.add(dataset, VOID.FEATURE, Vocab.VF.createIRI("http://www.w3.org/ns/formats/RDF_XML"));
    m.add(dataset, VOID.URI_SPACE, Vocab.VF.createLiteral(urls.idSpace()));
    for (String vocabulary : VOCABULARIES) {
      m.add(dataset, VOID.VOCABULARY, Vocab.VF.createIRI(vocabulary));
    }
    dcat(m, dataset, urls);
    IRI records = Vocab.VF.createIRI(urls.voidDocument() + "#records");
    m.add(dataset, VOID.CLASS_PARTITION, records);
    m.add(records, VOID.CLASS, Vocab.EDM_PROVIDED_CHO);
    m.add(
        records,
        VOID.ENTITIES,
        Vocab.VF.createLiteral(
            Long.toString(linkedData.recordCount()),
            org.eclipse.rdf4j.model.vocabulary.XSD.INTEGER));
    m.add(
        dataset,
        VOID.TRIPLES,
        Vocab.VF.createLiteral(
            Long.toString(linkedData.tripleCount()),
            org.eclipse.rdf4j.model.vocabulary.XSD.INTEGER));
    return m;
  }

  /** The dataset in DCAT 2: landing page, the dumps and the change stream as distributions. */
  private static void dcat(Model m, IRI dataset, Urls urls) {
    m.add(dataset, RDF.TYPE, DCAT.DATASET);
    m.add(dataset, DCAT.LANDING_PAGE, Vocab.VF.createIRI(urls.home()));
    for (DumpResource.Dump d : DumpResource.Dump.values()) {
      IRI distribution = Vocab.VF.createIRI(urls.voidDocument() + "#" + d.file);
      m.add(dataset, DCAT.HAS_DISTRIBUTION, distribution);
      m.add(distribution, RDF.TYPE, DCAT.DISTRIBUTION);
      m.add(distribution, DCAT.DOWNLOAD_URL, Vocab.VF.createIRI(urls.dump(d.file)));
      m.add(distribution, DCAT.MEDIA_TYPE, ianaMediaType("application/gzip"));
      m.add(distribution, DCTERMS.FORMAT, Vocab.VF.createLiteral(d.format.contentType()));
    }
    IRI changes = Vocab.VF.createIRI(urls.changeStream());
    IRI stream = Vocab.VF.createIRI(urls.voidDocument() + "#changes");
    m.add(dataset, DCAT.HAS_DISTRIBUTION, stream);
    m.add(stream, RDF.TYPE, DCAT.DISTRIBUTION);
    m.add(stream, DCTERMS.TITLE, Vocab.VF.createLiteral("IIIF Change Discovery activity stream"));
    m.add(stream, DCAT.ACCESS_URL, changes);
    m.add(stream, DCAT.MEDIA_TYPE, ianaMediaType("application/ld+json"));
    m.add(stream, DCTERMS.CONFORMS_TO, Vocab.VF.createIRI("https://iiif.io/api/discovery/1.0/"));
    m.add(dataset, RDFS.SEEALSO, changes);
  }

  private static IRI ianaMediaType(String type) {
    return Vocab.VF.createIRI("http://www.iana.org/assignments/media-types/" + type);
  }
}
