package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.testing.Fixtures;
import org.dossier.testing.PrometheusText;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * /health/live and /health/ready on a real server: live as soon as the port answers, ready only
 * once the catalog is open and while every derived store keeps within health.max-lag-seconds.
 */
class HealthProbesTest {
  @TempDir Path dir;

  @Test
  void liveWhileStartingReadyOnceOpen() throws Exception {
    Settings settings =
        Settings.load(
            null,
            Map.of(),
            Map.of(
                "server.port", "0",
                "server.host", "127.0.0.1",
                "data.dir", dir.resolve("data").toString()));
    HttpClient client = HttpClient.newHttpClient();
    try (DossierServer server = DossierServer.bind(settings)) {
      HttpResponse<String> live = get(client, server, "/health/live");
      assertEquals(200, live.statusCode(), "live before the catalog is open");
      assertEquals("live", RecordJson.read(live.body()).get("status").asString());
      HttpResponse<String> ready = get(client, server, "/health/ready");
      assertEquals(503, ready.statusCode());
      assertEquals("starting", RecordJson.read(ready.body()).get("status").asString());
      assertEquals(503, get(client, server, "/health").statusCode());

      server.open();
      ready = get(client, server, "/health/ready");
      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals("ready", RecordJson.read(ready.body()).get("status").asString());
      assertEquals(200, get(client, server, "/health/live").statusCode());
      assertEquals(200, get(client, server, "/health").statusCode(), "the summary is still there");
    }
  }

  @Test
  void notReadyWhileADerivedStoreLagsLongerThanTheBound() throws Exception {
    // The stores look at the change log once a day: a change written now waits.
    try (TestServer server =
        TestServer.start(
            Map.of("projection.poll-millis", "86400000", "health.max-lag-seconds", "1"))) {
      HttpResponse<String> ready = server.get("/health/ready");
      assertEquals(200, ready.statusCode(), ready.body());
      // A wake from the start (the sample archive loaded beside the stores) may still be pending
      // and apply the first change at once; from the second on, a lane waits its poll.
      for (int attempt = 1; ; attempt++) {
        try (CatalogWriter writer = server.server().catalog().writer()) {
          writer.put(
              Fixtures.record("waiting-" + attempt)
                  .title("A change the stores have not seen")
                  .build());
          writer.commit();
        }
        Thread.sleep(200);
        if (server.server().derivedStores().follower().lag().stream()
            .allMatch(l -> l.changesBehind() == 1)) {
          break;
        }
        assertTrue(attempt < 3, "the stores keep applying changes although nothing wakes them");
        // Some store took it: bring them all level, then write again.
        server.server().derivedStores().follower().wake();
        for (int i = 0;
            i < 200
                && !server.server().derivedStores().follower().lag().stream()
                    .allMatch(l -> l.changesBehind() == 0);
            i++) {
          Thread.sleep(25);
        }
      }
      // The first look sees the change; a second after it has waited longer than the bound.
      assertEquals(200, server.get("/health/ready").statusCode());
      Thread.sleep(2200);
      ready = server.get("/health/ready");
      assertEquals(503, ready.statusCode(), ready.body());
      JsonNode body = RecordJson.read(ready.body());
      assertEquals("not ready", body.get("status").asString());
      assertTrue(body.get("reasons").size() > 0, ready.body());
      assertTrue(
          body.get("reasons").get(0).asString().contains("health.max-lag-seconds=1"), ready.body());
      assertEquals(200, server.get("/health").statusCode(), "the summary reports, and is 200");
      assertEquals(200, server.get("/health/live").statusCode());

      PrometheusText m = MetricsTest.scrape(server);
      JsonNode health = RecordJson.read(server.get("/health").body());
      for (JsonNode p : health.get("projections")) {
        String name = p.get("name").asString();
        assertEquals(1, m.value("dossier_projection_lag_changes", "projection", name), name);
        assertTrue(m.value("dossier_projection_lag_seconds", "projection", name) >= 2, name);
      }

      server.server().derivedStores().follower().wake();
      for (int i = 0; i < 100 && ready.statusCode() != 200; i++) {
        Thread.sleep(50);
        ready = server.get("/health/ready");
      }
      assertEquals(200, ready.statusCode(), "ready again once the stores caught up");
    }
  }

  private static HttpResponse<String> get(HttpClient client, DossierServer server, String path)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
