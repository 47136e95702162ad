package org.dossier.rdf.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.query.impl.TupleQueryResultBuilder;
import org.eclipse.rdf4j.query.resultio.BooleanQueryResultFormat;
import org.eclipse.rdf4j.query.resultio.QueryResultFormat;
import org.eclipse.rdf4j.query.resultio.QueryResultIO;
import org.eclipse.rdf4j.query.resultio.TupleQueryResultFormat;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The query operation of the SPARQL 1.1 Protocol at /sparql, over the sample archive; each
 * implementation starts a server on its kind of store, with these settings.
 */
abstract class SparqlProtocolContract {
  static final String COUNT_RECORDS =
      "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> }";
  static final Map<String, String> LIMITS =
      Map.of("sparql.max-results", "200", "sparql.timeout-seconds", "1");
  static TestServer server;

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  HttpResponse<String> post(String contentType, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri("/sparql"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return server.send(b.build());
  }

  static long count(HttpResponse<String> r) throws Exception {
    try (TupleQueryResult result = parse(r, TupleQueryResultFormat.JSON)) {
      return Long.parseLong(result.next().getValue("n").stringValue());
    }
  }

  /** The rows of a SPARQL result, read by rdf4j's parser for that format. */
  static TupleQueryResult parse(HttpResponse<String> r, QueryResultFormat format) throws Exception {
    TupleQueryResultBuilder rows = new TupleQueryResultBuilder();
    QueryResultIO.parseTuple(
        new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)),
        format,
        rows,
        SimpleValueFactory.getInstance());
    return rows.getQueryResult();
  }

  // SPARQL 1.1 Protocol 2.1.1: "query via GET"
  @Test
  void aQueryByGetCountsEveryRecordInTheUnionOfTheGraphs() throws Exception {
    HttpResponse<String> r = server.get("/sparql?query=" + enc(COUNT_RECORDS));
    assertEquals(200, r.statusCode());
    assertEquals(30, count(r));
  }

  // 2.1.2 "query via URL-encoded POST" and 2.1.3 "query via POST directly"
  @Test
  void theThreeWaysOfSendingAQueryGiveTheSameAnswer() throws Exception {
    assertEquals(
        30, count(post("application/x-www-form-urlencoded", "query=" + enc(COUNT_RECORDS))));
    assertEquals(30, count(post("application/sparql-query", COUNT_RECORDS)));
    assertEquals(30, count(post("application/sparql-query; charset=UTF-8", COUNT_RECORDS)));
  }

  @Test
  void parametersTheProtocolDoesNotDefineAreIgnoredAndOrdinaryCharactersMayBePercentEncoded()
      throws Exception {
    // SPARQLWrapper adds format and output; %53 is 'S', '+' a space in a query string
    String encoded =
        "%53ELECT+(COUNT(%3Fr)+AS+%3Fn)+WHERE+%7B+%3Fr+a+%3Chttp%3A%2F%2Fwww.europeana.eu%2Fschemas%2Fedm%2FProvidedCHO%3E+%7D";
    HttpResponse<String> r =
        server.get("/sparql?format=json&output=json&query=" + encoded + "&results=json");
    assertEquals(200, r.statusCode());
    assertEquals(30, count(r));
  }

  // 2.1.6 "The response body of a successful query operation with a 2XX response is either: a
  // SPARQL XML Results Document, a SPARQL JSON Results Document, a SPARQL CSV/TSV Results
  // Document..."
  @Test
  void selectAnswersInEveryResultFormatByAccept() throws Exception {
    String q =
        "/sparql?query="
            + enc(
                "SELECT ?r ?title WHERE { ?r <http://purl.org/dc/terms/title> ?title } ORDER BY ?r LIMIT 5");
    for (TupleQueryResultFormat f :
        new TupleQueryResultFormat[] {
          TupleQueryResultFormat.JSON,
          TupleQueryResultFormat.SPARQL,
          TupleQueryResultFormat.CSV,
          TupleQueryResultFormat.TSV
        }) {
      HttpResponse<String> r = server.get(q, "Accept", f.getDefaultMIMEType());
      assertEquals(200, r.statusCode(), f.getName());
      assertTrue(
          r.headers().firstValue("Content-Type").orElseThrow().startsWith(f.getDefaultMIMEType()),
          f.getName());
      try (TupleQueryResult result = parse(r, f)) {
        assertEquals(5, result.stream().count(), f.getName());
      }
    }
    assertTrue(
        server
            .get(q)
            .headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/sparql-results+json"));
    assertEquals(406, server.get(q, "Accept", "image/png").statusCode());
  }

  @Test
  void askAnswersAsJsonAndXml() throws Exception {
    String q =
        "/sparql?query="
            + enc("ASK { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> \"Kim Il Sung\" }");
    for (BooleanQueryResultFormat f :
        new BooleanQueryResultFormat[] {
          BooleanQueryResultFormat.JSON, BooleanQueryResultFormat.SPARQL
        }) {
      HttpResponse<String> r = server.get(q, "Accept", f.getDefaultMIMEType());
      assertEquals(200, r.statusCode());
      assertTrue(
          QueryResultIO.parseBoolean(
              new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), f));
    }
  }

  @Test
  void constructAndDescribeAnswerInEveryRdfFormatByAccept() throws Exception {
    String construct =
        "/sparql?query="
            + enc("CONSTRUCT { ?p ?x ?y } WHERE { ?p a <http://schema.org/Person> ; ?x ?y }");
    String describe =
        "/sparql?query="
            + enc(
                "DESCRIBE ?r WHERE { ?r <http://purl.org/dc/terms/identifier> \"1950-04-conversation-stalin-kim-il-sung\" }");
    for (RDFFormat f :
        new RDFFormat[] {
          RDFFormat.TURTLE, RDFFormat.JSONLD, RDFFormat.RDFXML, RDFFormat.NTRIPLES
        }) {
      for (String q : new String[] {construct, describe}) {
        HttpResponse<String> r = server.get(q, "Accept", f.getDefaultMIMEType());
        assertEquals(200, r.statusCode(), f.getName());
        assertTrue(
            r.headers().firstValue("Content-Type").orElseThrow().startsWith(f.getDefaultMIMEType()),
            f.getName());
        Model m =
            Rio.parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), "", f);
        assertFalse(m.isEmpty(), f.getName());
      }
    }
  }

  // 2.1.4: "If a query is not a legal sequence of characters in the language defined by the SPARQL
  // grammar, ... 400 Bad Request"
  @Test
  void aMalformedQueryGets400WithTheParsersMessage() throws Exception {
    HttpResponse<String> r = server.get("/sparql?query=" + enc("SELECT * WHERE { ?s ?p "));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("line 1"), r.body());
  }

  @Test
  void updatesAreRefusedWithAMessage() throws Exception {
    String update =
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }";
    for (HttpResponse<String> r :
        List.of(
            post("application/sparql-update", update),
            post("application/x-www-form-urlencoded", "update=" + enc(update)),
            post("application/sparql-query", update),
            server.get("/sparql?update=" + enc(update)))) {
      assertEquals(403, r.statusCode());
      assertTrue(r.body().contains("read-only"), r.body());
    }
    assertEquals(
        0,
        count(
            server.get(
                "/sparql?query="
                    + enc("SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/a> ?p ?o }"))));
  }

  @Test
  void badRequestsGetClientErrors() throws Exception {
    assertEquals(
        400, server.get("/sparql?query=" + enc("ASK {}") + "&query=" + enc("ASK {}")).statusCode());
    assertEquals(415, post("text/plain", "ASK {}").statusCode());
    assertEquals(415, post(null, "query=ASK%20%7B%7D").statusCode());
    assertEquals(
        405,
        server
            .send(
                HttpRequest.newBuilder(server.uri("/sparql?query=ASK%7B%7D"))
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build())
            .statusCode());
    assertEquals(
        400,
        server
            .get(
                "/sparql?query="
                    + enc("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"))
            .statusCode());
  }

  @Test
  void anAnswerLargerThanTheLimitIsRefusedWithTheLimitNamed() throws Exception {
    HttpResponse<String> r = server.get("/sparql?query=" + enc("SELECT * WHERE { ?s ?p ?o }"));
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("more than 200 rows"), r.body());
    assertEquals(
        200,
        server.get("/sparql?query=" + enc("SELECT * WHERE { ?s ?p ?o } LIMIT 200")).statusCode());
  }

  @Test
  void aQueryRunningPastTheTimeoutIsStoppedWithAClearError() throws Exception {
    String slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    long t0 = System.nanoTime();
    HttpResponse<String> r = server.get("/sparql?query=" + enc(slow));
    assertEquals(503, r.statusCode(), r.body());
    assertTrue(r.body().contains("longer than 1 s"), r.body());
    assertTrue(System.nanoTime() - t0 < 20_000_000_000L);
  }

  @Test
  void protocolDatasetNarrowsTheDefaultGraph() throws Exception {
    String graph = server.baseUrl() + "/id/record/1950-04-conversation-stalin-kim-il-sung";
    HttpResponse<String> r =
        server.get("/sparql?query=" + enc(COUNT_RECORDS) + "&default-graph-uri=" + enc(graph));
    assertEquals(1, count(r));
    r =
        server.get(
            "/sparql?query="
                + enc("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
                + "&named-graph-uri="
                + enc(graph));
    assertEquals(1, count(r));
  }

  @Test
  void getWithoutAQueryDescribesTheEndpointWithExamplesThatRun() throws Exception {
    HttpResponse<String> page = server.get("/sparql");
    assertEquals(200, page.statusCode());
    var doc = Jsoup.parse(page.body());
    assertEquals(EndpointPage.EXAMPLES.size(), doc.select("section pre").size());
    for (var pre : doc.select("section pre")) {
      HttpResponse<String> r = server.get("/sparql?query=" + enc(pre.text()));
      assertEquals(200, r.statusCode(), pre.text() + "\n" + r.body());
    }
  }

  /** Each row as "name | name = count", the two names in order. */
  static java.util.Set<String> pairs(HttpResponse<String> r) throws Exception {
    java.util.Set<String> out = new java.util.TreeSet<>();
    try (TupleQueryResult result = parse(r, TupleQueryResultFormat.JSON)) {
      while (result.hasNext()) {
        var row = result.next();
        List<String> names =
            java.util.stream.Stream.of("a", "b")
                .map(v -> row.getValue(v).stringValue())
                .sorted()
                .toList();
        out.add(String.join(" | ", names) + " = " + row.getValue("documents").stringValue());
      }
    }
    return out;
  }

  @Test
  void thePairsExampleCountsWhatTheQueryWithoutItsSubqueriesCounts() throws Exception {
    String example;
    try (var in =
        EndpointPage.class.getResourceAsStream("/org/dossier/rdf/sparql/4-who-wrote-to-whom.rq")) {
      example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String plain =
        "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <http://schema.org/>"
            + " PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
            + " SELECT ?a ?b (COUNT(?record) AS ?documents) WHERE {"
            + " ?record dcterms:date ?date ."
            + " FILTER (STR(?date) >= \"1950\" && STR(?date) < \"1954\")"
            + " ?record schema:mentions ?p1, ?p2 . FILTER (STR(?p1) < STR(?p2))"
            + " ?p1 skos:prefLabel ?a . ?p2 skos:prefLabel ?b . } GROUP BY ?p1 ?p2 ?a ?b";
    java.util.Set<String> expected = pairs(server.get("/sparql?query=" + enc(plain)));
    assertFalse(expected.isEmpty(), "the sample archive names people together in 1950-1953");
    assertTrue(example.contains("LIMIT 20"));
    // Every pair, not only the 20 most frequent (of which ties make a choice).
    String unlimited = example.replace("LIMIT 20", "");
    assertEquals(expected, pairs(server.get("/sparql?query=" + enc(unlimited))));
    assertEquals(20, pairs(server.get("/sparql?query=" + enc(example))).size());
  }

  @Test
  void browsersOnOtherOriginsMayQuery() throws Exception {
    HttpResponse<String> preflight =
        server.send(
            HttpRequest.newBuilder(server.uri("/sparql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());
    assertEquals(204, preflight.statusCode());
    assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertTrue(
        preflight
            .headers()
            .firstValue("Access-Control-Allow-Methods")
            .orElseThrow()
            .contains("POST"));
    assertEquals(
        "*",
        post("application/sparql-query", COUNT_RECORDS, "Origin", "https://example.org")
            .headers()
            .firstValue("Access-Control-Allow-Origin")
            .orElseThrow());
  }
}
