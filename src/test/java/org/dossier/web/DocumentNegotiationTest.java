package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One URL, two audiences: {@code /records/{id}} and {@code /collections/{id}} give browsers the
 * site's pages and linked-data clients RDF, chosen by {@code Accept}.
 */
class DocumentNegotiationTest {
  static final String RECORD = "1950-04-conversation-stalin-kim-il-sung";
  static final String COLLECTION = "conversations-with-kim-il-sung";
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void browsersGetTheSitePage() throws Exception {
    for (String path : new String[] {"/records/" + RECORD, "/collections/" + COLLECTION}) {
      HttpResponse<String> page =
          server.get(
              path, "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
      assertEquals(200, page.statusCode(), path);
      assertTrue(
          page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
      assertTrue(
          page.body().contains("<link rel=\"stylesheet\""),
          "the site's page, with its stylesheet: " + path);
      assertTrue(
          page.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept")), path);
    }
  }

  @Test
  void anythingAcceptedGetsTheSitePage() throws Exception {
    HttpResponse<String> page = server.get("/records/" + RECORD, "Accept", "*/*");
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
  }

  @Test
  void linkedDataClientsGetRdfFromTheSameUrl() throws Exception {
    for (String path : new String[] {"/records/" + RECORD, "/collections/" + COLLECTION}) {
      HttpResponse<String> turtle = server.get(path, "Accept", "text/turtle");
      assertEquals(200, turtle.statusCode(), path);
      assertTrue(
          turtle.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"), path);
      Model model = Rio.parse(new StringReader(turtle.body()), server.baseUrl(), RDFFormat.TURTLE);
      assertFalse(model.isEmpty(), path);
      assertTrue(
          turtle.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept")), path);
    }
  }

  @Test
  void extensionUrlsNameOneSerialization() throws Exception {
    HttpResponse<String> nt = server.get("/records/" + RECORD + ".nt");
    assertEquals(200, nt.statusCode());
    assertFalse(
        Rio.parse(new StringReader(nt.body()), server.baseUrl(), RDFFormat.NTRIPLES).isEmpty());
    assertEquals(404, server.get("/records/no-such-record.ttl").statusCode());
  }
}
