package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.Selection;
import org.dossier.config.Settings;
import org.dossier.sample.SampleArchive;
import org.dossier.testing.TestServer;
import org.dossier.urls.Urls;
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
      assertTrue(
          health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      assertEquals(1, server.server().catalog().collections().size());
    }
  }

  @Test
  void healthCountsTheLiveRecordsAfterEveryChange() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of())) {
      assertEquals(30, RecordJson.read(server.get("/health").body()).get("records").asInt());
      assertEquals(30, RecordJson.read(server.get("/health").body()).get("records").asInt());
      var catalog = server.server().catalog();
      String id = catalog.list(Selection.ALL, null, 1).get(0).id();
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
    try (TestServer server =
        TestServer.start(data, Map.of(Settings.PROJECTION_POLL_MILLIS.key(), "3600000"))) {
      long seq = server.server().catalog().lastChangeSeq();
      // The start waits for the search index and the RDF store, not for the OAI renditions,
      // which requests can do without.
      DerivedStores stores = server.server().derivedStores();
      assertTrue(stores.follower().awaitCurrent(stores.oaiRenditions(), seq));
      JsonNode projections = RecordJson.read(server.get("/health").body()).get("projections");
      assertEquals(3, projections.size());
      assertEquals("search", projections.get(0).get("name").asString());
      assertEquals("rdf", projections.get(1).get("name").asString());
      assertEquals("oai", projections.get(2).get("name").asString());
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
   * With projection.startup=background the server is ready while its stores still apply a backlog:
   * /health answers 200 (the catalog is what the server serves from) and shows the lag.
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
    try (TestServer server =
        TestServer.start(
            data,
            Map.of(
                Settings.PROJECTION_STARTUP.key(),
                "background",
                Settings.ARCHIVE_LOAD_SAMPLE.key(),
                "false"))) {
      // The stores open after ready: their lag is listed once they are open.
      server.server().awaitStores();
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
      assertEquals(
          200,
          server.get("/records/bulk-00001").statusCode(),
          "pages answer from the catalog meanwhile");

      server.server().derivedStores().follower().catchUpNow();
      for (JsonNode p : RecordJson.read(server.get("/health").body()).get("projections")) {
        assertEquals(n, p.get("appliedSeq").asLong(), p.toString());
        assertEquals(0, p.get("changesBehind").asLong(), p.toString());
      }
    }
  }

  /**
   * A store projected for another base URL never holds the server up: /health answers 200 at once
   * with the RDF store's lag (the whole change log), the store is projected again in the
   * background, and then SPARQL answers in the new base URL's terms only.
   */
  @Test
  void afterABaseUrlChangeTheServerIsReadyAtOnceAndTheRdfStoreIsProjectedAgainInTheBackground()
      throws Exception {
    Path data = dir.resolve("data");
    int n = 8000;
    try (Catalog catalog = Catalog.openSqlite(data, 2);
        var w = catalog.writer()) {
      for (int i = 0; i < n; i++) {
        w.put(org.dossier.testing.Fixtures.record(String.format("bulk-%05d", i)).build());
      }
      w.commit();
    }
    String old = "http://old.example.org";
    String now = "http://new.example.org/archive";
    try (TestServer server =
        TestServer.start(
            data,
            Map.of(
                Settings.SERVER_BASE_URL.key(),
                old,
                Settings.ARCHIVE_LOAD_SAMPLE.key(),
                "false"))) {
      assertTrue(ask(server, "ASK { <" + old + "/id/record/bulk-00001> ?p ?o }"));
    }
    try (TestServer server =
        TestServer.start(
            data,
            Map.of(
                Settings.SERVER_BASE_URL.key(),
                now,
                Settings.PROJECTION_STARTUP.key(),
                "background",
                Settings.ARCHIVE_LOAD_SAMPLE.key(),
                "false"))) {
      server.server().awaitStores();
      JsonNode rdf = rdfLag(server);
      assertTrue(rdf.get("changesBehind").asLong() > 0, "ready before the re-projection: " + rdf);
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (rdfLag(server).get("changesBehind").asLong() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(0, rdfLag(server).get("changesBehind").asLong(), "caught up within 120 s");
      assertTrue(ask(server, "ASK { <" + now + "/id/record/bulk-00001> ?p ?o }"));
      assertFalse(
          ask(server, "ASK { ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"" + old + "\")) }"),
          "nothing of the old base URL is left");
    }
  }

  private static JsonNode rdfLag(TestServer server) throws Exception {
    HttpResponse<String> health = server.get("/health");
    assertEquals(200, health.statusCode(), health.body());
    for (JsonNode p : RecordJson.read(health.body()).get("projections")) {
      if (p.get("name").asString().equals("rdf")) {
        return p;
      }
    }
    throw new AssertionError("no rdf projection in " + health.body());
  }

  private static boolean ask(TestServer server, String query) throws Exception {
    HttpResponse<String> r =
        server.get(
            "/sparql?query="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8),
            "Accept",
            "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    return RecordJson.read(r.body()).get("boolean").asBoolean();
  }

  @Test
  void sampleArchiveIsLoadedOnlyIntoAnEmptyCatalog() throws Exception {
    Path data = dir.resolve("data");
    long seq;
    try (TestServer server = TestServer.start(data, Map.of())) {
      seq = server.server().catalog().lastChangeSeq();
    }
    try (TestServer server = TestServer.start(data, Map.of())) {
      assertEquals(
          seq, server.server().catalog().lastChangeSeq(), "a restart imports nothing again");
    }
  }

  @Test
  void everythingIs503UntilTheCatalogIsOpenThenTheProtocolsAnswer() throws Exception {
    Settings settings =
        Settings.load(
            null,
            Map.of(),
            Map.of(
                Settings.SERVER_PORT.key(),
                "0",
                Settings.SERVER_HOST.key(),
                "127.0.0.1",
                Settings.DATA_DIR.key(),
                dir.resolve("data").toString()));
    try (DossierServer server = DossierServer.bind(settings)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> health =
          client.send(get(server, "/health"), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, health.statusCode());
      assertEquals("1", health.headers().firstValue("Retry-After").orElseThrow());
      assertEquals("starting", RecordJson.read(health.body()).get("status").asString());
      HttpResponse<String> oai =
          client.send(get(server, "/oai?verb=Identify"), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, oai.statusCode());
      assertEquals("1", oai.headers().firstValue("Retry-After").orElseThrow());
      assertThrows(IllegalStateException.class, server::catalog, "nothing is open yet");

      server.open();
      assertEquals(
          200,
          client.send(get(server, "/health"), HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpResponse<String> identify =
          client.send(get(server, "/oai?verb=Identify"), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, identify.statusCode());
      assertTrue(identify.body().contains("<Identify>"), identify.body());
    }
  }

  private static HttpRequest get(DossierServer server, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
  }

  @Test
  void serverRunsOnAPostgresCatalog() throws Exception {
    String url = org.dossier.testing.Postgres.freshDatabaseUrl();
    try (TestServer server =
        TestServer.start(
            dir.resolve("data"),
            Map.of(
                Settings.CATALOG_URL.key(),
                url,
                Settings.CATALOG_USER.key(),
                org.dossier.testing.Postgres.USER))) {
      JsonNode body = RecordJson.read(server.get("/health").body());
      assertEquals("postgresql", body.get("catalog").asString());
      // Production mode: an empty PostgreSQL catalog gets no sample unasked (ProductionModeTest).
      assertEquals(0, body.get("records").asInt());
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
      DossierServer.ServerStartException e =
          assertThrows(
              DossierServer.ServerStartException.class,
              () ->
                  TestServer.start(
                      dir.resolve("data"),
                      Map.of(Settings.SERVER_PORT.key(), Integer.toString(taken.getLocalPort()))));
      assertTrue(e.getMessage().contains("already in use"), e.getMessage());
    }
  }

  @Test
  void unreachableDatabaseIsAClearStartFailure() {
    DossierServer.ServerStartException e =
        assertThrows(
            DossierServer.ServerStartException.class,
            () ->
                TestServer.start(
                    dir.resolve("data"),
                    Map.of(Settings.CATALOG_URL.key(), "jdbc:postgresql://127.0.0.1:1/none")));
    assertTrue(e.getMessage().contains("cannot open the catalog"), e.getMessage());
  }

  @Test
  void unwritableDataDirectoryIsAClearStartFailure() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    DossierServer.ServerStartException e =
        assertThrows(
            DossierServer.ServerStartException.class,
            () -> TestServer.start(file.resolve("data"), Map.of()));
    assertTrue(e.getMessage().contains("data directory"), e.getMessage());
  }

  @Test
  void sampleScansAreRenderedWhenAPageIsFirstAskedForAndNotBefore() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of())) {
      SampleArchive.Scans scans = server.server().sampleScans();
      Catalog catalog = server.server().catalog();
      Path store = server.server().imageStore();
      Set<String> pending = scans.pending();
      assertFalse(pending.isEmpty(), "a fresh data directory holds no sample scan yet");
      List<Record> records = catalog.list(Selection.ALL, null, 1000);
      Record asked = records.get(records.size() - 1);
      Record other = records.get(0);
      String scan = asked.pages().get(0).image();
      String otherScan = other.pages().get(0).image();
      assertTrue(pending.contains(scan) && pending.contains(otherScan), pending.toString());

      // Nothing renders in the background: a second later the scans are still missing.
      Thread.sleep(1000);
      assertFalse(Files.exists(store.resolve(scan)), scan);
      assertEquals(pending, scans.pending());

      // The first request for the page renders its scan and waits for it.
      String image = "/iiif/image/3/" + Urls.imageId(asked.id(), 1);
      HttpResponse<String> info = server.get(image + "/info.json");
      assertEquals(200, info.statusCode(), info.body());
      assertTrue(Files.isRegularFile(store.resolve(scan)), scan);
      assertFalse(scans.isPending(scan));
      // Only that page: the others wait for their own first request.
      assertTrue(scans.isPending(otherScan));
      assertFalse(Files.exists(store.resolve(otherScan)), otherScan);

      HttpResponse<byte[]> full = server.getBytes(image + "/full/max/0/default.jpg");
      assertEquals(200, full.statusCode());
      BufferedImage page = ImageIO.read(new ByteArrayInputStream(full.body()));
      assertEquals(2480, page.getWidth());
      assertEquals(3508, page.getHeight());

      // Several pages asked for at once are each rendered once, one after the other.
      List<String> firstPages = new ArrayList<>();
      for (Record r : records.subList(0, 6)) {
        firstPages.add("/iiif/image/3/" + Urls.imageId(r.id(), 1) + "/full/200,/0/default.jpg");
      }
      List<Integer> statuses =
          firstPages.parallelStream()
              .map(
                  path -> {
                    try {
                      return server.getBytes(path).statusCode();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
      assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses);

      assertEquals(pending.size() - 7, scans.renderAll());
      assertEquals(Set.of(), scans.pending());
      for (Record r : records) {
        for (Page p : r.pages()) {
          assertTrue(Files.isRegularFile(store.resolve(p.image())), p.image());
        }
      }
    }
  }
}
