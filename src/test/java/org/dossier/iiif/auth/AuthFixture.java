package org.dossier.iiif.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.access.AccessControl;
import org.dossier.catalog.AccessLevel;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * What the authentication tests set up on their server: the sample archive's first record with
 * scans made restricted-images (its full-size images only for a user who logged in), and users
 * added by the command line, as an operator adds them; and the login through the login page.
 */
final class AuthFixture {
  private AuthFixture() {}

  /**
   * Makes the first record with scans restricted-images.
   *
   * @return that record
   */
  static Record restrictFirstRecordWithScans(TestServer server) throws InterruptedException {
    Catalog catalog = server.server().catalog();
    Record r = catalog.recordsWithScans(0, 1).get(0);
    try (CatalogWriter writer = catalog.writer()) {
      writer.put(
          catalog.storedRecord(r.id()).orElseThrow().withAccess(AccessLevel.RESTRICTED_IMAGES));
      writer.commit();
    }
    return r;
  }

  /** Adds a user by {@code user add}, the password on its input; it must exit 0. */
  static void addUser(TestServer server, String name, String password) {
    String[] added = cli(server, password + "\n", "user", "add", "--name", name);
    assertEquals("0", added[0], added[2]);
  }

  /**
   * Logs in as a user does: the login page at {@code formPath} (a path with its query), its form
   * filled in with {@code name} and {@code password} and sent back with the page's CSRF cookie.
   *
   * @return the login cookie's value
   */
  static String login(TestServer server, String formPath, String name, String password)
      throws IOException, InterruptedException {
    HttpResponse<String> form = server.get(formPath);
    assertEquals(200, form.statusCode(), form.body());
    String body =
        "name=" + enc(name) + "&password=" + enc(password) + "&csrf=" + enc(formCsrf(form.body()));
    HttpResponse<String> answer =
        server.send(
            HttpRequest.newBuilder(server.uri("/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Cookie",
                    AuthResource.CSRF_COOKIE + "=" + cookieValue(form, AuthResource.CSRF_COOKIE))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertEquals(200, answer.statusCode(), answer.body());
    return cookieValue(answer, AccessControl.COOKIE);
  }

  /** The message a token service's page posts to the viewer (the page is always 200). */
  static JsonNode tokenMessage(HttpResponse<String> page) {
    assertEquals(200, page.statusCode(), "the postMessage page is always 200: " + page.body());
    Matcher m = Pattern.compile("postMessage\\((\\{.*\\}), \"").matcher(page.body());
    assertTrue(m.find(), page.body());
    return RecordJson.read(m.group(1));
  }

  /** The CSRF token in a login page's form. */
  static String formCsrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]{43})\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  /** The Set-Cookie header of cookie {@code name}; fails when there is none. */
  static String setCookie(HttpResponse<?> r, String name) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie: " + r.headers()));
  }

  /** The value cookie {@code name} is set to; fails when it is not set. */
  static String cookieValue(HttpResponse<?> r, String name) {
    String c = setCookie(r, name);
    return c.substring(name.length() + 1, c.indexOf(';'));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Runs the command line on the server's data directory with {@code stdin} as its input.
   *
   * @return its exit status, standard output and standard error
   */
  static String[] cli(TestServer server, String stdin, String... args) {
    return server.runCommand(stdin, args);
  }
}
