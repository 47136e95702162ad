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
