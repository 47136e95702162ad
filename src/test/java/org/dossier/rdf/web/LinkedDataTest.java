package org.dossier.rdf.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.rdf.Vocab;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.rio.Rio;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Linked-data URIs and description documents over HTTP, on the sample archive. */
class LinkedDataTest {
  static final String RECORD = "1950-04-conversation-stalin-kim-il-sung";
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Model parse(HttpResponse<byte[]> r, RdfFormat format) throws Exception {
    return Rio.parse(new ByteArrayInputStream(r.body()), "", format.rio);
  }

  IRI iri(String path) {
    return Vocab.VF.createIRI(server.baseUrl() + path);
  }

  @Test
  void aRecordTheRdfStoreHasNotReachedYetIs503RetryAfterNot404() throws Exception {
    // The stores apply nothing until woken, and a catalog write does not wake them.
    try (TestServer lagging =
        TestServer.start(java.util.Map.of("projection.poll-millis", "3600000"))) {
      String id = null;
      HttpResponse<String> r = null;
      for (int attempt = 1; attempt <= 3; attempt++) {
        id = "written-just-now-" + attempt;
        try (org.dossier.catalog.CatalogWriter w = lagging.server().catalog().writer()) {
          w.put(org.dossier.testing.Fixtures.record(id).build());
          w.commit();
        }
        r = lagging.get("/records/" + id, "Accept", "text/turtle");
        if (r.statusCode() == 503) {
          break;
        }
        // Applied at once: a look at the change log still due from the start; the next waits.
      }
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
      assertEquals(
          404, lagging.get("/records/never-written", "Accept", "text/turtle").statusCode());
      lagging.server().derivedStores().wake();
      int status = 503;
      for (int i = 0; i < 200 && status == 503; i++) {
        Thread.sleep(50);
        status = lagging.get("/records/" + id, "Accept", "text/turtle").statusCode();
      }
      assertEquals(200, status, "described once the store caught up");
    }
  }

  @Test
  void thingUrisAnswer303SeeOtherToTheirDescription() throws Exception {
    HttpResponse<String> r = server.get("/id/record/" + RECORD);
    assertEquals(303, r.statusCode());
    assertEquals(
        server.baseUrl() + "/records/" + RECORD, r.headers().firstValue("Location").orElseThrow());
    r = server.get("/id/person/Kim_Il_Sung", "Accept", "text/turtle");
    assertEquals(303, r.statusCode());
    assertEquals(
        server.baseUrl() + "/people/Kim_Il_Sung", r.headers().firstValue("Location").orElseThrow());
    assertEquals(303, server.get("/id/collection/conversations-with-kim-il-sung").statusCode());
    assertEquals(404, server.get("/id/person/Nobody_At_All").statusCode());
    assertEquals(404, server.get("/id/record/no-such-record").statusCode());
  }

  @Test
  void everySerializationOfARecordParsesBackToTheSameGraph() throws Exception {
    Model first = null;
    for (RdfFormat f : RdfFormat.all()) {
      HttpResponse<byte[]> r = server.getBytes("/records/" + RECORD + "." + f.extension);
      assertEquals(200, r.statusCode(), f.name());
      assertTrue(
          r.headers().firstValue("Content-Type").orElseThrow().startsWith(f.mediaType.toString()),
          f.name());
      Model m = parse(r, f);
      IRI rec = iri("/id/record/" + RECORD);
      assertTrue(m.contains(rec, RDF.TYPE, Vocab.EDM_PROVIDED_CHO), f.name());
      if (first == null) {
        first = m;
      } else {
        Model a = first;
        assertTrue(
            Models.isomorphic(first, m),
            f.name()
                + " differs from Turtle: only in Turtle "
                + a.stream().filter(st -> !m.contains(st)).toList()
                + "; only in "
                + f.name()
                + " "
                + m.stream().filter(st -> !a.contains(st)).toList());
      }
    }
  }

  @Test
  void recordDescriptionKeepsTheDatePrecisionAndLinksIiif() throws Exception {
    Model m =
        parse(server.getBytes("/records/" + RECORD, "Accept", "text/turtle"), RdfFormat.TURTLE);
    IRI rec = iri("/id/record/" + RECORD);
    assertEquals(
        Vocab.VF.createLiteral("1950-04", XSD.GYEARMONTH),
        Models.object(m.filter(rec, DCTERMS.DATE, null)).orElseThrow());
    assertTrue(m.contains(rec, Vocab.SCHEMA_SUBJECT_OF, iri("/iiif/3/" + RECORD + "/manifest")));
    assertTrue(m.contains(null, Vocab.SVCS_HAS_SERVICE, iri("/iiif/image/3/" + RECORD + "-p1")));
    assertTrue(m.contains(rec, Vocab.SCHEMA_MENTIONS, iri("/id/person/Kim_Il_Sung")));
    // the people it names come with their labels, so the document reads on its own
    assertTrue(
        m.contains(
            iri("/id/person/Kim_Il_Sung"), SKOS.PREF_LABEL, Vocab.VF.createLiteral("Kim Il Sung")));
    assertTrue(
        m.contains(rec, DCTERMS.IS_PART_OF, iri("/id/collection/conversations-with-kim-il-sung")));
    Model day =
        parse(
            server.getBytes("/records/1949-03-05-stalin-dprk-governmental-delegation.ttl"),
            RdfFormat.TURTLE);
    assertTrue(day.contains(null, DCTERMS.DATE, Vocab.VF.createLiteral("1949-03-05", XSD.DATE)));
  }

