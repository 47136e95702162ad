package org.dossier.iiif.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.dossier.catalog.Page;
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
 * A real browser (Debian's headless Chromium) goes through the IIIF Authorization Flow 2.0 as a
 * viewer's user does: the full-size image is refused, the user logs in on the access service's
 * page, the token service's frame posts an access token to the viewer's window, the probe accepts
 * it, and the browser then receives the full-size image with its login cookie.
 */
class IiifAuthBrowserTest {
  private static final String PASSWORD = "a long enough password";

  private static TestServer server;
  private static WebDriver browser;
  private static String image;
  private static Page page;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.requireInstalled();
    server = TestServer.start(Map.of());
    Record r = AuthFixture.restrictFirstRecordWithScans(server);
    image = r.id() + "-p1";
    page = r.pages().get(0);
    AuthFixture.addUser(server, "browser-reader", PASSWORD);
    browser = HeadlessChromium.startForTest(1024, 800);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.close(browser, server);
  }

  @Test
  void userLogsInThroughTheAccessServiceAndThenReceivesTheFullSizeImage() throws Exception {
    String full = server.baseUrl() + "/iiif/image/3/" + image + "/full/max/0/default.jpg";
    JavascriptExecutor js = (JavascriptExecutor) browser;
    // The "viewer": a page of the site's own origin.
    browser.get(server.baseUrl() + "/");
    assertEquals(401L, js.executeAsyncScript(fetchStatus(), full, null));
    assertEquals(302L, probeStatus(js, null));

    // The access service, as the viewer opens it: ?origin=, a form the user fills in.
    browser.get(server.baseUrl() + "/auth/login?origin=" + server.baseUrl());
    browser.findElement(By.name("name")).sendKeys("browser-reader");
    browser.findElement(By.name("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "logged in"));

    // The token service in a hidden frame posts the token to the viewer's window.
    browser.get(server.baseUrl() + "/");
    Object token = js.executeAsyncScript(tokenScript(), server.baseUrl());
    assertTrue(token instanceof String s && s.length() == 43, "an access token: " + token);
    assertEquals(200L, probeStatus(js, (String) token));

    // The browser now gets the full-size image, with the cookie it holds (HttpOnly: no script
    // sees it).
    assertEquals("", js.executeScript("return document.cookie;"));
    browser.get(full);
    Object width =
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(
                d ->
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "var i = document.images[0];"
                                + " return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : null;"));
    assertEquals((long) page.width(), width, "the full-size image, not the degraded one");
  }

  private static Object probeStatus(JavascriptExecutor js, String token) {
    return js.executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + " var h = arguments[1] ? {Authorization: 'Bearer ' + arguments[1]} : {};"
            + " fetch(arguments[0], {headers: h}).then(r => r.json()).then(j => done(j.status),"
            + " e => done('failed: ' + e));",
        server.baseUrl() + "/auth/probe/" + image,
        token);
  }

  private static String fetchStatus() {
    return "var done = arguments[arguments.length - 1];"
        + " fetch(arguments[0]).then(r => done(r.status), e => done('failed: ' + e));";
  }

  /** IIIF Auth 2.0, 4.2: a listener for the message, then the service opened in a frame. */
  private static String tokenScript() {
    return "var done = arguments[arguments.length - 1];"
        + " var base = arguments[0];"
        + " window.addEventListener('message', function (e) {"
        + "   if (e.data && e.data.messageId === 'browser-1') {"
        + "     done(e.data.accessToken || ('error: ' + e.data.profile));"
        + "   }"
        + " });"
        + " var f = document.createElement('iframe');"
        + " f.style.display = 'none';"
        + " f.src = base + '/auth/token?messageId=browser-1&origin='"
        + "   + encodeURIComponent(window.location.origin);"
        + " document.body.appendChild(f);";
  }
}
