package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.RawHttp;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The access log of a real server, read back from its file: one line per request, the requests
 * Jetty refuses itself included, with the request id the response carried.
 */
class AccessLogTest {
  /** Apache's combined format, then the request id and the duration in milliseconds. */
  private static final Pattern COMBINED =
      Pattern.compile(
          "^(\\S+) - - \\[(\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})\\] \"(\\S+) (\\S+)"
              + " (\\S+)\" (\\d{3}) (\\d+) \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\""
              + " (\\S+) (\\d+\\.\\d{3})$");

  @TempDir Path dir;

  @Test
  void jsonLinesCarryTheRequestAndItsId() throws Exception {
    Path log = dir.resolve("logs/access.jsonl");
    try (TestServer server =
        TestServer.start(Map.of("log.access", log.toString(), "log.access-format", "json"))) {
      HttpResponse<String> given =
          server.get(
              "/oai?verb=Identify", "X-Request-Id", "proxy-7f3a.42", "User-Agent", "harvester/1.0");
      assertEquals(200, given.statusCode());
      assertEquals("proxy-7f3a.42", given.headers().firstValue("X-Request-Id").orElseThrow());

      HttpResponse<String> generated = server.get("/health/live");
      assertEquals(200, generated.statusCode());
      String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
      assertTrue(RequestIds.sane(id), id);

      // Not sane (a space, or longer than 128 characters): replaced by an id of the server's.
      HttpResponse<String> spaced = server.get("/health/live", "X-Request-Id", "a b");
      String replaced = spaced.headers().firstValue("X-Request-Id").orElseThrow();
      assertNotEquals("a b", replaced);
      HttpResponse<String> longer = server.get("/health/live", "X-Request-Id", "z".repeat(129));
      assertNotEquals("z".repeat(129), longer.headers().firstValue("X-Request-Id").orElseThrow());
      assertNotEquals(id, replaced, "every generated id is new");

      // A request line Jetty cannot read: answered 400 by Jetty itself, and logged all the same.
      try (RawHttp raw = new RawHttp(server.server().port())) {
        raw.send("GET /oai?verb=Identify HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n");
        RawHttp.Answer bad = raw.read();
        assertEquals(400, bad.status());
        assertTrue(bad.headers().containsKey("x-request-id"), bad.headers().toString());
      }

      List<JsonNode> lines = jsonLines(log, 5);
      JsonNode oai = only(lines, l -> "proxy-7f3a.42".equals(l.get("request_id").asString()));
      assertEquals("GET", oai.get("method").asString());
      assertEquals("/oai?verb=Identify", oai.get("path").asString());
      assertEquals(200, oai.get("status").asInt());
      assertEquals(
          given.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
          oai.get("bytes").asLong());
      assertTrue(oai.get("duration_ms").isNumber() && oai.get("duration_ms").asDouble() >= 0);
      assertEquals("harvester/1.0", oai.get("user_agent").asString());
      assertEquals("127.0.0.1", oai.get("remote").asString());
      Instant time = Instant.parse(oai.get("time").asString());
      assertTrue(
          Math.abs(time.toEpochMilli() - System.currentTimeMillis()) < 60_000, time.toString());

      JsonNode live = only(lines, l -> id.equals(l.get("request_id").asString()));
      assertEquals("/health/live", live.get("path").asString());
      only(lines, l -> replaced.equals(l.get("request_id").asString()));
      JsonNode bad = only(lines, l -> l.get("status").asInt() == 400);
      assertTrue(RequestIds.sane(bad.get("request_id").asString()), bad.toString());
    }
  }

  @Test
  void combinedLinesParse() throws Exception {
    Path log = dir.resolve("access.log");
    try (TestServer server = TestServer.start(Map.of("log.access", log.toString()))) {
      HttpResponse<String> r =
          server.get(
              "/records/nosuchrecord?x=%22q%22",
              "X-Request-Id", "combined-1", "Referer", "http://example.org/\"quoted\"");
      assertEquals(404, r.statusCode());
      assertEquals(
          200, server.get("/oai?verb=Identify", "X-Request-Id", "combined-2").statusCode());
      List<String> lines = lines(log, 2);
      Matcher m = COMBINED.matcher(lines.get(0));
      assertTrue(m.matches(), lines.get(0));
      assertEquals("127.0.0.1", m.group(1));
      assertEquals("GET", m.group(3));
      assertEquals("/records/nosuchrecord?x=%22q%22", m.group(4));
      assertEquals("HTTP/1.1", m.group(5));
      assertEquals("404", m.group(6));
      assertEquals("http://example.org/\\\"quoted\\\"", m.group(8));
      assertEquals("combined-1", m.group(10));
      Matcher second = COMBINED.matcher(lines.get(1));
      assertTrue(second.matches(), lines.get(1));
      assertEquals("200", second.group(6));
      assertEquals(
          r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
          Long.parseLong(m.group(7)),
          "bytes are the body's length");
      assertEquals("combined-2", second.group(10));
    }
  }

  @Test
  void offWritesNothingAndABadPathIsRefusedAtStart() throws Exception {
    try (TestServer server = TestServer.start(Map.of())) {
      assertEquals(200, server.get("/health/live").statusCode());
    }
    Path notADirectory = dir.resolve("file");
    Files.writeString(notADirectory, "x");
    DossierServer.ServerStartException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DossierServer.ServerStartException.class,
            () ->
                TestServer.start(
                    Map.of("log.access", notADirectory.resolve("access.log").toString())));
    assertTrue(e.getMessage().startsWith("log.access"), e.getMessage());
  }

  private static JsonNode only(List<JsonNode> lines, Predicate<JsonNode> which) {
    List<JsonNode> found = lines.stream().filter(which).toList();
    assertEquals(1, found.size(), lines.toString());
    return found.get(0);
  }

  /** The log's lines once there are at least n: they are written by a thread of their own. */
  private static List<String> lines(Path log, int n) throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (Files.exists(log)) {
        lines = Files.readAllLines(log);
        if (lines.size() >= n) {
          break;
        }
      }
      Thread.sleep(50);
    }
    assertTrue(lines.size() >= n, "log lines: " + lines);
    return lines;
  }

  private static List<JsonNode> jsonLines(Path log, int n)
      throws IOException, InterruptedException {
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : lines(log, n)) {
      JsonNode node = RecordJson.read(line);
      assertTrue(node.isObject(), line);
      parsed.add(node);
    }
    return parsed;
  }
}
