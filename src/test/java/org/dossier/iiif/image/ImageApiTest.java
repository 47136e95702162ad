package org.dossier.iiif.image;

import static org.dossier.iiif.image.TestImages.BLACK;
import static org.dossier.iiif.image.TestImages.BLUE;
import static org.dossier.iiif.image.TestImages.GREEN;
import static org.dossier.iiif.image.TestImages.RED;
import static org.dossier.iiif.image.TestImages.WHITE;
import static org.dossier.iiif.image.TestImages.describe;
import static org.dossier.iiif.image.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.Selection;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Image API 3.0 on a real server. Each parameter family is checked on the pixels of a test
 * image with known colours at known places ({@link TestImages#quadrants}, 2600x2000: red, green,
 * blue and white quarters and a black square at 100,100); the sentence of the specification a check
 * rests on is quoted above it.
 */
class ImageApiTest {
  static final int W = 2600;
  static final int H = 2000;
  static final String QUAD = "/iiif/image/3/quad-p1";
  static TestServer server;
  static Path images;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start();
    images = server.dataDir().resolve("images");
    Catalog catalog = server.server().catalog();
    TestImages.write(TestImages.quadrants(W, H), "png", images.resolve("test/quadrants.png"));
    TestImages.addRecord(catalog, "quad", TestImages.page("test/quadrants.png", W, H));
    TestImages.write(TestImages.quadrants(1300, 1000), "jpg", images.resolve("test/quadrants.jpg"));
    TestImages.addRecord(catalog, "quadjpg", TestImages.page("test/quadrants.jpg", 1300, 1000));
    TestImages.writeTiledPyramidTiff(
        TestImages.quadrants(1000, 800), images.resolve("test/pyramid.tif"));
    TestImages.addRecord(catalog, "tiff", TestImages.page("test/pyramid.tif", 1000, 800));
    BufferedImage gray = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSamples(0, 0, 150, 200, 0, filled(150 * 200, 128));
    TestImages.write(gray, "png", images.resolve("test/gray.png"));
    TestImages.addRecord(catalog, "gray", TestImages.page("test/gray.png", 300, 200));
    TestImages.writePngHeaderOnly(images.resolve("test/bomb.png"), 20000, 20000);
    TestImages.addRecord(catalog, "bomb", TestImages.page("test/bomb.png", 20000, 20000));
    // Scans the catalog names outside the image store: never served.
    TestImages.write(
        TestImages.quadrants(100, 100), "png", server.dataDir().resolve("outside.png"));
    TestImages.addRecord(catalog, "escape", TestImages.page("../outside.png", 100, 100));
    TestImages.addRecord(
        catalog,
        "absolute",
        TestImages.page(server.dataDir().resolve("outside.png").toString(), 100, 100));
    Files.createSymbolicLink(
        images.resolve("test/link.png"), server.dataDir().resolve("outside.png"));
    TestImages.addRecord(catalog, "link", TestImages.page("test/link.png", 100, 100));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static int[] filled(int n, int value) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, value);
    return a;
  }

  /** A gray sample as stored (getRGB would convert Java's linear gray to sRGB). */
  static void assertGray(BufferedImage image, int x, int y, int expected) {
    int v = image.getRaster().getSample(x, y, 0);
    assertTrue(
        Math.abs(v - expected) <= 24,
        "expected gray " + expected + " but found " + v + " at " + x + "," + y);
  }

  static BufferedImage filledImage(int w, int h, Color c) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }

  static HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    return server.getBytes(path, headers);
  }

  static BufferedImage image(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = get(path);
    assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body()));
    return TestImages.decode(r.body());
  }

  static JsonNode info(String image) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = get("/iiif/image/3/" + image + "/info.json");
    assertEquals(200, r.statusCode(), () -> new String(r.body()));
    return RecordJson.read(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  static void assertColour(BufferedImage image, int x, int y, Color expected) {
    assertTrue(
        near(image, x, y, expected, 48),
        () -> "expected " + expected + " but found " + describe(image, x, y));
  }

  static void assertSize(BufferedImage image, int w, int h) {
    assertEquals(w + "x" + h, image.getWidth() + "x" + image.getHeight());
  }

  // ---- image information (section 5) ----

  @Test
  void infoJsonHasTheRequiredPropertiesAndTheTilesAndSizesOfThePyramid() throws Exception {
    HttpResponse<byte[]> r = get(QUAD + "/info.json");
    assertEquals(200, r.statusCode());
    // "If the request does not include an Accept header, the HTTP Content-Type header of the
    // response
    // SHOULD have the value application/ld+json (JSON-LD) with the profile parameter"
    assertEquals(
        "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"",
        r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode info = RecordJson.read(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    // "The @context property SHOULD appear as the very first key-value pair"
    assertEquals("@context", info.propertyNames().iterator().next());
    assertEquals("http://iiif.io/api/image/3/context.json", info.get("@context").asString());
    // "id: The base URI of the image ... without a trailing slash."
    assertEquals(server.baseUrl() + QUAD, info.get("id").asString());
    assertEquals("ImageService3", info.get("type").asString());
    assertEquals("http://iiif.io/api/image", info.get("protocol").asString());
    assertEquals("level2", info.get("profile").asString());
    assertEquals(W, info.get("width").asInt());
    assertEquals(H, info.get("height").asInt());
    assertEquals(4096, info.get("maxWidth").asInt());
    assertEquals(4096, info.get("maxHeight").asInt());
    assertEquals(16777216, info.get("maxArea").asLong());
    JsonNode tiles = info.get("tiles").get(0);
    assertEquals(512, tiles.get("width").asInt());
    assertEquals("[1,2,4,8]", tiles.get("scaleFactors").toString());
    // "Servers MUST ensure that sizes specified by any sizes or tiles properties are within any
    // size limits expressed."
    List<String> sizes = new ArrayList<>();
    for (JsonNode s : info.get("sizes")) {
      sizes.add(s.get("width").asInt() + "x" + s.get("height").asInt());
      assertTrue(s.get("width").asInt() <= 4096 && s.get("height").asInt() <= 4096);
    }
    assertEquals(List.of("325x250", "650x500", "1300x1000"), sizes);
    assertTrue(info.get("extraFeatures").toString().contains("mirroring"));
    assertEquals(1, r.headers().allValues("Access-Control-Allow-Origin").size());
  }

  @Test
  void infoJsonIsPlainJsonWhenThatIsWhatTheClientAccepts() throws Exception {
    HttpResponse<byte[]> r = get(QUAD + "/info.json", "Accept", "application/json");
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    HttpResponse<byte[]> ld = get(QUAD + "/info.json", "Accept", "application/ld+json");
    assertTrue(
        ld.headers().firstValue("Content-Type").orElseThrow().startsWith("application/ld+json"));
  }

  @Test
  void baseUriRedirectsToInfoJson() throws Exception {
    // "the base URI ... SHOULD result in a 303 status code ... to the image information document"
    HttpResponse<byte[]> r = get(QUAD);
    assertEquals(303, r.statusCode());
    assertEquals(
        server.baseUrl() + QUAD + "/info.json", r.headers().firstValue("Location").orElseThrow());
    assertEquals(404, get("/iiif/image/3/nosuchrecord-p1").statusCode());
  }

  // ---- region (section 4.1) ----

  @Test
  void regionFullReturnsTheWholeImage() throws Exception {
    BufferedImage full = image(QUAD + "/full/max/0/default.jpg");
    assertSize(full, W, H);
    assertColour(full, 650, 500, RED);
    assertColour(full, 1950, 500, GREEN);
    assertColour(full, 650, 1500, BLUE);
    assertColour(full, 1950, 1500, WHITE);
    assertColour(full, 150, 150, BLACK);
  }

  @Test
  void regionInPixelsAndPercentCutsTheSameRectangle() throws Exception {
    BufferedImage px = image(QUAD + "/1300,0,1300,1000/max/0/default.png");
    assertSize(px, 1300, 1000);
    assertColour(px, 5, 5, GREEN);
    assertColour(px, 1294, 994, GREEN);
    BufferedImage pct = image(QUAD + "/pct:50,50,50,50/max/0/default.png");
    assertSize(pct, 1300, 1000);
    assertColour(pct, 5, 5, WHITE);
    assertColour(pct, 1294, 994, WHITE);
    BufferedImage square = image(QUAD + "/100,100,100,100/max/0/default.png");
    assertSize(square, 100, 100);
    assertColour(square, 3, 3, BLACK);
    assertColour(square, 96, 96, BLACK);
  }

  @Test
  void regionSquareIsCentredOnTheLongerSide() throws Exception {
    // "width and height are both equal to the length of the shorter dimension ... centered is often
    // a reasonable default"
    BufferedImage square = image(QUAD + "/square/500,/0/default.jpg");
    assertSize(square, 500, 500);
    // the square spans x 300..2300: the red/green border is at 1000 of 2000, 250 of 500
    assertColour(square, 240, 100, RED);
    assertColour(square, 260, 100, GREEN);
    assertColour(square, 100, 400, BLUE);
  }

  @Test
  void regionBeyondTheEdgeIsCropped() throws Exception {
    // "the service SHOULD return an image cropped at the image's edge, rather than adding empty
    // space"
    BufferedImage r = image(QUAD + "/2500,1900,500,500/max/0/default.jpg");
    assertSize(r, 100, 100);
    assertColour(r, 50, 50, WHITE);
  }

  // ---- size (section 4.2) ----

  @Test
  void sizeFormsScaleTheRegion() throws Exception {
    assertSize(image(QUAD + "/full/650,/0/default.jpg"), 650, 500);
    assertSize(image(QUAD + "/full/,500/0/default.jpg"), 650, 500);
    assertSize(image(QUAD + "/full/pct:25/0/default.jpg"), 650, 500);
    // "The aspect ratio of the returned image MAY be significantly different than the extracted
    // region"
    BufferedImage distorted = image(QUAD + "/full/300,100/0/default.jpg");
    assertSize(distorted, 300, 100);
    assertColour(distorted, 70, 20, RED);
    assertColour(distorted, 230, 80, WHITE);
    // "!w,h: ... not greater than w and h, while maintaining the aspect ratio"
    assertSize(image(QUAD + "/full/!300,300/0/default.jpg"), 300, 231);
    BufferedImage small = image(QUAD + "/full/260,200/0/default.jpg");
    assertColour(small, 65, 50, RED);
    assertColour(small, 195, 50, GREEN);
    assertColour(small, 65, 150, BLUE);
    assertColour(small, 195, 150, WHITE);
  }

  @Test
  void upscalingNeedsTheCaret() throws Exception {
    // "Sizes prefixed with ^ allow upscaling of the extracted region"
    BufferedImage up = image(QUAD + "/100,100,100,100/%5E200,/0/default.png");
    assertSize(up, 200, 200);
    assertColour(up, 100, 100, BLACK);
    assertSize(image(QUAD + "/0,0,100,100/%5Epct:150/0/default.jpg"), 150, 150);
    // "^max: scaled to the maximum size permitted by maxWidth, maxHeight, or maxArea"
    assertSize(image(QUAD + "/0,0,2600,100/%5Emax/0/default.jpg"), 4096, 157);
    // "Requests for sizes not prefixed with ^ that result in a scaled region with pixel dimensions
    // greater
    // than the pixel dimensions of the extracted region are errors that SHOULD result in a 400"
    HttpResponse<byte[]> r = get(QUAD + "/0,0,100,100/200,/0/default.jpg");
    assertEquals(400, r.statusCode());
    assertTrue(new String(r.body()).contains("^"), new String(r.body()));
    assertEquals(400, get(QUAD + "/full/pct:101/0/default.jpg").statusCode());
  }

  @Test
  void sizesBeyondTheLimitsAreRefusedButMaxIsScaledToFit() throws Exception {
    // "For all requests the pixel dimensions of the scaled region MUST NOT be ... greater than the
    // server-imposed limits"
    HttpResponse<byte[]> r = get(QUAD + "/full/%5E5000,/0/default.jpg");
    assertEquals(400, r.statusCode());
    assertTrue(new String(r.body()).contains("maxWidth"), new String(r.body()));
    assertEquals(400, get(QUAD + "/full/%5E4097,100/0/default.jpg").statusCode());
    assertEquals(400, get(QUAD + "/full/%5E100,4097/0/default.jpg").statusCode());
    // "max: ... unless it is constrained to a smaller size by maxWidth, maxHeight, or maxArea"
    assertSize(image(QUAD + "/0,0,2600,100/max/0/default.jpg"), 2600, 100);
  }

  // ---- rotation (section 4.3) ----

  @Test
  void rotationTurnsClockwiseByQuarters() throws Exception {
    BufferedImage r90 = image(QUAD + "/full/260,200/90/default.png");
    assertSize(r90, 200, 260);
    assertColour(r90, 150, 65, RED);
    assertColour(r90, 50, 65, BLUE);
    assertColour(r90, 150, 195, GREEN);
    BufferedImage r180 = image(QUAD + "/full/260,200/180/default.png");
    assertSize(r180, 260, 200);
    assertColour(r180, 65, 50, WHITE);
    assertColour(r180, 195, 150, RED);
    BufferedImage r270 = image(QUAD + "/full/260,200/270/default.png");
    assertSize(r270, 200, 260);
    assertColour(r270, 50, 65, GREEN);
    assertColour(r270, 50, 195, RED);
  }

  @Test
  void mirroringReflectsBeforeRotating() throws Exception {
    // "the image should be mirrored by reflection on the vertical axis before any rotation is
    // applied"
    BufferedImage m = image(QUAD + "/full/260,200/!0/default.png");
    assertColour(m, 65, 50, GREEN);
    assertColour(m, 195, 50, RED);
    BufferedImage m90 = image(QUAD + "/full/260,200/!90/default.png");
    assertSize(m90, 200, 260);
    assertColour(m90, 50, 65, WHITE);
    assertColour(m90, 150, 65, GREEN);
  }

  @Test
  void arbitraryRotationFillsTheBoundingBoxTransparentInPng() throws Exception {
    // "The service SHOULD return an image that contains all of the image contents ... no additional
    // space"
    BufferedImage r = image(QUAD + "/full/260,200/45/default.png");
    assertSize(r, 325, 325);
    assertEquals(0, new Color(r.getRGB(2, 2), true).getAlpha());
    // the centre of the red quarter, (65,50), turned 45 degrees clockwise about the centre
    assertColour(r, 152, 81, RED);
    BufferedImage j = image(QUAD + "/full/260,200/22.5/default.jpg");
    assertColour(j, 1, 1, WHITE);
  }

  // ---- quality (section 4.4) ----

  @Test
  void grayAndBitonalQualities() throws Exception {
    BufferedImage gray = image(QUAD + "/full/260,200/0/gray.png");
    assertEquals(1, gray.getColorModel().getNumColorComponents());
    assertGray(gray, 65, 50, 76);
    assertGray(gray, 195, 50, 150);
    BufferedImage bitonal = image(QUAD + "/full/260,200/0/bitonal.png");
    for (int y = 0; y < bitonal.getHeight(); y++) {
      for (int x = 0; x < bitonal.getWidth(); x++) {
        int v = bitonal.getRGB(x, y) & 0xff;
        assertTrue(v == 0 || v == 255, "bitonal pixel " + v);
      }
    }
    assertGray(bitonal, 65, 50, 0);
    assertGray(bitonal, 195, 50, 255);
    assertGray(bitonal, 65, 150, 0);
    BufferedImage color = image(QUAD + "/full/260,200/0/color.jpg");
    assertColour(color, 195, 50, GREEN);
    assertEquals(400, get(QUAD + "/full/260,200/0/sepia.jpg").statusCode());
  }

  // ---- format (section 4.5) ----

  @Test
  void formatsHaveTheirMediaTypes() throws Exception {
    HttpResponse<byte[]> png = get(QUAD + "/full/260,200/0/default.png");
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
    assertEquals((byte) 0x89, png.body()[0]);
    assertEquals('P', png.body()[1]);
    HttpResponse<byte[]> jpg = get(QUAD + "/full/260,200/0/default.jpg");
    assertEquals("image/jpeg", jpg.headers().firstValue("Content-Type").orElseThrow());
    assertEquals((byte) 0xff, jpg.body()[0]);
    assertEquals((byte) 0xd8, jpg.body()[1]);
    // "A format value that is unsupported SHOULD result in a 400 (Bad Request) status code."
    assertEquals(400, get(QUAD + "/full/260,200/0/default.webp").statusCode());
    assertEquals(400, get(QUAD + "/full/260,200/0/default.bmp").statusCode());
    assertEquals(400, get(QUAD + "/full/260,200/0/default").statusCode());
  }

  // ---- canonical URI (section 4.8) and HTTP ----

  @Test
  void imageResponsesLinkTheirCanonicalUri() throws Exception {
    assertEquals("full/max/0/default.jpg", canonical(QUAD + "/full/2600,2000/0/default.jpg"));
    assertEquals(
        "1300,0,1300,1000/650,500/!0/color.png",
        canonical(QUAD + "/pct:50,0,50,50/pct:50/!0/color.png"));
    assertEquals(
        "0,0,512,512/max/0/default.jpg", canonical(QUAD + "/0,0,512,512/512,512/0/default.jpg"));
    assertEquals("full/650,500/22.5/gray.jpg", canonical(QUAD + "/full/650,/22.50/gray.jpg"));
    assertEquals(
        "0,0,100,100/%5E200,200/0/default.jpg".replace("%5E", "^"),
        canonical(QUAD + "/0,0,100,100/%5E200,/0/default.jpg"));
    assertTrue(
        get(QUAD + "/full/260,200/0/default.jpg").headers().allValues("Link").stream()
            .anyMatch(l -> l.equals("<http://iiif.io/api/image/3/level2.json>;rel=\"profile\"")));
  }

  private static String canonical(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertEquals(200, r.statusCode(), () -> new String(r.body()));
    String prefix = "<" + server.baseUrl() + QUAD + "/";
    return r.headers().allValues("Link").stream()
        .filter(l -> l.endsWith(";rel=\"canonical\""))
        .findFirst()
        .map(l -> l.substring(prefix.length(), l.indexOf('>')))
        .orElseThrow();
  }

  @Test
  void validatorsAndCachingHeaders() throws Exception {
    HttpResponse<byte[]> first = get(QUAD + "/0,0,512,512/512,/0/default.jpg");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertTrue(first.headers().firstValue("Last-Modified").isPresent());
    assertTrue(
        first.headers().firstValue("Cache-Control").orElseThrow().contains("max-age=2592000"));
    HttpResponse<byte[]> again =
        get(QUAD + "/0,0,512,512/512,/0/default.jpg", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(1, again.headers().allValues("Access-Control-Allow-Origin").size());
    // another spelling of the same request is the same image
    assertEquals(
        etag,
        get(QUAD + "/0,0,512,512/512,512/0/default.jpg")
            .headers()
            .firstValue("ETag")
            .orElseThrow());
    HttpResponse<byte[]> info = get(QUAD + "/info.json");
    String infoTag = info.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, get(QUAD + "/info.json", "If-None-Match", infoTag).statusCode());
  }

  @Test
  void corsOnEveryResponseIncludingErrorsAndPreflight() throws Exception {
    for (String path :
        List.of(
            QUAD + "/info.json",
            QUAD + "/full/260,200/0/default.jpg",
            QUAD + "/full/nonsense/0/default.jpg",
            "/iiif/image/3/nosuch-p1/info.json",
            "/iiif/image/3/x/y")) {
      HttpResponse<byte[]> r = get(path, "Origin", "http://viewer.example");
      assertEquals(
          List.of("*"),
          r.headers().allValues("Access-Control-Allow-Origin"),
          path + " (" + r.statusCode() + ")");
    }
    HttpResponse<String> preflight =
        server.send(
            HttpRequest.newBuilder(server.uri(QUAD + "/info.json"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://viewer.example")
                .header("Access-Control-Request-Method", "GET")
                .build());
    assertEquals(204, preflight.statusCode(), "the server's one preflight answer");
    assertEquals(List.of("*"), preflight.headers().allValues("Access-Control-Allow-Origin"));
    assertTrue(
        preflight
            .headers()
            .firstValue("Access-Control-Allow-Methods")
            .orElseThrow()
            .contains("GET"));
  }

  // ---- errors (section 7.3) ----

  @Test
  void syntaxErrorsAre400WithAMessage() throws Exception {
    for (String bad :
        List.of(
            "/nonsense/max/0/default.jpg",
            "/0,0,10/max/0/default.jpg",
            "/0,0,0,10/max/0/default.jpg",
            "/pct:-1,0,10,10/max/0/default.jpg",
            "/5000,0,10,10/max/0/default.jpg",
            "/full/big/0/default.jpg",
            "/full/0,/0/default.jpg",
            "/full/max/361/default.jpg",
            "/full/max/-90/default.jpg",
            "/full/max/1e2/default.jpg",
            "/full/max/0/default.gif",
            "/full/max/0/default.jp2")) {
      HttpResponse<byte[]> r = get(QUAD + bad);
      assertEquals(400, r.statusCode(), bad);
      String body = new String(r.body());
      assertTrue(body.startsWith("400 Bad Request: ") && body.length() > 25, bad + ": " + body);
    }
  }

  @Test
  void unknownImagesAre404() throws Exception {
    for (String path :
        List.of(
            "/iiif/image/3/nosuchrecord-p1/info.json",
            "/iiif/image/3/quad-p2/info.json",
            "/iiif/image/3/quad/info.json",
            "/iiif/image/3/quad-p0/full/max/0/default.jpg")) {
      assertEquals(404, get(path).statusCode(), path);
    }
  }

  @Test
  void identifiersNeverReachOutsideTheImageStore() throws Exception {
    for (String path :
        List.of(
            "/iiif/image/3/..%2F..%2Foutside.png/info.json",
            "/iiif/image/3/%2Fetc%2Fpasswd/info.json",
            "/iiif/image/3/..%2Fcatalog.db-p1/info.json",
            "/iiif/image/3/%2E%2E/info.json",
            "/iiif/image/3/../../../etc/passwd",
            "/iiif/image/3/escape-p1/info.json",
            "/iiif/image/3/absolute-p1/info.json",
            "/iiif/image/3/link-p1/info.json",
            "/iiif/image/3/escape-p1/full/max/0/default.png",
            "/iiif/image/3/link-p1/full/max/0/default.png")) {
      HttpResponse<byte[]> r = get(path);
      assertTrue(
          r.statusCode() == 404 || r.statusCode() == 400, path + " answered " + r.statusCode());
      assertFalse(new String(r.body()).contains("root:"), path);
      assertEquals(1, r.headers().allValues("Access-Control-Allow-Origin").size(), path);
    }
    assertFalse(Files.exists(server.dataDir().resolve("pyramids").resolve("outside.png")));
  }

  @Test
  void aSourceDeclaringAbsurdlyManyPixelsIsRefusedBeforeDecoding() throws Exception {
    HttpResponse<byte[]> r = get("/iiif/image/3/bomb-p1/info.json");
    assertEquals(500, r.statusCode());
    String body = new String(r.body());
    assertTrue(body.contains("20000x20000") && body.contains("not decoded"), body);
    assertEquals(200, server.get("/health").statusCode());
  }

  // ---- sources ----

  @Test
  void tiledMultiResolutionTiffIsReadAtItsLargestResolution() throws Exception {
    JsonNode info = info("tiff-p1");
    assertEquals(1000, info.get("width").asInt());
    assertEquals(800, info.get("height").asInt());
    BufferedImage whole = image("/iiif/image/3/tiff-p1/full/500,/0/default.jpg");
    assertSize(whole, 500, 400);
    assertColour(whole, 125, 100, RED);
    assertColour(whole, 375, 100, GREEN);
    assertColour(whole, 125, 300, BLUE);
    assertColour(whole, 375, 300, WHITE);
    BufferedImage black = image("/iiif/image/3/tiff-p1/110,110,80,80/max/0/default.png");
    assertColour(black, 40, 40, BLACK);
  }

  @Test
  void jpegSourcesServeTilesOfTheirPixels() throws Exception {
    BufferedImage tile = image("/iiif/image/3/quadjpg-p1/512,512,512,488/512,488/0/default.jpg");
    assertSize(tile, 512, 488);
    assertColour(tile, 100, 300, BLUE);
    assertColour(tile, 400, 300, WHITE);
  }

  @Test
  void grayscaleScansStayGrayInEveryQuality() throws Exception {
    BufferedImage color = image("/iiif/image/3/gray-p1/full/max/0/color.jpg");
    assertEquals(1, color.getColorModel().getNumColorComponents());
    assertGray(color, 75, 100, 128);
    assertGray(color, 225, 100, 0);
  }

  // ---- the pyramid ----

  @Test
  void aViewerWalksEveryTileAtEveryScaleFactor() throws Exception {
    Catalog catalog = server.server().catalog();
    String sample = catalog.list(Selection.ALL, null, 1).get(0).id() + "-p1";
    for (String image : List.of("quad-p1", sample)) {
      walk(image);
    }
  }

  /**
   * info.json, then every tile as the implementation notes (section 3) compute them, in the form
   * Mirador asks for.
   */
  private static void walk(String image) throws Exception {
    JsonNode info = info(image);
    int width = info.get("width").asInt();
    int height = info.get("height").asInt();
    JsonNode tiles = info.get("tiles").get(0);
    int tw = tiles.get("width").asInt();
    int th = tiles.has("height") ? tiles.get("height").asInt() : tw;
    int count = 0;
    for (JsonNode factor : tiles.get("scaleFactors")) {
      int s = factor.asInt();
      for (int m = 0; m * th * s < height; m++) {
        for (int n = 0; n * tw * s < width; n++) {
          int xr = n * tw * s;
          int yr = m * th * s;
          int wr = Math.min(tw * s, width - xr);
          int hr = Math.min(th * s, height - yr);
          int ws = xr + tw * s > width ? (width - xr + s - 1) / s : tw;
          int hs = yr + th * s > height ? (height - yr + s - 1) / s : th;
          String path =
              "/iiif/image/3/"
                  + image
                  + "/"
                  + xr
                  + ","
                  + yr
                  + ","
                  + wr
                  + ","
                  + hr
                  + "/"
                  + ws
                  + ","
                  + hs
                  + "/0/default.jpg";
          HttpResponse<byte[]> r = get(path);
          assertEquals(200, r.statusCode(), path);
          assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElseThrow());
          BufferedImage tile = TestImages.decode(r.body());
          assertEquals(ws + "x" + hs, tile.getWidth() + "x" + tile.getHeight(), path);
          count++;
        }
      }
    }
    assertTrue(count > 4, image + ": " + count + " tiles");
    for (JsonNode size : info.get("sizes")) {
      int w = size.get("width").asInt();
      int h = size.get("height").asInt();
      assertSize(image("/iiif/image/3/" + image + "/full/" + w + "," + h + "/0/default.jpg"), w, h);
    }
  }

  @Test
  void tilesAreServedFromTheStoredPyramid() throws Exception {
    info("quad-p1");
    Path pyramid = server.dataDir().resolve("pyramids/test/quadrants.png");
    JsonNode description = RecordJson.read(Files.readString(pyramid.resolve("pyramid.json")));
    Path version = pyramid.resolve(description.get("folder").asString());
    byte[] stored = Files.readAllBytes(version.resolve("tiles/2/1_1.jpg"));
    // Mirador's form and Image API 2's "w," form both name the same stored tile
    assertArrayEquals(stored, get(QUAD + "/1024,1024,1024,976/512,488/0/default.jpg").body());
    assertArrayEquals(stored, get(QUAD + "/1024,1024,1024,976/512,/0/default.jpg").body());
    assertArrayEquals(
        Files.readAllBytes(version.resolve("sizes/650x500.jpg")),
        get(QUAD + "/full/650,500/0/default.jpg").body());
    assertNotNull(TestImages.decode(stored));
  }

  @Test
  void computedImagesComeFromThePyramidNotTheScan() throws Exception {
    Path file = images.resolve("test/same-size.tif");
    TestImages.writeUncompressedTiff(filledImage(1200, 900, RED), file);
    TestImages.addRecord(
        server.server().catalog(), "samesize", TestImages.page("test/same-size.tif", 1200, 900));
    String path = "/iiif/image/3/samesize-p1/pct:10,10,50,50/333,/90/default.png";
    assertColour(image(path), 100, 100, RED);
    // Replace the scan's pixels behind the server's back, keeping its length and modification time:
    // what is computed still shows the pyramid's pixels.
    FileTime modified = Files.getLastModifiedTime(file);
    long length = Files.size(file);
    TestImages.writeUncompressedTiff(filledImage(1200, 900, BLUE), file);
    assertEquals(length, Files.size(file));
    Files.setLastModifiedTime(file, modified);
    Thread.sleep(1100);
    assertColour(image(path), 100, 100, RED);
    assertColour(image("/iiif/image/3/samesize-p1/full/max/0/default.jpg"), 600, 450, RED);
  }

  @Test
  void aChangedSourceRebuildsItsPyramid() throws Exception {
    Path file = images.resolve("test/change.png");
    TestImages.write(filledImage(600, 400, RED), "png", file);
    TestImages.addRecord(
        server.server().catalog(), "change", TestImages.page("test/change.png", 600, 400));
    String path = "/iiif/image/3/change-p1/full/60,/0/default.jpg";
    assertColour(image(path), 30, 20, RED);
    String before = get(path).headers().firstValue("ETag").orElseThrow();
    TestImages.write(filledImage(600, 400, BLUE), "png", file);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    Thread.sleep(1100);
    assertColour(image(path), 30, 20, BLUE);
    assertNotEquals(before, get(path).headers().firstValue("ETag").orElseThrow());
  }
}
