package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.RawHttp;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed and oversized requests on a keep-alive connection to a real server, sent on a raw
 * socket: each is answered with its status and a line of text, never a reset. A request that was
 * read to its end leaves the connection usable; when the server does close it, the answer said
 * {@code Connection: close} first.
 */
class ConnectionLimitsTest {
  private static final int MAX_URI = 1000;
  private static final int MAX_HEADER = 4096;
  private static final int MAX_OAI_FORM = 1024;
  private static final int MAX_SPARQL_BODY = 2048;

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                Settings.SERVER_MAX_URI_LENGTH.key(), Integer.toString(MAX_URI),
                Settings.SERVER_MAX_HEADER_BYTES.key(), Integer.toString(MAX_HEADER),
                Settings.OAI_MAX_FORM_BYTES.key(), Integer.toString(MAX_OAI_FORM),
                Settings.SPARQL_MAX_BODY_BYTES.key(), Integer.toString(MAX_SPARQL_BODY)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawHttp connect() throws Exception {
    return new RawHttp(server.server().port());
  }

  @Test
  void aRequestLineTheServerCannotReadIs400AndSaysTheConnectionCloses() throws Exception {
    for (String path : List.of("/a%00b", "/records/%zz", "/a/../../etc/passwd", "/a%2")) {
      try (RawHttp c = connect()) {
        RawHttp.Answer a = c.get(path);
        assertEquals(400, a.status(), path);
        assertTrue(a.saysClose(), path + ": closed without saying so " + a.headers());
        assertTrue(c.closedByServer(), path);
        assertTrue(a.body().length() < 200, a.body());
      }
    }
  }

  @Test
  void aUriDossierDoesNotServeIs400AndTheConnectionStaysUsable() throws Exception {
    for (String path : List.of("/a\\b", "/records/%ff", "/iiif/3/%2e%2e/manifest")) {
      try (RawHttp c = connect()) {
        RawHttp.Answer a = c.get(path);
        assertEquals(400, a.status(), path);
        assertFalse(a.saysClose(), path);
        assertTrue(a.body().startsWith("400 Bad Request"), a.body());
        assertEquals(
            200, c.get("/health").status(), "the next request on the connection, after " + path);
      }
    }
  }

  @Test
  void pipelinedRequestsAfterARefusedUriAreAllAnswered() throws Exception {
    try (RawHttp c = connect()) {
      c.send(
          "GET /a\\b HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /records/%ff HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /oai?verb=Identify HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(400, c.read().status());
      assertEquals(200, c.read().status());
      assertEquals(400, c.read().status());
      assertEquals(200, c.read().status());
    }
  }

  @Test
  void aUriOverTheLimitIs414AndTheConnectionStaysUsable() throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Answer a = c.get("/search?q=" + "a".repeat(MAX_URI));
      assertEquals(414, a.status());
      assertFalse(a.saysClose());
      assertTrue(a.body().contains(Integer.toString(MAX_URI)), a.body());
      assertEquals(200, c.get("/health").status());
    }
  }

  @Test
  void aRequestLineLongerThanTheHeadLimitIs414AndSaysTheConnectionCloses() throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Answer a = c.get("/search?q=" + "a".repeat(MAX_HEADER * 2));
      assertEquals(414, a.status());
      assertTrue(a.saysClose(), a.headers().toString());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void headersOverTheLimitAre431AndSayTheConnectionCloses() throws Exception {
    try (RawHttp c = connect()) {
      c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(MAX_HEADER) + "\r\n\r\n");
      RawHttp.Answer a = c.read();
      assertEquals(431, a.status());
      assertTrue(a.saysClose(), a.headers().toString());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void aBodyOverTheRoutesLimitThatDoesNotArriveIs413AndTheConnectionClosed() throws Exception {
    for (String[] route :
        List.of(
            new String[] {
              "/oai", "application/x-www-form-urlencoded", Integer.toString(MAX_OAI_FORM)
            },
            new String[] {"/sparql", "application/sparql-query", Integer.toString(MAX_SPARQL_BODY)},
            new String[] {"/search", "text/plain", "65536"})) {
      try (RawHttp c = connect()) {
        int length = Integer.parseInt(route[2]) + 1;
        c.send(
            "POST "
                + route[0]
                + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                + route[1]
                + "\r\nContent-Length: "
                + length
                + "\r\n\r\n");
        RawHttp.Answer a = c.read();
        assertEquals(413, a.status(), route[0]);
        assertTrue(a.saysClose(), route[0]);
        assertTrue(a.body().contains(route[2]), a.body());
      }
    }
  }

  @Test
  void aBodyOverTheLimitSentWholeIsReadThenRefusedAndTheConnectionKept() throws Exception {
    try (RawHttp c = connect()) {
      int length = MAX_OAI_FORM + 20_000;
      c.send(
          "POST /oai HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              + "Content-Length: "
              + length
              + "\r\n\r\n"
              + "verb=Identify&x="
              + "y".repeat(length - 16));
      RawHttp.Answer a = c.read();
      assertEquals(413, a.status());
      assertFalse(a.saysClose(), "the body was read to its end");
      assertEquals(200, c.get("/health").status());
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AndOneWithinIsServed() throws Exception {
    try (RawHttp c = connect()) {
      String chunk = "a".repeat(1000);
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        body.append(Integer.toHexString(chunk.length()))
            .append("\r\n")
            .append(chunk)
            .append("\r\n");
      }
      c.send(
          "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n"
              + body
              + "0\r\n\r\n");
      RawHttp.Answer a = c.read();
      assertEquals(413, a.status());
      assertFalse(a.saysClose(), "the chunked body was read to its end");
      assertEquals(200, c.get("/health").status());
    }
    try (RawHttp c = connect()) {
      String form = "verb=Identify";
      c.send(
          "POST /oai HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(form.length())
              + "\r\n"
              + form
              + "\r\n0\r\n\r\n");
      RawHttp.Answer a = c.read();
      assertEquals(200, a.status(), a.body());
      assertTrue(a.body().contains("<Identify>"), a.body());
      assertEquals(200, c.get("/health").status());
    }
  }

  @Test
  void aFormWithinTheLimitIsServedByAnHttpClient() throws Exception {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(URI.create(server.uri("/oai").toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("verb=Identify"))
                .build());
    assertEquals(200, r.statusCode());
  }
}
