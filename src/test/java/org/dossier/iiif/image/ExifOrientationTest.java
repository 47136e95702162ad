package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dossier.catalog.RecordJson;
import org.dossier.scans.ScanHeader;
import org.dossier.testing.OrientedJpeg;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * JPEG scans with each of the eight EXIF orientations: the header reader gives the displayed size,
 * and info.json, the tiles of both pyramid levels and the stored sizes show the image as a person
 * sees it (red top left, green top right, blue bottom left, white bottom right), whatever way its
 * pixels are stored.
 */
class ExifOrientationTest {
  static final int W = 600;
  static final int H = 400;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start();
    Path images = server.dataDir().resolve("images");
    BufferedImage displayed = OrientedJpeg.displayed(W, H);
    for (int o = 1; o <= 8; o++) {
      String file = "exif/o" + o + ".jpg";
      OrientedJpeg.write(OrientedJpeg.stored(displayed, o), o, images.resolve(file));
      TestImages.addRecord(server.server().catalog(), "exif" + o, TestImages.page(file, W, H));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void theHeaderGivesTheDisplayedSize(int o) throws IOException {
    ScanHeader header = ScanHeader.read(server.dataDir().resolve("images/exif/o" + o + ".jpg"));
    assertEquals(o, header.orientation().tag());
    assertEquals(W + "x" + H, header.width() + "x" + header.height());
    assertEquals(
        o >= 5 ? H + "x" + W : W + "x" + H, header.storedWidth() + "x" + header.storedHeight());
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void infoJsonAndTilesShowTheImageAsItIsSeen(int o) throws Exception {
    String base = "/iiif/image/3/exif" + o + "-p1";
    HttpResponse<byte[]> r = server.getBytes(base + "/info.json");
    assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    JsonNode info = RecordJson.read(new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(W, info.get("width").asInt());
    assertEquals(H, info.get("height").asInt());

    // Scale factor 1: the left tile (512 wide) and the right one (88 wide); the split is at
    // 300,200.
    BufferedImage left = image(base + "/0,0,512,400/512,400/0/default.jpg", 512, 400);
    assertColour(left, 100, 100, Color.RED, o);
    assertColour(left, 400, 100, Color.GREEN, o);
    assertColour(left, 100, 300, Color.BLUE, o);
    assertColour(left, 400, 300, Color.WHITE, o);
    BufferedImage right = image(base + "/512,0,88,400/88,400/0/default.jpg", 88, 400);
    assertColour(right, 40, 100, Color.GREEN, o);
    assertColour(right, 40, 300, Color.WHITE, o);
    // Scale factor 2: the whole image in one tile, also listed as a size.
    BufferedImage half = image(base + "/full/300,200/0/default.jpg", 300, 200);
    assertColour(half, 50, 50, Color.RED, o);
    assertColour(half, 250, 50, Color.GREEN, o);
    assertColour(half, 50, 150, Color.BLUE, o);
    assertColour(half, 250, 150, Color.WHITE, o);
    // A computed region: the top right quarter.
    BufferedImage region = image(base + "/300,0,300,200/150,/0/default.png", 150, 100);
    assertColour(region, 75, 50, Color.GREEN, o);
  }

  static BufferedImage image(String path, int w, int h) throws Exception {
    HttpResponse<byte[]> r = server.getBytes(path);
    assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body()));
    BufferedImage image = TestImages.decode(r.body());
    assertEquals(w + "x" + h, image.getWidth() + "x" + image.getHeight(), path);
    return image;
  }

  static void assertColour(BufferedImage image, int x, int y, Color expected, int o) {
    assertTrue(
        TestImages.near(image, x, y, expected, 48),
        () ->
            "orientation "
                + o
                + ": expected "
                + expected
                + " at "
                + x
                + ","
                + y
                + " but found "
                + TestImages.describe(image, x, y));
  }
}