  @Test
  void recordDescriptionLinksEachTextAsAPlainTextResource() throws Exception {
    var record = server.server().catalog().record(RECORD).orElseThrow();
    assertFalse(record.texts().isEmpty(), "every sample record has its transcript");
    Model m = parse(server.getBytes("/records/" + RECORD + ".ttl"), RdfFormat.TURTLE);
    IRI rec = iri("/id/record/" + RECORD);
    IRI aggregation = iri("/id/record/" + RECORD + "#aggregation");
    for (var t : record.texts()) {
      IRI text = iri("/records/" + RECORD + "/texts/" + t.kind() + "/" + t.language());
      assertTrue(m.contains(aggregation, Vocab.EDM_HAS_VIEW, text), text.toString());
      assertTrue(m.contains(text, RDF.TYPE, Vocab.DCMITYPE_TEXT));
      assertTrue(m.contains(text, RDF.TYPE, Vocab.EDM_WEB_RESOURCE));
      assertEquals(
          Vocab.VF.createLiteral(t.language()),
          Models.object(m.filter(text, DCTERMS.LANGUAGE, null)).orElseThrow());
      assertEquals(
          Vocab.VF.createLiteral("text/plain"),
          Models.object(m.filter(text, DCTERMS.FORMAT, null)).orElseThrow());
      assertEquals(
          Vocab.VF.createLiteral(t.kind()),
          Models.object(m.filter(text, DCTERMS.TYPE, null)).orElseThrow());
      if (t.kind().equals("translation")) {
        assertTrue(m.contains(rec, Vocab.SCHEMA_WORK_TRANSLATION, text));
      } else {
        assertTrue(m.contains(rec, DCTERMS.HAS_FORMAT, text));
      }
    }
    assertTrue(
        record.texts().stream()
            .anyMatch(t -> t.kind().equals("transcript") && t.language().equals("en")));
  }

