package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.dossier.testing.HeadlessChromium;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real viewer searches: Mirador 4 (the build's bundle) in headless Chromium, on a page of another
 * origin, opens a sample manifest, finds its search service (Search 1.0, the one Mirador speaks),
 * and a word is searched through Mirador's own search panel. The panel must list one hit for each
 * place the sample renderer drew the word (counted from its ALTO), with the word in the snippet,
 * and Mirador must paint the selected hit's highlight on the canvas: yellow over the scan's paper,
 * which the screenshot shows only after the search. Screenshots go to {@code
 * target/mirador-search/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}, the fulltext branch (the sample
 * pages' ALTO) and the wiring of the search services into the server and its manifests.
 */
class MiradorSearchTest {
  static final Path WORK = Path.of("target/mirador-search");

  /** Skips on a developer machine without the browser; fails in CI, which installs it (.ci/run). */
  private static void requireBrowser() {
    boolean present = HeadlessChromium.installed();
    if (System.getenv("CI") != null) {
      assertTrue(present, "chromium and chromium-driver are missing: .ci/run installs them");
    }
    assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
  }

  @Test
  void miradorSearchesAWordThroughItsPanelListsEveryHitAndHighlightsTheSelectedOne()
      throws Exception {
    requireBrowser();
    Files.createDirectories(WORK);
    try (TestServer server = TestServer.start()) {
      var alto = ContentSearchSampleArchiveTest.readAlto(server.dataDir().resolve("ocr"));
      String[] recordAndWord = ContentSearchSampleArchiveTest.recordAndRepeatedWord(alto);
      String record = recordAndWord[0];
      String word = recordAndWord[1];
      long drawn =
          alto.get(record).values().stream()
              .flatMap(List::stream)
              .flatMap(List::stream)
              .filter(w -> w.key().equals(word))
              .count();

      HttpServer page = viewerPage();
      ChromeDriver browser = HeadlessChromium.start(1280, 900);
      try {
        String manifest = server.baseUrl() + "/iiif/3/" + record + "/manifest";
        browser.get(
            "http://127.0.0.1:"
                + page.getAddress().getPort()
                + "/index.html?manifest="
                + URLEncoder.encode(manifest, StandardCharsets.UTF_8));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        // The scan is painted (its red stamp shows) before anything is searched.
        BufferedImage before =
            waitForShot(
                browser, "before.png", shot -> count(shot, null, MiradorSearchTest::stamp) > 2000);
        // Only the viewer's canvas is looked at for the highlight: the panel's badge of the
        // selected
        // hit is yellow too.
        Rectangle canvas =
            browser.findElement(By.cssSelector(".openseadragon-canvas canvas")).getRect();
        long yellowBefore = count(before, canvas, MiradorSearchTest::highlighted);

        // Mirador shows its search button only when the manifest has a search service it knows.
        // A click that lands on an overlay still fading out (a slow machine) is tried again.
        wait.ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
            .until(
                b -> {
                  WebElement button =
                      b.findElements(By.cssSelector("[aria-label='Search']")).stream()
                          .findFirst()
                          .orElse(null);
                  if (button == null) {
                    return false;
                  }
                  button.click();
                  return true;
                });
        WebElement input =
            wait.until(
                b ->
                    b.findElements(By.cssSelector("input[type='search'], input")).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
        input.sendKeys(word, Keys.ENTER);

        String counter = "1 of " + drawn;
        wait.until(
            b ->
                !b.findElements(By.xpath("//*[normalize-space(text())='" + counter + "']"))
                    .isEmpty());
        // Each hit's snippet shows the match in bold between its before and after texts.
        wait.until(
            b ->
                b.findElements(By.xpath("//strong")).stream()
                        .filter(s -> Folding.key(s.getText()).equals(word))
                        .count()
                    >= drawn);
        assertEquals(
            drawn,
            browser.findElements(By.xpath("//strong")).stream()
                .filter(s -> Folding.key(s.getText()).equals(word))
                .count(),
            "a snippet with the word for each hit");
        BufferedImage after =
            waitForShot(
                browser,
                "after.png",
                shot -> count(shot, canvas, MiradorSearchTest::highlighted) > yellowBefore + 150);
        long yellowAfter = count(after, canvas, MiradorSearchTest::highlighted);
        assertTrue(
            yellowAfter > yellowBefore + 150,
            "the hit is highlighted on the canvas: "
                + yellowBefore
                + " then "
                + yellowAfter
                + " yellow pixels ("
                + WORK.toAbsolutePath()
                + ")");
      } finally {
        browser.quit();
        page.stop(0);
      }
    }
  }

  /**
   * Screenshots until {@code done} holds or a minute passes; the last one is kept under {@code
   * name}.
   */
  private static BufferedImage waitForShot(
      ChromeDriver browser, String name, Predicate<BufferedImage> done)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      byte[] png = browser.getScreenshotAs(OutputType.BYTES);
      Files.write(WORK.resolve(name), png);
      BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
      if (done.test(shot) || System.nanoTime() > deadline) {
        return shot;
      }
      Thread.sleep(500);
    }
  }

  /** Pixels of a colour in the screenshot, or in a part of it. */
  private static long count(BufferedImage shot, Rectangle area, Predicate<int[]> colour) {
    int x0 = area == null ? 0 : Math.max(0, area.getX());
    int y0 = area == null ? 0 : Math.max(0, area.getY());
    int x1 =
        area == null ? shot.getWidth() : Math.min(shot.getWidth(), area.getX() + area.getWidth());
    int y1 =
        area == null
            ? shot.getHeight()
            : Math.min(shot.getHeight(), area.getY() + area.getHeight());
    long n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int rgb = shot.getRGB(x, y);
        if (colour.test(new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff})) {
          n++;
        }
      }
    }
    return n;
  }

  /** The sample scan's red stamp. */
  private static boolean stamp(int[] c) {
    return c[0] > 170 && c[0] - c[1] > 50 && c[0] - c[2] > 50;
  }

  /**
   * Mirador's highlight of the selected search hit (#ffff00 at 30 %) over the scan's paper: red and
   * green stay high, blue drops far below them. Neither the paper, the ink nor the stamp has that
   * colour.
   */
  private static boolean highlighted(int[] c) {
    return c[0] > 200 && c[1] > 190 && Math.abs(c[0] - c[1]) < 30 && c[0] - c[2] > 70;
  }

  private static HttpServer viewerPage() throws IOException {
    HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    page.createContext(
        "/index.html",
        exchange -> {
          byte[] html;
          try (InputStream in =
              MiradorSearchTest.class.getResourceAsStream("mirador-search.html")) {
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
          byte[] script;
          try (InputStream in =
              MiradorSearchTest.class.getResourceAsStream("/static/mirador/mirador.min.js")) {
            assertTrue(in != null, "the build packs Mirador under static/mirador/");
            script = in.readAllBytes();
          }
          exchange.getResponseHeaders().set("Content-Type", "text/javascript");
          exchange.sendResponseHeaders(200, script.length);
          exchange.getResponseBody().write(script);
          exchange.close();
        });
    page.start();
    return page;
  }
}
