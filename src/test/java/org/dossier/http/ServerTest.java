package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.sample.SampleArchive;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ServerTest {
  @TempDir Path dir;

  @Test
  void emptyDataDirectoryGetsTheSampleArchiveAndHealthTurnsReady() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of())) {
      HttpResponse<String> health = server.get("/health");
      assertEquals(200, health.statusCode());
      JsonNode body = RecordJson.read(health.body());
      assertEquals("ok", body.get("status").asString());
      assertEquals(30, body.get("records").asInt());
      assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      assertEquals(1, server.server().context().catalog().collections().size());
    }
  }

  @Test
  void healthCountsTheLiveRecordsAfterEveryChange() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of())) {
      assertEquals(30, RecordJson.read(server.get("/health").body()).get("records").asInt());
      assertEquals(30, RecordJson.read(server.get("/health").body()).get("records").asInt());
      var catalog = server.server().context().catalog();
      String id = catalog.list(org.dossier.catalog.Selection.ALL, null, 1).get(0).id();
      try (var writer = catalog.writer()) {
        assertTrue(writer.delete(id));
        writer.commit();
      }
      assertEquals(29, RecordJson.read(server.get("/health").body()).get("records").asInt());
    }
  }

  @Test
  void healthShowsHowFarEachDerivedStoreIsBehindTheCatalog() throws Exception {
    Path data = dir.resolve("data");
    // Lanes move only at start and when asked: the test decides when the stores catch up.
    try (TestServer server = TestServer.start(data, Map.of(Settings.PROJECTION_POLL_MILLIS.key(), "3600000"))) {
      long seq = server.server().context().catalog().lastChangeSeq();
      JsonNode projections = RecordJson.read(server.get("/health").body()).get("projections");
      assertEquals(2, projections.size());
      assertEquals("search", projections.get(0).get("name").asString());
      assertEquals("rdf", projections.get(1).get("name").asString());
      for (JsonNode p : projections) {
        assertEquals(seq, p.get("appliedSeq").asLong(), p.toString());
        assertEquals(seq, p.get("catalogSeq").asLong(), p.toString());
        assertEquals(0, p.get("changesBehind").asLong(), p.toString());
        assertEquals(0, p.get("secondsBehind").asLong(), p.toString());
        assertFalse(p.has("error"), p.toString());
      }

      // A change made by another process (a command-line import) is lag until it is applied.
      try (org.dossier.catalog.Catalog other = org.dossier.catalog.Catalog.openSqlite(data, 1);
          var w = other.writer()) {
        w.put(org.dossier.testing.Fixtures.record("lagging-1").build());
        w.commit();
      }
      HttpResponse<String> health = server.get("/health");
      assertEquals(200, health.statusCode(), "a store that lags does not make the server unready");
      for (JsonNode p : RecordJson.read(health.body()).get("projections")) {
        assertEquals(seq, p.get("appliedSeq").asLong(), p.toString());
        assertEquals(seq + 1, p.get("catalogSeq").asLong(), p.toString());
        assertEquals(1, p.get("changesBehind").asLong(), p.toString());
      }
      server.server().derivedStores().follower().catchUpNow();
      for (JsonNode p : RecordJson.read(server.get("/health").body()).get("projections")) {
        assertEquals(seq + 1, p.get("appliedSeq").asLong(), p.toString());
        assertEquals(0, p.get("changesBehind").asLong(), p.toString());
      }
    }
  }

  /**
   * With projection.startup=background the server is ready while its stores still apply a
   * backlog: /health answers 200 (the catalog is what the server serves from) and shows the lag.
   */
  @Test
  void inTheBackgroundTheServerIsReadyBeforeItsStoresHaveCaughtUp() throws Exception {
    Path data = dir.resolve("data");
    int n = 8000;
    try (org.dossier.catalog.Catalog catalog = org.dossier.catalog.Catalog.openSqlite(data, 2);
        var w = catalog.writer()) {
      for (int i = 0; i < n; i++) {
        w.put(org.dossier.testing.Fixtures.record(String.format("bulk-%05d", i)).build());
      }
      w.commit();
    }
    try (TestServer server = TestServer.start(data, Map.of(Settings.PROJECTION_STARTUP.key(), "background",
        Settings.ARCHIVE_LOAD_SAMPLE.key(), "false"))) {
      HttpResponse<String> health = server.get("/health");
      assertEquals(200, health.statusCode());
      JsonNode body = RecordJson.read(health.body());
      assertEquals("ok", body.get("status").asString());
      assertEquals(n, body.get("records").asInt());
      JsonNode projections = body.get("projections");
      boolean lagging = false;
      for (JsonNode p : projections) {
        assertEquals(n, p.get("catalogSeq").asLong());
        lagging |= p.get("changesBehind").asLong() > 0;
      }
      assertTrue(lagging, "ready while a store still catches up: " + projections);
      assertEquals(200, server.get("/records/bulk-00001").statusCode(), "pages answer from the catalog meanwhile");

      server.server().derivedStores().follower().catchUpNow();
      for (JsonNode p : RecordJson.read(server.get("/health").body()).get("projections")) {
        assertEquals(n, p.get("appliedSeq").asLong(), p.toString());
        assertEquals(0, p.get("changesBehind").asLong(), p.toString());
      }
    }
  }

  @Test
  void sampleArchiveIsLoadedOnlyIntoAnEmptyCatalog() throws Exception {
    Path data = dir.resolve("data");
    long seq;
    try (TestServer server = TestServer.start(data, Map.of())) {
      seq = server.server().context().catalog().lastChangeSeq();
    }
    try (TestServer server = TestServer.start(data, Map.of())) {
      assertEquals(seq, server.server().context().catalog().lastChangeSeq(), "a restart imports nothing again");
    }
  }

  @Test
  void healthIs503UntilTheCatalogIsOpen() {
    ServerContext starting = new ServerContext(Settings.defaults());
    var response = new HealthResource(starting, new DerivedStores(Settings.defaults())).health();
    assertEquals(503, response.getStatus());
    assertEquals("1", response.getHeaderString("Retry-After"));
  }

  @Test
  void serverRunsOnAPostgresCatalog() throws Exception {
    String url = org.dossier.testing.Postgres.freshDatabaseUrl();
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(Settings.CATALOG_URL.key(), url,
        Settings.CATALOG_USER.key(), org.dossier.testing.Postgres.USER))) {
      JsonNode body = RecordJson.read(server.get("/health").body());
      assertEquals("postgresql", body.get("catalog").asString());
      assertEquals(30, body.get("records").asInt());
    }
  }

  @Test
  void unknownPathIs404WithoutAStackTrace() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of())) {
      HttpResponse<String> r = server.get("/no/such/thing");
      assertEquals(404, r.statusCode());
      assertFalse(r.body().contains("Exception"), r.body());
    }
  }

  @Test
  void portInUseIsAClearStartFailure() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      DossierServer.ServerStartException e = assertThrows(DossierServer.ServerStartException.class,
          () -> TestServer.start(dir.resolve("data"), Map.of(Settings.SERVER_PORT.key(), Integer.toString(taken.getLocalPort()))));
      assertTrue(e.getMessage().contains("already in use"), e.getMessage());
    }
  }

  @Test
  void unreachableDatabaseIsAClearStartFailure() {
    DossierServer.ServerStartException e = assertThrows(DossierServer.ServerStartException.class,
        () -> TestServer.start(dir.resolve("data"), Map.of(Settings.CATALOG_URL.key(), "jdbc:postgresql://127.0.0.1:1/none")));
    assertTrue(e.getMessage().contains("cannot open the catalog"), e.getMessage());
  }

  @Test
  void unwritableDataDirectoryIsAClearStartFailure() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    DossierServer.ServerStartException e = assertThrows(DossierServer.ServerStartException.class,
        () -> TestServer.start(file.resolve("data"), Map.of()));
    assertTrue(e.getMessage().contains("data directory"), e.getMessage());
  }

  @Test
  void sampleScansAreRenderedIntoTheImageStore() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of())) {
      var catalog = server.server().context().catalog();
      var record = catalog.record("1950-04-conversation-stalin-kim-il-sung").orElseThrow();
      var page = record.pages().get(0);
      assertTrue(SampleArchive.ensureScan(server.server().context().imageStore(), record, page));
      Path file = server.server().context().imageStore().resolve(page.image());
      var image = javax.imageio.ImageIO.read(file.toFile());
      assertEquals(2480, image.getWidth());
      assertEquals(3508, image.getHeight());
    }
  }
}