  @Test
  void acceptChoosesTheSerializationAndTheAnswerVariesByAccept() throws Exception {
    for (RdfFormat f : RdfFormat.all()) {
      HttpResponse<byte[]> r =
          server.getBytes("/records/" + RECORD, "Accept", f.mediaType + ", text/html;q=0.5");
      assertEquals(200, r.statusCode());
      assertTrue(
          r.headers().firstValue("Content-Type").orElseThrow().startsWith(f.mediaType.toString()));
      assertEquals("Accept", r.headers().firstValue("Vary").orElseThrow());
      assertEquals(
          server.baseUrl() + "/records/" + RECORD + "." + f.extension,
          r.headers().firstValue("Content-Location").orElseThrow());
      assertFalse(parse(r, f).isEmpty());
    }
    HttpResponse<String> html =
        server.get("/records/" + RECORD, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertEquals(200, html.statusCode());
    assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertEquals(
        "Record of a Conversation of Cde. Stalin with Kim Il Sung and Pak Heon-yeong",
        Jsoup.parse(html.body()).selectFirst("h1").text());
    assertEquals(406, server.get("/records/" + RECORD, "Accept", "image/png").statusCode());
  }

  @Test
  void everyAnswerLinksItsAlternates() throws Exception {
    HttpResponse<String> r = server.get("/records/" + RECORD + ".nt");
    List<String> links = r.headers().allValues("Link");
    for (RdfFormat f : RdfFormat.all()) {
      String expected =
          "<"
              + server.baseUrl()
              + "/records/"
              + RECORD
              + "."
              + f.extension
              + ">; rel=\"alternate\"; type=\""
              + f.mediaType
              + "\"";
      assertTrue(links.stream().anyMatch(l -> l.contains(expected)), links + " lacks " + expected);
    }
  }

  @Test
  void peoplePlacesTypesAndCollectionsHaveDescriptionsListingTheirRecords() throws Exception {
    Model person = parse(server.getBytes("/people/Kim_Il_Sung.ttl"), RdfFormat.TURTLE);
    IRI kim = iri("/id/person/Kim_Il_Sung");
    assertTrue(person.contains(kim, RDF.TYPE, Vocab.EDM_AGENT));
    assertTrue(person.contains(iri("/id/record/" + RECORD), Vocab.SCHEMA_MENTIONS, kim));
    Model place = parse(server.getBytes("/places/North_Korea.jsonld"), RdfFormat.JSONLD);
    assertTrue(place.contains(iri("/id/place/North_Korea"), RDF.TYPE, Vocab.EDM_PLACE));
    Model type = parse(server.getBytes("/types/record_of_conversation.rdf"), RdfFormat.RDFXML);
    assertTrue(
        type.contains(
            iri("/id/type/record_of_conversation"),
            SKOS.PREF_LABEL,
            Vocab.VF.createLiteral("record of conversation")));
    Model collection =
        parse(
            server.getBytes("/collections/conversations-with-kim-il-sung.nt"), RdfFormat.NTRIPLES);
    assertTrue(
        collection.contains(
            iri("/id/record/" + RECORD),
            DCTERMS.IS_PART_OF,
            iri("/id/collection/conversations-with-kim-il-sung")));
    assertEquals(200, server.get("/people/Kim_Il_Sung", "Accept", "text/html").statusCode());
    assertEquals(404, server.get("/people/Nobody.ttl").statusCode());
    assertEquals(404, server.get("/records/no-such-record").statusCode());
  }

  @Test
  void voidIsAlsoTheDcatDescriptionThatLinksTheChangeStream() throws Exception {
    Model v = parse(server.getBytes("/.well-known/void"), RdfFormat.TURTLE);
    IRI dataset = iri("/.well-known/void#dataset");
    assertTrue(v.contains(dataset, RDF.TYPE, org.eclipse.rdf4j.model.vocabulary.DCAT.DATASET));
    IRI stream = iri("/iiif/discovery/activity/all-changes");
    assertTrue(v.contains(dataset, org.eclipse.rdf4j.model.vocabulary.RDFS.SEEALSO, stream));
    IRI distribution = iri("/.well-known/void#changes");
    assertTrue(
        v.contains(
            dataset, org.eclipse.rdf4j.model.vocabulary.DCAT.HAS_DISTRIBUTION, distribution));
    assertTrue(
        v.contains(distribution, org.eclipse.rdf4j.model.vocabulary.DCAT.ACCESS_URL, stream));
    assertTrue(
        v.contains(
            iri("/.well-known/void#dataset.nt.gz"),
            org.eclipse.rdf4j.model.vocabulary.DCAT.DOWNLOAD_URL,
            iri("/dumps/dataset.nt.gz")));
  }

  @Test
  void voidDescribesTheDatasetWithItsTripleCountDumpsAndEndpoint() throws Exception {
    HttpResponse<byte[]> r = server.getBytes("/.well-known/void");
    assertEquals(200, r.statusCode());
    Model v = parse(r, RdfFormat.TURTLE);
    IRI dataset = iri("/.well-known/void#dataset");
    long triples =
        Models.objectLiteral(
                v.filter(dataset, org.eclipse.rdf4j.model.vocabulary.VOID.TRIPLES, null))
            .orElseThrow()
            .longValue();
    assertTrue(
        v.contains(
            dataset, org.eclipse.rdf4j.model.vocabulary.VOID.SPARQL_ENDPOINT, iri("/sparql")));
    assertTrue(
        v.contains(
            dataset,
            org.eclipse.rdf4j.model.vocabulary.VOID.DATA_DUMP,
            iri("/dumps/dataset.nt.gz")));
    assertTrue(v.contains(dataset, DCTERMS.LICENSE, null));
    // the dump holds exactly the triples VoID counts
    HttpResponse<byte[]> dump = server.getBytes("/dumps/dataset.nt.gz");
    assertEquals(200, dump.statusCode());
    Model all =
        Rio.parse(
            new java.util.zip.GZIPInputStream(new ByteArrayInputStream(dump.body())),
            "",
            RdfFormat.NTRIPLES.rio);
    assertEquals(triples, all.size());
    HttpResponse<byte[]> ttl = server.getBytes("/dumps/dataset.ttl.gz");
    Model fromTurtle =
        Rio.parse(
            new java.util.zip.GZIPInputStream(new ByteArrayInputStream(ttl.body())),
            "",
            RdfFormat.TURTLE.rio);
    assertTrue(Models.isomorphic(all, fromTurtle));
    String etag = dump.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, server.get("/dumps/dataset.nt.gz", "If-None-Match", etag).statusCode());
    assertEquals(404, server.get("/dumps/other.nt.gz").statusCode());
    HttpResponse<String> head =
        server.send(
            java.net.http.HttpRequest.newBuilder(server.uri("/dumps/dataset.ttl.gz"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(200, head.statusCode());
    assertEquals("application/gzip", head.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(200, server.get("/dumps/").statusCode());
  }

  @Test
  void linkedDataIsReadableFromOtherOrigins() throws Exception {
    assertEquals(
        "*",
        server
            .get("/records/" + RECORD + ".ttl", "Origin", "https://example.org")
            .headers()
            .firstValue("Access-Control-Allow-Origin")
            .orElseThrow());
    assertEquals(
        "*",
        server
            .get("/.well-known/void")
            .headers()
            .firstValue("Access-Control-Allow-Origin")
            .orElseThrow());
  }
}
