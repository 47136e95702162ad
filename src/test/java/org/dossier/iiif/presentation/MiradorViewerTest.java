package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A real viewer: Mirador 4 (from npm) in headless Chromium loads a sample manifest from the running
 * server, with the viewer's page served from another origin (another port) as in real deployments,
 * and paints the first canvas. The test looks at the painted pixels — the scan's paper tone over a
 * large area and its red "GENERATED SAMPLE" stamp, colours Mirador's own grey interface never uses
 * — and keeps the screenshot in {@code target/mirador/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code npm} (Mirador is installed into {@code
 * target/mirador} on first run), and the IIIF Image API serving the page scans.
 */
class MiradorViewerTest {
  static final Path WORK = Path.of("target/mirador");
  static final Path SCREENSHOT = WORK.resolve("mirador-first-canvas.png");

  /** Skips on a developer machine without the tool; fails in CI, which installs it (.ci/run). */
  private static void requireTool(String path, String name) {
    boolean present = Files.isExecutable(Path.of(path));
    if (System.getenv("CI") != null) {
      assertTrue(present, name + " is missing: .ci/run installs it");
    }
    assumeTrue(present, name + " is not installed");
  }

  @Test
  void miradorPaintsTheFirstCanvasOfASampleManifestFromAnotherOrigin() throws Exception {
    requireTool("/usr/bin/chromium", "Debian's chromium");
    Files.createDirectories(WORK);
    try (TestServer server = TestServer.start()) {
      String id = ManifestTest.MONTH;
      // The image service must answer, tiles included, before a viewer can paint anything.
      var info = server.get("/iiif/image/3/" + id + "-p1/info.json");
      assertEquals(200, info.statusCode(), "the image service answers");
      assertEquals(
          200,
          server
              .getBytes("/iiif/image/3/" + id + "-p1/0,0,512,512/512,/0/default.jpg")
              .statusCode());

      HttpServer page = viewerPage();
      try {
        String manifest = server.baseUrl() + "/iiif/3/" + id + "/manifest";
        String url =
            "http://127.0.0.1:"
                + page.getAddress().getPort()
                + "/index.html?manifest="
                + URLEncoder.encode(manifest, StandardCharsets.UTF_8);
        // Chromium's virtual time can run out before the tiles arrive on a loaded machine: the same
        // page is shot again with a longer budget before the pixels are judged.
        Files.deleteIfExists(SCREENSHOT);
        for (int budget = 15_000; budget <= 60_000 && !looksPainted(); budget *= 2) {
          screenshot(url, budget);
        }
      } finally {
        page.stop(0);
      }
    }
    long[] counts = paintedPixels();
    long paper = counts[0];
    long stamp = counts[1];
    BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
    long area = (long) shot.getWidth() * shot.getHeight();
    assertTrue(
        paper > area / 8,
        "the scan's paper covers a large part of the viewer: "
            + paper
            + " of "
            + area
            + " pixels (screenshot: "
            + SCREENSHOT.toAbsolutePath()
            + ")");
    assertTrue(
        stamp > 2000,
        "the scan's red stamp is painted: "
            + stamp
            + " pixels (screenshot: "
            + SCREENSHOT.toAbsolutePath()
            + ")");
  }

  private static boolean looksPainted() throws IOException {
    if (!Files.exists(SCREENSHOT)) {
      return false;
    }
    long[] counts = paintedPixels();
    return counts[1] > 2000;
  }

  /** Pixels of the scan's paper tone and of its red sample stamp in the screenshot. */
  private static long[] paintedPixels() throws IOException {
    BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
    long paper = 0;
    long stamp = 0;
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int x = 0; x < shot.getWidth(); x++) {
        int rgb = shot.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 180 && r - b > 12 && r >= g && g > b) {
          paper++;
        }
        if (r > 170 && r - g > 50 && r - b > 50) {
          stamp++;
        }
      }
    }
    return new long[] {paper, stamp};
  }

  /** The Mirador bundle the build packs from npm (src/main/frontend, pinned by its lock file). */
  private static byte[] miradorScript() throws IOException {
    try (InputStream in =
        MiradorViewerTest.class.getResourceAsStream("/static/mirador/mirador.min.js")) {
      assertTrue(
          in != null,
          "the build packs Mirador under static/mirador/ (src/main/frontend/build.mjs)");
      return in.readAllBytes();
    }
  }

  /**
   * The viewer's page and Mirador's script on a second origin: the JDK's HTTP server on another
   * port.
   */
  private static HttpServer viewerPage() throws IOException {
    HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    page.createContext(
        "/index.html",
        exchange -> {
          byte[] html;
          try (InputStream in = MiradorViewerTest.class.getResourceAsStream("mirador.html")) {
            html = in.readAllBytes();
          }
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, html.length);
          exchange.getResponseBody().write(html);
          exchange.close();
        });
    page.createContext(
        "/mirador.min.js",
        exchange -> {
          byte[] script = miradorScript();
          exchange.getResponseHeaders().set("Content-Type", "text/javascript");
          exchange.sendResponseHeaders(200, script.length);
          exchange.getResponseBody().write(script);
          exchange.close();
        });
    page.start();
    return page;
  }

  /**
   * Headless Chromium with the flags that work on these machines; virtual time lets the tiles
   * arrive.
   */
  private static void screenshot(String url, int virtualTimeMillis) throws Exception {
    Files.deleteIfExists(SCREENSHOT);
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command =
        List.of(
            "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--window-size=1280,900",
            "--virtual-time-budget=" + virtualTimeMillis,
            "--screenshot=" + SCREENSHOT.toAbsolutePath(),
            url);
    Process chromium =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve("chromium.log").toFile())
            .start();
    assertTrue(chromium.waitFor(2, TimeUnit.MINUTES), "chromium did not finish");
    assertTrue(
        Files.exists(SCREENSHOT),
        "chromium wrote no screenshot: see " + WORK.resolve("chromium.log"));
  }
}
