package org.dossier.iiif.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dossier.access.AccessControl;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * IIIF Authorization Flow API 2.0 over HTTP: users from the command line, the login page and its
 * CSRF defence, the token service's postMessage page, the probe before and after login and after
 * logout, the degraded image, and the full image with the login cookie.
 */
class IiifAuthTest {
  private static final String VIEWER = "https://viewer.example.org";
  private static final String PASSWORD = "correct horse battery";

  private static TestServer server;
  private static String image;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of());
    Record r = AuthFixture.restrictFirstRecordWithScans(server);
    image = r.id() + "-p1";
    AuthFixture.addUser(server, "reader", PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void usersAreKeptAsBcryptHashesAndListedAndRemoved() {
    assertTrue(
        server.server().catalog().users().passwordHash("reader").orElseThrow().startsWith("$2"));
    assertTrue(cli("", "user", "list")[1].contains("reader"));
    assertEquals("1", cli("short\n", "user", "add", "--name", "weak")[0], "a short password");
    assertEquals("1", cli(PASSWORD + "\n", "user", "add", "--name", "reader")[0], "a second one");
    assertEquals("0", cli(PASSWORD + "\n", "user", "add", "--name", "leaving")[0]);
    assertEquals("0", cli("", "user", "remove", "leaving")[0]);
    assertFalse(cli("", "user", "list")[1].contains("leaving"));
    assertEquals("1", cli("", "user", "remove", "leaving")[0]);
  }

  @Test
  void probeSendsAnonymousUsersToTheDegradedImageAndLoggedInUsersToTheFullOne() throws Exception {
    // Before login: 302 to the lower-resolution service, which serves them.
    JsonNode before = probe(null);
    assertEquals("AuthProbeResult2", before.get("type").asString());
    assertEquals(302, before.get("status").asInt());
    String location = before.get("location").get("id").asString();
    assertTrue(location.contains("/" + image + "-lo/"), location);
    assertEquals(200, server.getBytes(path(location)).statusCode());
    assertEquals(401, imageStatus(null));

    // The token service without a login: an error message, posted to the viewer's origin only.
    HttpResponse<String> refused = get("/auth/token?messageId=m0&origin=" + enc(VIEWER), null);
    assertEquals(200, refused.statusCode());
    assertEquals("missingAspect", AuthFixture.tokenMessage(refused).get("profile").asString());

    String cookie = login("reader", PASSWORD);

    HttpResponse<String> page = get("/auth/token?messageId=m1&origin=" + enc(VIEWER), cookie);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains(", \"" + VIEWER + "\");"), "targetOrigin: " + page.body());
    JsonNode message = AuthFixture.tokenMessage(page);
    assertEquals("AuthAccessToken2", message.get("type").asString());
    assertEquals("m1", message.get("messageId").asString());
    assertTrue(message.get("expiresIn").asInt() > 0);
    String token = message.get("accessToken").asString();
    assertFalse(token.equals(cookie), "the token is not the cookie");

    assertEquals(200, probe(token).get("status").asInt());
    assertFalse(probe(token).has("location"));
    assertEquals(200, imageStatus(cookie), "the full-size image with the login cookie");
    assertEquals(401, imageStatus(null));

    // Logout ends both the cookie and its token.
    HttpResponse<String> out = get("/auth/logout", cookie);
    assertEquals(200, out.statusCode());
    assertTrue(
        out.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.startsWith(AccessControl.COOKIE + "=;") && c.contains("Max-Age=0")));
    assertEquals(302, probe(token).get("status").asInt());
    assertEquals(401, imageStatus(cookie));
  }

  @Test
  void loginFormIsProtectedAgainstCrossSiteRequestsAndWrongPasswords() throws Exception {
    HttpResponse<String> form = get("/auth/login?origin=" + enc(VIEWER), null);
    assertEquals(200, form.statusCode());
    assertEquals(List.of("DENY"), form.headers().allValues("X-Frame-Options"));
    String csrfCookie = AuthFixture.cookieValue(form, AuthResource.CSRF_COOKIE);
    String setCsrf = AuthFixture.setCookie(form, AuthResource.CSRF_COOKIE);
    assertTrue(setCsrf.contains("HttpOnly") && setCsrf.contains("SameSite=Strict"), setCsrf);
    String csrf = AuthFixture.formCsrf(form.body());
    assertEquals(csrfCookie, csrf);

    // No cookie (what another site's form would send), a wrong token, a foreign Origin: 403.
    assertEquals(403, post("reader", PASSWORD, csrf, null, null).statusCode());
    assertEquals(403, post("reader", PASSWORD, "x".repeat(43), csrfCookie, null).statusCode());
    assertEquals(
        403, post("reader", PASSWORD, csrf, csrfCookie, "https://evil.example").statusCode());
    // A wrong password: 401 and the form again; no login cookie.
    HttpResponse<String> wrong = post("reader", "not the password", csrf, csrfCookie, null);
    assertEquals(401, wrong.statusCode());
    assertTrue(
        wrong.headers().allValues("Set-Cookie").stream()
            .noneMatch(c -> c.startsWith(AccessControl.COOKIE + "=")));
    HttpResponse<String> right = post("reader", PASSWORD, csrf, csrfCookie, server.baseUrl());
    assertEquals(200, right.statusCode());
    String session = AuthFixture.setCookie(right, AccessControl.COOKIE);
    assertTrue(session.contains("HttpOnly"), session);
    assertTrue(session.contains("SameSite=Lax"), "http base URL: Lax, not Secure: " + session);
    assertFalse(session.contains("Secure"), session);
  }

  @Test
  void tokenServiceRefusesAnOriginThatIsNotOne() throws Exception {
    assertEquals(400, get("/auth/token?messageId=m&origin=javascript:alert(1)", null).statusCode());
    assertEquals(400, get("/auth/token?messageId=m", null).statusCode());
    HttpResponse<String> tricky =
        get("/auth/token?messageId=" + enc("</script><b>") + "&origin=" + enc(VIEWER), null);
    assertEquals(200, tricky.statusCode());
    assertFalse(tricky.body().contains("</script><b>"), tricky.body());
  }

  // ---- helpers ----

  static String login(String name, String password) throws Exception {
    return AuthFixture.login(server, "/auth/login", name, password);
  }

  private static JsonNode probe(String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(server.uri("/auth/probe/" + image));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> answer = server.send(r.build());
    assertEquals(200, answer.statusCode(), "a probe answers 200 whatever its status says");
    return RecordJson.read(answer.body());
  }

  private static int imageStatus(String cookie) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(server.uri("/iiif/image/3/" + image + "/full/max/0/default.jpg"));
    if (cookie != null) {
      r.header("Cookie", AccessControl.COOKIE + "=" + cookie);
    }
    return server.client().send(r.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
  }

  private static HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(server.uri(path));
    if (cookie != null) {
      r.header("Cookie", AccessControl.COOKIE + "=" + cookie);
    }
    return server.send(r.build());
  }

  private static HttpResponse<String> post(
      String name, String password, String csrf, String csrfCookie, String origin)
      throws Exception {
    String form = "name=" + enc(name) + "&password=" + enc(password) + "&csrf=" + enc(csrf);
    HttpRequest.Builder r =
        HttpRequest.newBuilder(server.uri("/auth/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (csrfCookie != null) {
      r.header("Cookie", AuthResource.CSRF_COOKIE + "=" + csrfCookie);
    }
    if (origin != null) {
      r.header("Origin", origin);
    }
    return server.send(r.build());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String path(String url) {
    return url.substring(server.baseUrl().length());
  }

  /** Runs the command line on the server's data directory with {@code stdin} as its input. */
  static String[] cli(String stdin, String... args) {
    return AuthFixture.cli(server, stdin, args);
  }
}
