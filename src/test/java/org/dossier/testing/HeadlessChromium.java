package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver, as the browser tests use it: a fresh
 * profile, nothing fetched in the background, a window of a given size.
 */
public final class HeadlessChromium {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where the browser tests keep what the browser showed. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HeadlessChromium() {}

  /** True when both the browser and its driver are installed. */
  public static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Starts a browser with a window of {@code width} × {@code height}; the caller quits it. */
  public static ChromeDriver start(int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("dossier-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /**
   * For a browser test's set-up: skips the test when the browser is not installed, except on CI,
   * which installs it, where its absence fails the test.
   */
  public static void requireInstalled() {
    boolean installed = installed();
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
    }
    assertTrue(installed, "CI installs chromium and chromium-driver (see .ci/run)");
  }

  /**
   * A browser for a test: {@link #start}, with 60 s for a page to load (a loaded machine is slow);
   * the caller quits it.
   */
  public static ChromeDriver startForTest(int width, int height) throws IOException {
    ChromeDriver browser = start(width, height);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return browser;
  }

  /** Quits the browser and closes the server, whichever of them was started (an @AfterAll). */
  public static void close(WebDriver browser, AutoCloseable server) throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** Keeps what {@code browser} shows as {@code target/screenshots/NAME.png}. */
  public static void screenshot(WebDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }
}
