package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.dossier.testing.HeadlessChromium;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (Debian's headless Chromium, driven through its chromedriver) uses the site as a
 * reader does: the home page, a search typed into its box, a click on a result, and the document
 * page whose Mirador viewer paints the first scan, checked on the screenshot's pixels. Screenshots
 * are kept in {@code target/screenshots/}.
 */
class BrowserTest {
  static TestServer server;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.requireInstalled();
    server = TestServer.start();
    server.renderSampleScans();
    browser = HeadlessChromium.startForTest(1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.close(browser, server);
  }

  static void screenshot(String name) throws IOException {
    HeadlessChromium.screenshot(browser, name);
  }

  @Test
  void aReaderSearchesOpensADocumentAndSeesItsFirstScan() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // The base URL, so the viewer's requests for the manifest are same-origin.
    browser.get(server.baseUrl() + "/");
    assertEquals("Dossier Sample Archive", browser.findElement(By.tagName("h1")).getText());
    screenshot("1-home");

    WebElement box = browser.findElement(By.id("home-q"));
    box.sendKeys("Mikoyan", Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/search?q=Mikoyan"));
    WebElement heading =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results-heading")));
    assertEquals("Results: 1 - 2 of 2", heading.getText());
    List<WebElement> marks = browser.findElements(By.cssSelector(".document__summary mark"));
    assertTrue(!marks.isEmpty() && marks.get(0).getText().equals("Mikoyan"));
    screenshot("2-search");

    WebElement first = browser.findElement(By.cssSelector("ol.documents .document__title a"));
    String title = first.getText();
    first.click();
    wait.until(ExpectedConditions.urlContains("/records/"));
    assertEquals(title, browser.findElement(By.tagName("h1")).getText());
    // Mirador (served by Dossier from /static/mirador/) replaces the viewer's no-script text.
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#viewer.viewer--active .mirador-viewer")));
    screenshot("3-record");

    String id = browser.getCurrentUrl().replaceAll(".*/records/", "").replaceAll("\\?.*", "");
    // The viewer paints nothing without its manifest: a broken one fails here, by name.
    assertEquals(
        200, server.get("/iiif/3/" + id + "/manifest").statusCode(), "the record's IIIF manifest");

    WebElement viewer = browser.findElement(By.id("viewer"));
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    double paper = 0;
    while (System.nanoTime() < deadline) {
      paper = paperShare(viewer.getScreenshotAs(OutputType.BYTES));
      if (paper > 0.10) {
        break;
      }
      Thread.sleep(500);
    }
    screenshot("4-viewer");
    Files.write(
        HeadlessChromium.SCREENSHOTS.resolve("4-viewer-element.png"),
        viewer.getScreenshotAs(OutputType.BYTES));
    assertTrue(
        paper > 0.10,
        "the viewer shows the scan's paper: " + Math.round(paper * 100) + "% of its pixels");
  }

  /**
   * The share of pixels with the colour of the sample scans' paper (warm off-white, about RGB
   * 234/229/214): light, and red above blue, unlike the viewer's neutral greys and white.
   */
  static double paperShare(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    long paper = 0;
    long all = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        all++;
        if (r >= 170 && r <= 250 && g >= 160 && r - b >= 8 && r - b <= 45 && r >= g && g >= b) {
          paper++;
        }
      }
    }
    return all == 0 ? 0 : (double) paper / all;
  }

  /** A check of the pixel test itself, on an image drawn here: paper counts, grey does not. */
  @Test
  void thePixelTestTellsPaperFromTheViewersBackground() throws IOException {
    BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.setColor(new java.awt.Color(240, 240, 240));
    g.fillRect(0, 0, 100, 100);
    g.setColor(new java.awt.Color(234, 229, 214));
    g.fillRect(0, 0, 50, 100);
    g.dispose();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    double share = paperShare(out.toByteArray());
    assertTrue(share > 0.45 && share < 0.55, "half the image is paper: " + share);
  }
}
