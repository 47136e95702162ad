package org.dossier.iiif.image;

import static org.dossier.iiif.image.TestImages.BLACK;
import static org.dossier.iiif.image.TestImages.BLUE;
import static org.dossier.iiif.image.TestImages.GREEN;
import static org.dossier.iiif.image.TestImages.RED;
import static org.dossier.iiif.image.TestImages.WHITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The Image API 2.1 at {@code /iiif/image/2/} on a real server, over the same pyramids as 3.0 (the
 * quadrant image of {@link TestImages}, 1300x1000 as PNG). Where the two versions agree the same
 * request gives the same bytes under both prefixes; where they differ (2.1's {@code full} size, no
 * {@code ^}, upscaling and best fit above the region, 404 beyond the limits, the canonical {@code
 * w,} size, info.json's shape and media type) each difference is checked on its own.
 */
class ImageApi2Test {
  static final int W = 1300;
  static final int H = 1000;
  static final String V2 = "/iiif/image/2/quad2-p1";
  static final String V3 = "/iiif/image/3/quad2-p1";
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start();
    TestImages.write(
        TestImages.quadrants(W, H),
        "png",
        server.dataDir().resolve("images").resolve("test/quad2.png"));
    TestImages.addRecord(
        server.server().catalog(), "quad2", TestImages.page("test/quad2.png", W, H));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return server.getBytes(path, headers);
  }

  static BufferedImage image(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body()));
    return TestImages.decode(r.body());
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    return RecordJson.read(new String(r.body(), StandardCharsets.UTF_8));
  }

  static void assertColour(BufferedImage image, int x, int y, Color expected) {
    assertTrue(
        TestImages.near(image, x, y, expected, 48),
        () -> "expected " + expected + " but found " + TestImages.describe(image, x, y));
  }

  // ---- image information (2.1 section 5) ----

  @Test
  void infoJsonIsTheImageApi21DocumentOfTheSamePyramid() throws Exception {
    HttpResponse<byte[]> r = get(V2 + "/info.json");
    assertEquals(200, r.statusCode());
    // "otherwise the server MUST return the regular JSON content-type"
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        List.of("<http://iiif.io/api/image/2/level2.json>;rel=\"profile\""),
        r.headers().allValues("Link"));
    JsonNode info = json(r);
    assertEquals("http://iiif.io/api/image/2/context.json", info.get("@context").asString());
    assertEquals(server.baseUrl() + V2, info.get("@id").asString());
    assertEquals("http://iiif.io/api/image", info.get("protocol").asString());
    assertEquals(W, info.get("width").asInt());
    assertEquals(H, info.get("height").asInt());
    // "The first entry in the list MUST be a compliance level URI."
    JsonNode profile = info.get("profile");
    assertEquals("http://iiif.io/api/image/2/level2.json", profile.get(0).asString());
    JsonNode features = profile.get(1);
    assertEquals("[\"jpg\",\"png\"]", features.get("formats").toString());
    assertEquals(
        "[\"default\",\"color\",\"gray\",\"bitonal\"]", features.get("qualities").toString());
    assertEquals(4096, features.get("maxWidth").asInt());
    assertEquals(16777216, features.get("maxArea").asLong());
    List<String> supports = new ArrayList<>();
    features.get("supports").forEach(f -> supports.add(f.asString()));
    assertTrue(
        supports.containsAll(
            List.of(
                "baseUriRedirect",
                "cors",
                "jsonldMediaType",
                "regionByPct",
                "regionSquare",
                "sizeAboveFull",
                "sizeByDistortedWh",
                "sizeByConfinedWh",
                "mirroring",
                "rotationArbitrary")),
        supports::toString);
    // The same tiles and sizes as the 3.0 document: one pyramid.
    JsonNode v3 = json(get(V3 + "/info.json"));
    assertEquals(v3.get("tiles").toString(), info.get("tiles").toString());
    assertEquals(v3.get("sizes").toString(), info.get("sizes").toString());
    assertTrue(info.get("license").asString().startsWith("http://rightsstatements.org/"));
    // 3.0-only properties stay out.
    assertTrue(info.get("id") == null && info.get("type") == null && info.get("maxWidth") == null);
  }

  @Test
  void jsonLdOnlyWhenAskedFor() throws Exception {
    HttpResponse<byte[]> ld = get(V2 + "/info.json", "Accept", "application/ld+json");
    assertEquals(
        "application/ld+json;profile=\"http://iiif.io/api/image/2/context.json\"",
        ld.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "application/json",
        get(V2 + "/info.json", "Accept", "*/*").headers().firstValue("Content-Type").get());
  }

  @Test
  void baseUriRedirectsToThe21InfoJson() throws Exception {
    HttpResponse<byte[]> r = get(V2);
    assertEquals(303, r.statusCode());
    assertEquals(
        server.baseUrl() + V2 + "/info.json", r.headers().firstValue("Location").orElseThrow());
    assertEquals(404, get("/iiif/image/2/nosuchrecord-p1").statusCode());
    assertEquals(404, get("/iiif/image/2/nosuchrecord-p1/info.json").statusCode());
  }

  // ---- where 2.1 and 3.0 agree: the same request, the same bytes ----

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "full/max/0/default.jpg",
        "full/max/0/default.png",
        "0,0,512,512/512,512/0/default.jpg", // a stored tile
        "1024,512,276,488/276,488/0/default.jpg", // an edge tile
        "full/325,250/0/default.jpg", // a listed size
        "full/650,/0/default.jpg",
        "full/,500/0/default.jpg",
        "full/pct:25/0/default.jpg",
        "full/!400,400/0/default.jpg",
        "full/300,100/0/default.jpg", // w,h distorts in both
        "pct:10,10,50,50/max/0/default.jpg",
        "100,100,200,200/max/0/default.png",
        "square/200,/0/default.jpg",
        "1200,900,400,400/max/0/default.jpg", // cropped at the edge
        "full/200,/90/default.jpg",
        "full/200,/!180/default.png",
        "full/200,/22.5/default.png",
        "full/200,/0/gray.jpg",
        "full/200,/0/bitonal.png",
        "full/200,/0/color.jpg"
      })
  void whereTheVersionsAgreeTheBytesAreTheSame(String params) throws Exception {
    HttpResponse<byte[]> two = get(V2 + "/" + params);
    HttpResponse<byte[]> three = get(V3 + "/" + params);
    assertEquals(200, two.statusCode(), () -> new String(two.body()));
    assertEquals(200, three.statusCode(), () -> new String(three.body()));
    assertEquals(
        three.headers().firstValue("Content-Type"), two.headers().firstValue("Content-Type"));
    assertArrayEquals(three.body(), two.body(), params);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "nonsense/max/0/default.jpg",
        "0,0,0,10/max/0/default.jpg",
        "2000,0,10,10/max/0/default.jpg",
        "full/nonsense/0/default.jpg",
        "full/0,/0/default.jpg",
        "full/max/361/default.jpg",
        "full/max/0/sepia.jpg",
        "full/max/0/default.gif",
        "full/max/0/default"
      })
  void syntaxErrorsAre400InBoth(String params) throws Exception {
    assertEquals(400, get(V2 + "/" + params).statusCode(), params);
    assertEquals(400, get(V3 + "/" + params).statusCode(), params);
  }

  @Test
  void pixelsLandWhereTheyShould() throws Exception {
    BufferedImage quarter = image(V2 + "/full/pct:25/0/default.png");
    assertEquals("325x250", quarter.getWidth() + "x" + quarter.getHeight());
    assertColour(quarter, 100, 40, RED);
    assertColour(quarter, 250, 40, GREEN);
    assertColour(quarter, 100, 200, BLUE);
    assertColour(quarter, 250, 200, WHITE);
    BufferedImage square = image(V2 + "/100,100,100,100/full/0/default.png");
    assertColour(square, 50, 50, BLACK);
  }

  // ---- where 2.1 differs from 3.0 ----

  @Test
  void sizeFullIsTheRegionUnscaledIn21AndUnknownIn30() throws Exception {
    BufferedImage full = image(V2 + "/full/full/0/default.jpg");
    assertEquals(W + "x" + H, full.getWidth() + "x" + full.getHeight());
    BufferedImage region = image(V2 + "/0,0,650,500/full/0/default.png");
    assertEquals("650x500", region.getWidth() + "x" + region.getHeight());
    assertColour(region, 10, 10, RED);
    assertEquals(400, get(V3 + "/full/full/0/default.jpg").statusCode());
  }

  @Test
  void sizesUpscaleWithoutTheCaretIn21() throws Exception {
    // "The image server MAY support scaling above the full size of the extracted region."
    BufferedImage up = image(V2 + "/100,100,100,100/300,/0/default.jpg");
    assertEquals("300x300", up.getWidth() + "x" + up.getHeight());
    assertColour(up, 150, 150, BLACK);
    assertEquals(400, get(V3 + "/0,0,100,100/300,/0/default.jpg").statusCode());
    assertEquals(200, get(V3 + "/0,0,100,100/%5E300,/0/default.jpg").statusCode());
    BufferedImage pct = image(V2 + "/0,0,100,100/pct:150/0/default.jpg");
    assertEquals("150x150", pct.getWidth() + "x" + pct.getHeight());
    // !w,h is the best fit inside w,h, above the region's size too; 3.0 stops at the region.
    BufferedImage fit = image(V2 + "/0,0,200,100/!600,600/0/default.jpg");
    assertEquals("600x300", fit.getWidth() + "x" + fit.getHeight());
    BufferedImage fit3 = image(V3 + "/0,0,200,100/!600,600/0/default.jpg");
    assertEquals("200x100", fit3.getWidth() + "x" + fit3.getHeight());
    // 2.1 has no ^ at all.
    assertEquals(400, get(V2 + "/full/%5Emax/0/default.jpg").statusCode());
    assertEquals(400, get(V2 + "/full/%5E200,/0/default.jpg").statusCode());
  }

  @Test
  void sizesBeyondTheLimitsAre404In21And400In30() throws Exception {
    // 2.1 section 7: 404 when "the requested size is greater than the limits specified"
    HttpResponse<byte[]> two = get(V2 + "/full/5000,/0/default.jpg");
    assertEquals(404, two.statusCode());
    assertTrue(new String(two.body(), StandardCharsets.UTF_8).contains("maxWidth 4096"));
    assertEquals(400, get(V3 + "/full/%5E5000,/0/default.jpg").statusCode());
  }

  @Test
  void canonicalLinksUseThe21Forms() throws Exception {
    // 2.1 4.7: size "full" if the default size, "w," keeping the aspect ratio, "w,h" otherwise.
    assertEquals("full/full/0/default.jpg", canonical(V2, "full/max/0/default.jpg"));
    assertEquals("full/full/0/default.jpg", canonical(V2, "0,0,1300,1000/full/0/default.jpg"));
    assertEquals("full/650,/0/default.jpg", canonical(V2, "full/,500/0/default.jpg"));
    assertEquals("full/650,/0/default.jpg", canonical(V2, "full/pct:50/0/default.jpg"));
    assertEquals("full/300,100/0/default.jpg", canonical(V2, "full/300,100/0/default.jpg"));
    assertEquals(
        "0,0,512,512/full/0/default.jpg", canonical(V2, "0,0,512,512/512,512/0/default.jpg"));
    assertEquals(
        "0,0,1024,1000/512,/0/default.jpg", canonical(V2, "0,0,1024,1000/512,500/0/default.jpg"));
    // 3.0 writes max and w,h for the same requests.
    assertEquals("full/max/0/default.jpg", canonical(V3, "full/1300,1000/0/default.jpg"));
    assertEquals("full/650,500/0/default.jpg", canonical(V3, "full/,500/0/default.jpg"));
  }

  private static String canonical(String base, String params) throws Exception {
    HttpResponse<byte[]> r = get(base + "/" + params);
    assertEquals(200, r.statusCode(), () -> params + ": " + new String(r.body()));
    String prefix = "<" + server.baseUrl() + base + "/";
    for (String link : r.headers().allValues("Link")) {
      if (link.endsWith(">;rel=\"canonical\"")) {
        assertTrue(link.startsWith(prefix), link);
        return link.substring(prefix.length(), link.length() - ">;rel=\"canonical\"".length());
      }
    }
    throw new AssertionError("no canonical link on " + params);
  }

  @Test
  void corsAsFor30IncludingErrorsAndPreflight() throws Exception {
    for (String path :
        List.of(
            V2 + "/info.json",
            V2 + "/full/260,/0/default.jpg",
            V2 + "/full/nonsense/0/default.jpg",
            "/iiif/image/2/nosuch-p1/info.json")) {
      HttpResponse<byte[]> r = get(path, "Origin", "http://viewer.example");
      assertEquals(
          List.of("*"),
          r.headers().allValues("Access-Control-Allow-Origin"),
          path + " (" + r.statusCode() + ")");
    }
    HttpResponse<String> preflight =
        server.send(
            HttpRequest.newBuilder(server.uri(V2 + "/info.json"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://viewer.example")
                .header("Access-Control-Request-Method", "GET")
                .build());
    assertEquals(204, preflight.statusCode());
  }

  @Test
  void presentation21ManifestsPointAtThe21Service() throws Exception {
    JsonNode manifest = json(get("/iiif/2/quad2/manifest"));
    JsonNode resource = manifest.at("/sequences/0/canvases/0/images/0/resource");
    String service = resource.at("/service/@id").asString();
    assertEquals(server.baseUrl() + V2, service);
    assertEquals(
        "http://iiif.io/api/image/2/level2.json", resource.at("/service/profile").asString());
    // The resource and the service answer, in 2.1 terms.
    String path = service.substring(server.baseUrl().length());
    assertEquals(server.baseUrl() + V2, json(get(path + "/info.json")).get("@id").asString());
    BufferedImage full = image(resource.get("@id").asString().substring(server.baseUrl().length()));
    assertEquals(resource.get("width").asInt(), full.getWidth());
    JsonNode thumb = manifest.get("thumbnail");
    BufferedImage t = image(thumb.get("@id").asString().substring(server.baseUrl().length()));
    assertEquals(
        thumb.get("width").asInt() + "x" + thumb.get("height").asInt(),
        t.getWidth() + "x" + t.getHeight());
    // 3.0 keeps 3.0.
    JsonNode v3 = json(get("/iiif/3/quad2/manifest"));
    assertEquals(
        server.baseUrl() + V3, v3.at("/items/0/items/0/items/0/body/service/0/id").asString());
  }
}
