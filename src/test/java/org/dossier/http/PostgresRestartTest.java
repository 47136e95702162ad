package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.cli.Generator;
import org.dossier.config.Settings;
import org.dossier.ingest.Importer;
import org.dossier.testing.TestServer;
import org.dossier.urls.Urls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops and starts again under a running server: while it is down, every request that
 * needs the catalog fails fast (within the connection timeout, not a hang) with 503 and Retry-After
 * in its protocol's form and no internals in the body; once it is back, without a restart of
 * Dossier, the same requests succeed again within seconds and the derived stores follow the change
 * log again.
 */
class PostgresRestartTest {
  /** What the default catalog.connect-timeout-millis (2 s) allows an outage answer, with slack. */
  private static final long OUTAGE_ANSWER_LIMIT_MILLIS = 3_500;

  /** How soon the requests succeed again once PostgreSQL accepts connections. */
  private static final long RECOVERY_LIMIT_MILLIS = 10_000;

  /** How soon a change written after the restart is in the search index. */
  private static final long FOLLOW_LIMIT_MILLIS = 15_000;

  @TempDir Path pgData;
  @TempDir Path data;

  private EmbeddedPostgres postgres;
  private TestServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private EmbeddedPostgres startPostgres(int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .start();
  }

  @Test
  void requestsFailFastWith503WhileThePostgresServerIsDownAndSucceedOnceItIsBack()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    postgres = startPostgres(port);
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE dossier");
    }
    String url = "jdbc:postgresql://localhost:" + port + "/dossier";
    // 300 synthetic records (no sample archive: its scans would be rendered meanwhile).
    Path records = data.resolve("records.jsonl");
    Generator.write(records, 300, new java.util.Random(7));
    try (Catalog catalog = Catalog.open(url, "postgres", "", 2)) {
      new Importer(
              catalog, data.resolve("images"), "http://rightsstatements.org/vocab/CNE/1.0/", null)
          .importFiles(List.of(records), false);
    }
    server =
        TestServer.start(
            data,
            Map.of(
                Settings.CATALOG_URL.key(), url,
                Settings.CATALOG_USER.key(), "postgres",
                Settings.ARCHIVE_LOAD_SAMPLE.key(), "false",
                Settings.PROJECTION_POLL_MILLIS.key(), "200"));
    Urls urls = server.server().urls();
    String id = "synthetic-00000042";
    String oaiId = "oai:" + Settings.defaults().get(Settings.OAI_REPOSITORY_IDENTIFIER) + ":" + id;
    // Each request that needs the catalog, with the Accept its clients send.
    Map<String, String[]> requests = new LinkedHashMap<>();
    requests.put(path(urls.oaiGetRecord("oai_dc", oaiId)), new String[] {"Accept", "text/xml"});
    requests.put(
        "/oai?verb=ListRecords&metadataPrefix=oai_dc", new String[] {"Accept", "text/xml"});
    requests.put(path(urls.recordPage(id)), new String[] {"Accept", "text/html"});
    requests.put(path(urls.manifest(3, id)), new String[] {"Accept", "application/ld+json"});
    requests.put(path(urls.changeStream()), new String[] {"Accept", "application/ld+json"});
    requests.put("/health", new String[] {"Accept", "application/json"});
    for (var r : requests.entrySet()) {
      assertEquals(200, server.get(r.getKey(), r.getValue()).statusCode(), r.getKey());
    }

    postgres.close();
    postgres = null;
    List<String> timings = new ArrayList<>();
    for (var r : requests.entrySet()) {
      long t0 = System.nanoTime();
      HttpResponse<String> answer = server.get(r.getKey(), r.getValue());
      long millis = (System.nanoTime() - t0) / 1_000_000;
      timings.add(r.getKey() + " " + millis + " ms");
      String what = r.getKey() + " during the outage (" + millis + " ms)";
      assertEquals(503, answer.statusCode(), what + ": " + answer.body());
      String retry = answer.headers().firstValue("Retry-After").orElse("");
      assertTrue(retry.matches("[1-9][0-9]*"), what + ": Retry-After " + retry);
      assertTrue(millis < OUTAGE_ANSWER_LIMIT_MILLIS, what + " took too long");
      assertNoInternals(what, answer.body(), port);
      String type = answer.headers().firstValue("Content-Type").orElse("");
      if (r.getKey().startsWith("/records/")) {
        assertTrue(type.startsWith("text/html"), what + ": " + type);
        assertTrue(answer.body().contains("</html>"), what + ": " + answer.body());
      } else if (r.getKey().startsWith("/iiif/") || r.getKey().equals("/health")) {
        assertTrue(type.startsWith("application/json"), what + ": " + type);
        org.dossier.catalog.RecordJson.read(answer.body()); // JSON, or this throws
      }
    }
    System.out.println("PostgresRestartTest, answers during the outage: " + timings);

    postgres = startPostgres(port);
    long restarted = System.nanoTime();
    for (var r : requests.entrySet()) {
      HttpResponse<String> answer = null;
      while (System.nanoTime() - restarted < RECOVERY_LIMIT_MILLIS * 1_000_000) {
        answer = server.get(r.getKey(), r.getValue());
        if (answer.statusCode() == 200) {
          break;
        }
        assertEquals(503, answer.statusCode(), r.getKey() + ": " + answer.body());
        Thread.sleep(100);
      }
      assertEquals(
          200,
          answer.statusCode(),
          r.getKey() + " did not recover within " + RECOVERY_LIMIT_MILLIS + " ms");
    }
    System.out.printf(
        "PostgresRestartTest: every request answered again %d ms after the restart%n",
        (System.nanoTime() - restarted) / 1_000_000);

    // The follower goes on: a record changed after the restart reaches the search index.
    String word = "zyxwvutsrestarted";
    try (Catalog catalog = Catalog.open(url, "postgres", "", 1)) {
      var changed = Generator.record(42, new java.util.Random(1));
      changed.put("title", "Synthetic record 42 " + word);
      new Importer(
              catalog, data.resolve("images"), "http://rightsstatements.org/vocab/CNE/1.0/", null)
          .importItems("test", List.of(changed), false);
      List<Change> log = catalog.changesSince(0, Integer.MAX_VALUE);
      assertEquals(id, log.get(log.size() - 1).id());
    }
    long changedAt = System.nanoTime();
    HttpResponse<String> found = server.get(path(urls.search(word)), "Accept", "text/html");
    while (!found.body().contains(path(urls.recordPage(id)))
        && System.nanoTime() - changedAt < FOLLOW_LIMIT_MILLIS * 1_000_000) {
      Thread.sleep(100);
      found = server.get(path(urls.search(word)), "Accept", "text/html");
    }
    assertEquals(200, found.statusCode());
    assertTrue(
        found.body().contains(path(urls.recordPage(id))),
        "the changed record is found by its new title's word: " + found.body());
    System.out.printf(
        "PostgresRestartTest: the change was searchable %d ms after it was written%n",
        (System.nanoTime() - changedAt) / 1_000_000);
    // Every store's follower takes up the change log again: a lane whose last try failed during
    // the outage shows its error until its next poll succeeds.
    HttpResponse<String> health = server.get("/health");
    while (health.body().contains("\"error\"")
        && System.nanoTime() - changedAt < 3 * FOLLOW_LIMIT_MILLIS * 1_000_000) {
      Thread.sleep(200);
      health = server.get("/health");
    }
    assertFalse(health.body().contains("\"error\""), health.body());
  }

  /** A path of this server from an absolute URL Urls made. */
  private String path(String absolute) {
    return absolute.substring(server.baseUrl().length());
  }

  private static void assertNoInternals(String what, String body, int databasePort) {
    String lower = body.toLowerCase(Locale.ROOT);
    for (String leak :
        List.of(
            "exception",
            "psql",
            "org.postgresql",
            "hikari",
            "jdbc",
            "sqlstate",
            "\tat ",
            "connection refused",
            ":" + databasePort)) {
      assertFalse(lower.contains(leak), what + " shows '" + leak + "': " + body);
    }
  }
}
