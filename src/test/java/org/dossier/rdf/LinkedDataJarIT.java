package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.query.impl.TupleQueryResultBuilder;
import org.eclipse.rdf4j.query.resultio.QueryResultIO;
import org.eclipse.rdf4j.query.resultio.TupleQueryResultFormat;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar serves every RDF and SPARQL result format: rdf4j finds its writers through
 * ServiceLoader registries, which only work in a shaded jar whose service files were merged.
 */
class LinkedDataJarIT {
  static final Path JAR = Path.of(System.getProperty("dossier.jar", "target/dossier.jar"));
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theJarWritesEveryRdfAndResultFormat() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    JAR.toString(),
                    "serve",
                    "--port",
                    Integer.toString(port),
                    "--data",
                    dir.resolve("data").toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + port;
      for (int i = 0; i < 240 && status(base + "/health") != 200; i++) {
        Thread.sleep(250);
      }
      String record = base + "/records/1950-04-conversation-stalin-kim-il-sung";
      // Ready comes before the RDF store has the sample archive: until then a record's description
      // is 503 with Retry-After.
      for (int i = 0; i < 240 && get(record, "text/turtle").statusCode() == 503; i++) {
        Thread.sleep(250);
      }
      for (RDFFormat f :
          List.of(RDFFormat.TURTLE, RDFFormat.JSONLD, RDFFormat.RDFXML, RDFFormat.NTRIPLES)) {
        HttpResponse<byte[]> r = get(record, f.getDefaultMIMEType());
        assertEquals(200, r.statusCode(), f.getName());
        assertFalse(Rio.parse(new ByteArrayInputStream(r.body()), "", f).isEmpty(), f.getName());
      }
      String query =
          base
              + "/sparql?query="
              + URLEncoder.encode(
                  "SELECT ?r WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> }",
                  StandardCharsets.UTF_8);
      for (TupleQueryResultFormat f :
          List.of(
              TupleQueryResultFormat.JSON,
              TupleQueryResultFormat.SPARQL,
              TupleQueryResultFormat.CSV,
              TupleQueryResultFormat.TSV)) {
        HttpResponse<byte[]> r = get(query, f.getDefaultMIMEType());
        assertEquals(200, r.statusCode(), f.getName());
        TupleQueryResultBuilder rows = new TupleQueryResultBuilder();
        QueryResultIO.parseTuple(
            new ByteArrayInputStream(r.body()), f, rows, SimpleValueFactory.getInstance());
        assertEquals(30, rows.getQueryResult().stream().count(), f.getName());
      }
      assertTrue(status(base + "/dumps/dataset.ttl.gz") == 200);
    } finally {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
    }
  }

  private HttpResponse<byte[]> get(String url, String accept) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private int status(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception notYet) {
      return 0;
    }
  }
}
