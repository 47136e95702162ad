package org.dossier.iiif.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dossier.catalog.Record;
import org.dossier.testing.HeadlessChromium;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The site's own viewer, Mirador 4 (which speaks IIIF Authentication 1.0 only), on the page of a
 * restricted-images record in headless Chromium: it shows the lower-resolution image and offers the
 * login from the 1.0 login service; the user logs in in the window Mirador opens; Mirador takes the
 * token from the 1.0 token service's frame, asks for the full info.json with it, offers the logout
 * and, once the page is shown again, loads the full-size image with the login cookie. Screenshots
 * are kept in {@code target/screenshots/}.
 */
class MiradorAuth1BrowserTest {
  private static final String PASSWORD = "mirador reader password";

  private static TestServer server;
  private static WebDriver browser;
  private static String recordId;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.requireInstalled();
    server = TestServer.start(Map.of());
    Record r = AuthFixture.restrictFirstRecordWithScans(server);
    recordId = r.id();
    AuthFixture.addUser(server, "mirador-reader", PASSWORD);
    browser = HeadlessChromium.startForTest(1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.close(browser, server);
  }

  @Test
  void miradorOnTheRecordPageOffersTheLoginAndThenLoadsTheFullSizeImage() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    browser.get(server.baseUrl() + "/records/" + recordId);
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#viewer.viewer--active .mirador-viewer")));

    // The login bar, from the 1.0 login service of the lower-resolution info.json.
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//h3[contains(., 'Log in to localhost')]")))
        .click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath("//*[contains(., 'Log in to see this image at full size')]")));
    screenshot("auth1-1-login-offered");
    // The lower-resolution image is painted.
    List<String> before =
        wait.until(
            d -> {
              List<String> r = imageRequests();
              return r.stream().anyMatch(u -> u.contains("/" + recordId + "-p1-lo/")) ? r : null;
            });
    assertFalse(
        before.stream().anyMatch(u -> u.contains("-p1-lo/") && !u.endsWith(" 200")),
        "every request to the lower-resolution service is answered: " + before);
    assertFalse(
        before.stream().anyMatch(u -> fullTile(u)),
        "no tile of the full image before login (thumbnails may come from it): " + before);

    // Confirm: Mirador opens the login cookie service in a new window.
    String viewerWindow = browser.getWindowHandle();
    browser.findElement(By.xpath("//button[normalize-space(.)='Log in']")).click();
    wait.until(d -> d.getWindowHandles().size() == 2);
    Set<String> handles = browser.getWindowHandles();
    String loginWindow =
        handles.stream().filter(h -> !h.equals(viewerWindow)).findFirst().orElseThrow();
    browser.switchTo().window(loginWindow);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.name("name")));
    assertTrue(browser.getCurrentUrl().contains("/auth/login?origin="), browser.getCurrentUrl());
    browser.findElement(By.name("name")).sendKeys("mirador-reader");
    browser.findElement(By.name("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    // The page closes itself after the login; Mirador sees the window closed.
    wait.until(d -> d.getWindowHandles().size() == 1);
    browser.switchTo().window(viewerWindow);

    // Logged in: the bar offers the logout, and the full image's tiles arrive.
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.xpath("//button[normalize-space(.)='Log out from localhost']")));
    // Mirador 4.0.0 keeps the image it has painted when the description of its service changes
    // (it adds an image to OpenSeadragon only when the page is shown): the next page and back.
    wait.until(
            ExpectedConditions.elementToBeClickable(By.xpath("//button[@aria-label='Next item']")))
        .click();
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//button[@aria-label='Previous item']")))
        .click();
    List<String> full;
    try {
      full =
          wait.until(
              d -> {
                List<String> loaded =
                    imageRequests().stream()
                        .filter(u -> fullImage(u) && u.endsWith(" 200"))
                        .toList();
                return loaded.isEmpty() ? null : loaded;
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("auth1-2-logged-in-failed");
      throw new AssertionError(
          "no tile of the full image after login; requests: "
              + ((JavascriptExecutor) browser)
                  .executeScript(
                      "return performance.getEntriesByType('resource')"
                          + ".filter(e => e.name.includes('/iiif/'))"
                          + ".map(e => e.name + ' ' + e.responseStatus);"),
          e);
    }
    screenshot("auth1-2-logged-in");
    assertTrue(!full.isEmpty(), "tiles of the full-size image: " + imageRequests());
  }

  /**
   * A tile (a region cut out) of the full service: only its info.json, not the lower one's, has
   * tiles.
   */
  private static boolean fullTile(String request) {
    return request.matches(
        ".*/" + Pattern.quote(recordId + "-p1") + "/[0-9]+,[0-9]+,[0-9]+,[0-9]+/.*");
  }

  /** An image request to the full service of the first page (not its lower-resolution one). */
  private static boolean fullImage(String request) {
    return request.contains("/" + recordId + "-p1/");
  }

  /** The image requests the page made so far ({@code URL STATUS}), from the Resource Timing API. */
  @SuppressWarnings("unchecked")
  private static List<String> imageRequests() {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('/iiif/image/') && !e.name.endsWith('info.json'))"
                    + ".map(e => e.name + ' ' + e.responseStatus);");
  }

  private static void screenshot(String name) throws IOException {
    HeadlessChromium.screenshot(browser, name);
  }
}
