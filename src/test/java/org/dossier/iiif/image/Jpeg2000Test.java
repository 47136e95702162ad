package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.dossier.catalog.Page;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.scans.Jp2;
import org.dossier.scans.Jp2Reader;
import org.dossier.scans.Ranges;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * JPEG 2000 scans, made in the test by Debian's {@code opj_compress} (libopenjp2-tools) from a
 * picture drawn here: imported with the size from their header, built into pyramids whose levels
 * are decoded at the codestream's own resolutions, and served. Tiles are compared with the same
 * image decoded another way: the drawn picture itself (lossless), or {@code opj_decompress}'s
 * output at the matching reduction (lossy, and every reduced level).
 *
 * <p>Tolerance: the tiles are stored as JPEG (quality 0.9), so a tile may differ from its reference
 * by a mean absolute difference of at most {@value #MEAN_TOLERANCE} per channel, and a pixel by at
 * most {@value #MAX_TOLERANCE} (at sharp edges, where JPEG rings).
 */
class Jpeg2000Test {
  static final double MEAN_TOLERANCE = 3.0;
  static final int MAX_TOLERANCE = 96;
  static final int W = 1500;
  static final int H = 1100;
  static TestServer server;
  static Path images;
  static Path work;
  static BufferedImage picture;
  static ImportReport goodImport;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    images = server.dataDir().resolve("images");
    work = Files.createDirectories(server.dataDir().resolve("jp2-work"));
    picture = picture(W, H);
    Path png = work.resolve("picture.png");
    ImageIO.write(picture, "png", png.toFile());
    Path dir = Files.createDirectories(images.resolve("jp2"));
    // Lossless (5/3 wavelet), 4 resolutions: more than the 3 levels a 1500x1100 image needs.
    opj("opj_compress", "-i", png, "-o", dir.resolve("lossless.jp2"), "-n", "4");
    // Lossy (9/7 wavelet, 20:1), 6 resolutions, as a JPX-named file.
    opj("opj_compress", "-i", png, "-o", dir.resolve("lossy.jp2"), "-n", "6", "-r", "20", "-I");
    Files.move(dir.resolve("lossy.jp2"), dir.resolve("lossy.jpx"));
    // Only 2 resolutions: the last level is averaged down from the smaller one.
    opj("opj_compress", "-i", png, "-o", dir.resolve("two.jp2"), "-n", "2");
    // Lossless, in tiles of 256x256 (an archive master is often tiled): 5 rows of tiles.
    opj("opj_compress", "-i", png, "-o", dir.resolve("tiled.jp2"), "-n", "4", "-t", "256,256");
    byte[] whole = Files.readAllBytes(dir.resolve("lossless.jp2"));
    Files.write(dir.resolve("truncated.jp2"), Arrays.copyOf(whole, whole.length / 2));
    byte[] damaged = whole.clone();
    Arrays.fill(damaged, 60, 200, (byte) 0x55); // the header boxes and the main header
    Files.write(dir.resolve("damaged.jp2"), damaged);
    Importer importer = new Importer(server.server().catalog(), images, Fixtures.RIGHTS, null);
    goodImport =
        importer.importFiles(
            List.of(
                json(
                    "good.json",
                    "[{\"id\":\"lossless\",\"title\":\"L\",\"pages\":[{\"image\":\"jp2/lossless.jp2\"}]},"
                        + "{\"id\":\"lossy\",\"title\":\"L\",\"pages\":[{\"image\":\"jp2/lossy.jpx\"}]},"
                        + "{\"id\":\"two\",\"title\":\"T\",\"pages\":[{\"image\":\"jp2/two.jp2\"}]},"
                        + "{\"id\":\"tiled\",\"title\":\"T\",\"pages\":[{\"image\":\"jp2/tiled.jp2\"}]}]")),
            false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * A page-like picture: gradients, blocks of colour, lines and type, so that every level has
   * detail.
   */
  static BufferedImage picture(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(240, 230, 200), w, h, new Color(90, 120, 160)));
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(200, 30, 30));
    g.fillRect(100, 100, 400, 300);
    g.setColor(new Color(20, 150, 60));
    g.fillOval(800, 500, 500, 400);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 40));
    for (int y = 500; y < h - 50; y += 60) {
      g.drawString("Record of a conversation, page scan " + y, 60, y);
    }
    g.dispose();
    return image;
  }

  static void opj(String tool, Object... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = tool;
    for (int i = 0; i < args.length; i++) {
      command[i + 1] = args[i].toString();
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ":\n" + out);
  }

  /** The file decoded by opj_decompress at a reduction (another decoder than the server's). */
  static BufferedImage opjDecoded(String file, int reduce) throws Exception {
    Path out = work.resolve(file.replace('/', '_') + "-r" + reduce + ".png");
    if (!Files.exists(out)) {
      opj("opj_decompress", "-i", images.resolve(file), "-o", out, "-r", reduce);
    }
    return ImageIO.read(out.toFile());
  }

  static Path json(String name, String content) throws IOException {
    Path p = work.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  static BufferedImage get(String path) throws Exception {
    HttpResponse<byte[]> r = server.getBytes(path);
    assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body()));
    return TestImages.decode(r.body());
  }

  /** Compares a served image with a reference crop, within the stated tolerance. */
  static void assertMatches(
      BufferedImage reference, int x, int y, BufferedImage tile, String what) {
    long sum = 0;
    int max = 0;
    for (int ty = 0; ty < tile.getHeight(); ty++) {
      for (int tx = 0; tx < tile.getWidth(); tx++) {
        int a = tile.getRGB(tx, ty);
        int b = reference.getRGB(x + tx, y + ty);
        for (int shift = 0; shift <= 16; shift += 8) {
          int d = Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
          sum += d;
          max = Math.max(max, d);
        }
      }
    }
    double mean = (double) sum / (3L * tile.getWidth() * tile.getHeight());
    String detail = what + ": mean difference " + mean + ", largest " + max;
    assertTrue(mean <= MEAN_TOLERANCE && max <= MAX_TOLERANCE, detail);
  }

  /** Every tile of a level against the reference image of that level. */
  static void assertLevel(String image, int s, BufferedImage reference) throws Exception {
    int span = 512 * s;
    for (int y = 0; y < H; y += span) {
      for (int x = 0; x < W; x += span) {
        int w = Math.min(span, W - x);
        int h = Math.min(span, H - y);
        int ow = (w + s - 1) / s;
        int oh = (h + s - 1) / s;
        String path =
            "/iiif/image/3/"
                + image
                + "-p1/"
                + x
                + ","
                + y
                + ","
                + w
                + ","
                + h
                + "/"
                + ow
                + ","
                + oh
                + "/0/default.jpg";
        BufferedImage tile = get(path);
        assertEquals(ow + "x" + oh, tile.getWidth() + "x" + tile.getHeight(), path);
        assertMatches(reference, x / s, y / s, tile, path);
      }
    }
  }

  @Test
  void importReadsTheSizeFromTheHeader() {
    assertTrue(goodImport.ok(), () -> goodImport.problems().toString());
    for (String id : List.of("lossless", "lossy", "two", "tiled")) {
      Page page = server.server().catalog().record(id).orElseThrow().pages().get(0);
      assertEquals(W + "x" + H, page.width() + "x" + page.height(), id);
    }
  }

  @Test
  void losslessTilesAreThePictureAndReducedLevelsTheCodestreamsResolutions() throws Exception {
    JsonNode info =
        RecordJson.read(
            new String(
                server.getBytes("/iiif/image/3/lossless-p1/info.json").body(),
                StandardCharsets.UTF_8));
    assertEquals(W, info.get("width").asInt());
    assertEquals("[1,2,4]", info.at("/tiles/0/scaleFactors").toString());
    assertLevel("lossless", 1, picture);
    assertLevel("lossless", 2, opjDecoded("jp2/lossless.jp2", 1));
    assertLevel("lossless", 4, opjDecoded("jp2/lossless.jp2", 2));
  }

  @Test
  void aCodestreamOfSeveralRowsOfTilesGivesItsTileHeightAndThePictureAtEveryLevel()
      throws Exception {
    Path tiled = images.resolve("jp2/tiled.jp2");
    assertEquals(256, Jp2.header(tiled).tileHeight(), "read by OpenJPEG");
    try (FileChannel ch = FileChannel.open(tiled)) {
      assertEquals(256, Jp2.header(Ranges.of(ch, tiled)).tileHeight(), "read from the SIZ segment");
    }
    Path single = images.resolve("jp2/lossless.jp2");
    assertEquals(0, Jp2.header(single).tileHeight(), "one tile");
    try (FileChannel ch = FileChannel.open(single)) {
      assertEquals(0, Jp2.header(Ranges.of(ch, single)).tileHeight(), "one tile, from SIZ");
    }
    assertLevel("tiled", 1, picture);
    assertLevel("tiled", 2, opjDecoded("jp2/tiled.jp2", 1));
    assertLevel("tiled", 4, opjDecoded("jp2/tiled.jp2", 2));
  }

  @Test
  void lossyTilesMatchOpenJpegsOwnDecodingAtEveryLevel() throws Exception {
    BufferedImage full = opjDecoded("jp2/lossy.jpx", 0);
    assertLevel("lossy", 1, full);
    assertLevel("lossy", 2, opjDecoded("jp2/lossy.jpx", 1));
    assertLevel("lossy", 4, opjDecoded("jp2/lossy.jpx", 2));
    // and it is still the picture, within what 20:1 compression loses
    BufferedImage tile = get("/iiif/image/3/lossy-p1/0,0,512,512/512,512/0/default.jpg");
    assertTrue(TestImages.near(tile, 300, 250, new Color(200, 30, 30), 40));
  }

  @Test
  void aResolutionDecodedWholeGivesTheRowsItGivesRegionByRegion() throws Exception {
    for (String name : List.of("lossy.jpx", "lossless.jp2")) {
      Path file = images.resolve("jp2/" + name);
      for (int reduce = 0; reduce <= 1; reduce++) {
        int s = 1 << reduce;
        int h = (H + s - 1) / s;
        int band = 128;
        try (Jp2Reader whole = Jp2Reader.open(file, reduce, 2);
            Jp2Reader regions = Jp2Reader.open(file, reduce, 2)) {
          assertTrue(whole.decodeWhole(), name + " is copied by the reader's own path");
          for (int y = 0; y < h; y += band) {
            int rows = Math.min(band, h - y);
            BufferedImage a = whole.rows(y, rows);
            BufferedImage b =
                regions.decode(new java.awt.Rectangle(0, y * s, W, Math.min(rows * s, H - y * s)));
            String what = name + " at 1/" + s + ", rows " + y + "-" + (y + rows - 1);
            assertEquals(b.getWidth() + "x" + b.getHeight(), a.getWidth() + "x" + a.getHeight());
            int largest = 0;
            for (int yy = 0; yy < rows; yy++) {
              for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, yy);
                int q = b.getRGB(x, yy);
                for (int shift = 0; shift <= 16; shift += 8) {
                  largest =
                      Math.max(largest, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
                }
              }
            }
            assertTrue(largest <= 1, what + ": pixels differ by up to " + largest);
          }
        }
      }
    }
  }

  @Test
  void aBuildDecodesWholeWhatItsMemoryAllowsAndGivesItBackAfter() throws Exception {
    Path out = Files.createTempDirectory(work, "memory");
    Path file = images.resolve("jp2/lossy.jpx");
    PyramidBuilder.DecodeMemory none = new PyramidBuilder.DecodeMemory(0);
    PyramidBuilder.build(file, out.resolve("bands"), 512, limits(), Long.MAX_VALUE, none);
    assertEquals(0, none.wholeDecodes());
    // 1500x1100 in colour is 19.8 MB of samples at full size: enough for the smaller resolutions.
    PyramidBuilder.DecodeMemory some = new PyramidBuilder.DecodeMemory(10);
    PyramidBuilder.build(file, out.resolve("some"), 512, limits(), Long.MAX_VALUE, some);
    assertEquals(2, some.wholeDecodes(), "the resolutions of 1/2 and 1/4, not the full one");
    assertEquals(10, some.free(), "given back");
    PyramidBuilder.DecodeMemory all = new PyramidBuilder.DecodeMemory(64);
    PyramidBuilder.build(file, out.resolve("whole"), 512, limits(), Long.MAX_VALUE, all);
    assertEquals(3, all.wholeDecodes());
    assertEquals(64, all.free(), "given back");
    // Whole or in bands, the same pixels and so the same tiles.
    try (var files = Files.walk(out.resolve("bands"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Path rel = out.resolve("bands").relativize(p);
        assertTrue(
            Arrays.equals(
                Files.readAllBytes(p), Files.readAllBytes(out.resolve("whole").resolve(rel))),
            rel + " differs");
      }
    }
  }

  @Test
  void eachLevelIsDecodedFromItsOwnResolution() throws Exception {
    Path out = Files.createTempDirectory(work, "built");
    PyramidBuilder.Built lossy =
        PyramidBuilder.build(
            images.resolve("jp2/lossy.jpx"),
            out.resolve("a"),
            512,
            limits(),
            Long.MAX_VALUE,
            new PyramidBuilder.DecodeMemory(0));
    assertEquals(List.of(1, 2, 4), lossy.scaleFactors());
    assertEquals(3, lossy.fromCodestream(), "all three levels from the codestream");
    PyramidBuilder.Built two =
        PyramidBuilder.build(
            images.resolve("jp2/two.jp2"),
            out.resolve("b"),
            512,
            limits(),
            Long.MAX_VALUE,
            new PyramidBuilder.DecodeMemory(0));
    assertEquals(2, two.fromCodestream(), "two resolutions; scale 4 is averaged from scale 2");
    // The averaged level still shows the picture: the red block, the green disc.
    BufferedImage quarter = get("/iiif/image/3/two-p1/full/375,275/0/default.jpg");
    assertTrue(TestImages.near(quarter, 75, 60, new Color(200, 30, 30), 24));
    assertTrue(TestImages.near(quarter, 262, 175, new Color(20, 150, 60), 24));
  }

  @Test
  void aTruncatedOrDamagedJp2IsRefusedAtImportWithAClearMessage() throws Exception {
    Importer importer = new Importer(server.server().catalog(), images, Fixtures.RIGHTS, null);
    ImportReport truncated =
        importer.importFiles(
            List.of(
                json(
                    "t.json",
                    "{\"id\":\"truncated\",\"title\":\"T\",\"pages\":[{\"image\":\"jp2/truncated.jp2\"}]}")),
            false);
    assertFalse(truncated.ok());
    String reason = truncated.problems().get(0).reason();
    assertTrue(reason.contains("truncated.jp2 is truncated or damaged"), reason);
    // Even with its size given, the file is checked.
    ImportReport sized =
        importer.importFiles(
            List.of(
                json(
                    "s.json",
                    "{\"id\":\"truncated\",\"title\":\"T\",\"pages\":[{\"image\":\"jp2/truncated.jp2\","
                        + "\"width\":1500,\"height\":1100}]}")),
            false);
    assertFalse(sized.ok());
    assertTrue(sized.problems().get(0).reason().contains("truncated"), sized.problems().toString());
    ImportReport damaged =
        importer.importFiles(
            List.of(
                json(
                    "d.json",
                    "{\"id\":\"damaged\",\"title\":\"T\",\"pages\":[{\"image\":\"jp2/damaged.jp2\"}]}")),
            false);
    assertFalse(damaged.ok());
    assertTrue(
        damaged.problems().get(0).reason().contains("damaged.jp2"), damaged.problems().toString());
    // Nothing was written, and the image routes answer 404, not 500.
    assertTrue(server.server().catalog().record("truncated").isEmpty());
    for (String path :
        List.of(
            "/iiif/image/3/truncated-p1/info.json",
            "/iiif/image/3/truncated-p1/full/max/0/default.jpg",
            "/iiif/image/2/damaged-p1/info.json",
            "/iiif/image/2/damaged-p1/full/full/0/default.jpg")) {
      HttpResponse<byte[]> r = server.getBytes(path);
      assertEquals(404, r.statusCode(), path);
      assertNotEquals(500, r.statusCode());
    }
  }

  static Limits limits() {
    return new Limits(4096, 4096, 16777216);
  }

  /** The rights every record here gets. */
  static final class Fixtures {
    static final String RIGHTS = "http://rightsstatements.org/vocab/CNE/1.0/";
  }
}
