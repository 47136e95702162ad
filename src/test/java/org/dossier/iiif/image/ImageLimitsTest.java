package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The configured limits: sizes (maxWidth, maxHeight, maxArea) and the concurrency bound. */
class ImageLimitsTest {
  static TestServer server;
  static final String QUAD = "/iiif/image/3/quad-p1";

  @BeforeAll
  static void start() throws IOException {
    server =
        TestServer.start(
            Map.of(
                "archive.load-sample",
                "false",
                "iiif.image.concurrency",
                "1",
                "iiif.image.wait-seconds",
                "0",
                "iiif.image.max-width",
                "1000",
                "iiif.image.max-height",
                "800",
                "iiif.image.max-area",
                "500000"));
    TestImages.write(
        TestImages.quadrants(2600, 2000),
        "png",
        server.dataDir().resolve("images/test/quadrants.png"));
    TestImages.addRecord(
        server.server().catalog(), "quad", TestImages.page("test/quadrants.png", 2600, 2000));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void infoJsonAdvertisesTheLimitsAndListsOnlySizesInsideThem() throws Exception {
    JsonNode info = RecordJson.read(server.get(QUAD + "/info.json").body());
    assertEquals(1000, info.get("maxWidth").asInt());
    assertEquals(800, info.get("maxHeight").asInt());
    assertEquals(500000, info.get("maxArea").asInt());
    // "Servers MUST ensure that sizes specified by any sizes or tiles properties are within any
    // size limits expressed."
    assertEquals(
        "[{\"width\":325,\"height\":250},{\"width\":650,\"height\":500}]",
        info.get("sizes").toString());
  }

  @Test
  void maxIsScaledDownToTheLimitsAndExplicitSizesBeyondThemAre400() throws Exception {
    // "max: ... unless it is constrained to a smaller size by maxWidth, maxHeight, or maxArea"
    HttpResponse<byte[]> max = server.getBytes(QUAD + "/full/max/0/default.jpg");
    assertEquals(200, max.statusCode());
    java.awt.image.BufferedImage image = TestImages.decode(max.body());
    assertEquals("806x620", image.getWidth() + "x" + image.getHeight());
    assertTrue(
        max.headers()
            .allValues("Link")
            .contains(
                "<" + server.baseUrl() + QUAD + "/full/max/0/default.jpg>;rel=\"canonical\""));
    HttpResponse<String> area = server.get(QUAD + "/full/900,/0/default.jpg");
    assertEquals(400, area.statusCode());
    assertTrue(area.body().contains("maxArea 500000"), area.body());
    assertEquals(400, server.get(QUAD + "/full/1001,10/0/default.jpg").statusCode());
    assertEquals(400, server.get(QUAD + "/full/10,801/0/default.jpg").statusCode());
  }

  @Test
  void computedRequestsBeyondTheConcurrencyBoundAre503WithRetryAfter() throws Exception {
    server.get(QUAD + "/info.json");
    boolean refused = false;
    for (int round = 0; round < 5 && !refused; round++) {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(
                    server.uri(QUAD + "/full/" + (700 + 10 * round + i) + ",/0/default.png"))
                .build();
        inFlight.add(server.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        HttpResponse<String> r = f.join();
        assertTrue(r.statusCode() == 200 || r.statusCode() == 503, "status " + r.statusCode());
        if (r.statusCode() == 503) {
          refused = true;
          assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
          assertEquals(List.of("*"), r.headers().allValues("Access-Control-Allow-Origin"));
        }
      }
    }
    assertTrue(
        refused,
        "eight computed requests at once with a bound of one and no wait: at least one is refused");
    // Tiles are file reads and are not bounded.
    assertEquals(200, server.getBytes(QUAD + "/0,0,512,512/512,512/0/default.jpg").statusCode());
  }

  @Test
  void computedRequestsPastTheBoundWaitForTheirTurnWithinTheWait() throws Exception {
    try (TestServer waiting =
        TestServer.start(
            Map.of(
                "archive.load-sample", "false",
                "iiif.image.concurrency", "1",
                "iiif.image.wait-seconds", "60"))) {
      TestImages.write(
          TestImages.quadrants(2600, 2000),
          "png",
          waiting.dataDir().resolve("images/test/quadrants.png"));
      TestImages.addRecord(
          waiting.server().catalog(), "quad", TestImages.page("test/quadrants.png", 2600, 2000));
      waiting.get(QUAD + "/info.json");
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(waiting.uri(QUAD + "/full/" + (700 + i) + ",/0/default.png"))
                .build();
        inFlight.add(waiting.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        assertEquals(200, f.join().statusCode(), "each waits for its turn instead of a 503");
      }
    }
  }
}
