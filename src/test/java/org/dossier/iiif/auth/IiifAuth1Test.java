package org.dossier.iiif.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dossier.access.AccessControl;
import org.dossier.access.AuthServices;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * IIIF Authentication API 1.0 over HTTP, as a 1.0 viewer (Mirador 4) goes through it for a page of
 * a restricted-images record: the full service's info.json sends it to the lower-resolution one,
 * which names the login cookie service; the user logs in there; the access token service posts a
 * token; info.json asked for with that token is the full one; the image asked for with the cookie
 * is served whole; the logout service ends both.
 */
class IiifAuth1Test {
  private static final String VIEWER = "https://viewer.example.org";
  private static final String PASSWORD = "a password of 1.0 length";

  private static TestServer server;
  private static String recordId;
  private static Page page;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of());
    Record r = AuthFixture.restrictFirstRecordWithScans(server);
    recordId = r.id();
    page = r.pages().get(0);
    AuthFixture.addUser(server, "reader-1", PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void viewerLogsInThroughTheCookieServiceAndGetsTheFullInfoJsonAndImageUntilLogout()
      throws Exception {
    String full = server.baseUrl() + "/iiif/image/3/" + recordId + "-p1";
    String lower = full + "-lo";

    // 3.2: without a token, the full tier's description redirects to the lower tier's.
    HttpResponse<String> anonymous = get("/iiif/image/3/" + recordId + "-p1/info.json", null, null);
    assertEquals(302, anonymous.statusCode());
    assertEquals(lower + "/info.json", anonymous.headers().firstValue("Location").orElse(""));
    JsonNode degraded = json(get(path(lower) + "/info.json", null, null));
    assertEquals(lower, degraded.get("id").asString(), "another id: the client sees another tier");
    assertEquals("level0", degraded.get("profile").asString(), "whole images at its sizes only");
    JsonNode login = degraded.get("service").get(0);
    assertLoginService(login);

    // The token service without a login: the 1.0 error, posted to the viewer, or as JSON.
    JsonNode refused =
        AuthFixture.tokenMessage(get("/auth/1/token?messageId=m0&origin=" + enc(VIEWER), null));
    assertEquals("m0", refused.get("messageId").asString());
    assertEquals("missingCredentials", refused.get("error").asString());
    HttpResponse<String> refusedJson = get("/auth/1/token", null, null);
    assertEquals(401, refusedJson.statusCode());
    assertEquals("missingCredentials", json(refusedJson, 401).get("error").asString());
    assertEquals(401, imageStatus(null));

    // 2.1.3: the login cookie service is the login page; the user logs in there.
    String cookie =
        AuthFixture.login(
            server,
            path(login.get("@id").asString() + "?origin=" + enc(VIEWER)),
            "reader-1",
            PASSWORD);

    // 2.2.4: the token service in the viewer's frame posts the token to the viewer's origin.
    String tokenUrl = login.get("service").get(0).get("@id").asString();
    HttpResponse<String> tokenPage =
        get(path(tokenUrl) + "?messageId=m1&origin=" + enc(VIEWER + "/"), cookie);
    assertEquals(200, tokenPage.statusCode());
    assertTrue(tokenPage.body().contains(", \"" + VIEWER + "\");"), tokenPage.body());
    JsonNode message = AuthFixture.tokenMessage(tokenPage);
    assertEquals("m1", message.get("messageId").asString());
    assertTrue(message.get("expiresIn").asLong() > 0, message.toString());
    String token = message.get("accessToken").asString();
    assertFalse(token.equals(cookie), "the token is not the cookie");
    // 2.2.3: a client that sends the cookie itself gets the JSON object.
    JsonNode direct = json(get(path(tokenUrl), cookie));
    assertTrue(direct.has("accessToken") && direct.has("expiresIn"), direct.toString());
    token = direct.get("accessToken").asString(); // a new token replaces the previous one

    // 2.2.5: info.json asked for with the token is the full tier's: the same id, the whole size.
    HttpResponse<String> withToken =
        get("/iiif/image/3/" + recordId + "-p1/info.json", null, "Bearer " + token);
    JsonNode info = json(withToken);
    assertEquals(full, info.get("id").asString());
    assertEquals(page.width(), info.get("width").asInt());
    assertTrue(info.has("tiles"), "the full tier has tiles");
    assertEquals("AuthProbeService2", info.get("service").get(0).get("type").asString());
    assertLoginService(info.get("service").get(1));
    assertEquals("private, no-cache", withToken.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(
        302,
        get("/iiif/image/3/" + recordId + "-p1/info.json", null, "Bearer " + "x".repeat(43))
            .statusCode(),
        "a token that is not one");
    // The Image API 2.1 description behaves the same, its 1.0 service an object.
    assertEquals(302, get("/iiif/image/2/" + recordId + "-p1/info.json", null, null).statusCode());
    JsonNode info2 =
        json(get("/iiif/image/2/" + recordId + "-p1/info.json", null, "Bearer " + token));
    assertLoginService(info2.get("service"));

    // 1.2: the image (a content resource) is served whole with the cookie.
    HttpResponse<byte[]> image = imageWith(cookie);
    assertEquals(200, image.statusCode());
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(image.body()));
    assertEquals(page.width(), picture.getWidth(), "the full-size image, not the degraded one");

    // 2.3: the logout service ends the login, its cookie and its token.
    String logout = login.get("service").get(1).get("@id").asString();
    HttpResponse<String> out = get(path(logout), cookie);
    assertEquals(200, out.statusCode());
    assertTrue(
        out.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.startsWith(AccessControl.COOKIE + "=;") && c.contains("Max-Age=0")));
    assertEquals(
        302,
        get("/iiif/image/3/" + recordId + "-p1/info.json", null, "Bearer " + token).statusCode());
    assertEquals(401, imageWith(cookie).statusCode());
    JsonNode after =
        AuthFixture.tokenMessage(
            get(path(tokenUrl) + "?messageId=m2&origin=" + enc(VIEWER), cookie));
    assertEquals("invalidCredentials", after.get("error").asString());
  }

  @Test
  void manifestsNameTheLoginServiceInTheImageServiceAndTheTokenServiceRefusesBadOrigins()
      throws Exception {
    JsonNode manifest = json(get("/iiif/3/" + recordId + "/manifest", null, null));
    JsonNode imageService =
        manifest
            .get("items")
            .get(0)
            .get("items")
            .get(0)
            .get("items")
            .get(0)
            .get("body")
            .get("service")
            .get(0);
    // Every service there has a profile: Mirador 4 reads each one's and stops on one without.
    assertEquals(1, imageService.get("service").size(), imageService.toString());
    assertLoginService(imageService.get("service").get(0));
    JsonNode manifest2 = json(get("/iiif/2/" + recordId + "/manifest", null, null));
    assertLoginService(
        manifest2
            .get("sequences")
            .get(0)
            .get("canvases")
            .get(0)
            .get("images")
            .get(0)
            .get("resource")
            .get("service")
            .get("service"));

    assertEquals(
        400, get("/auth/1/token?messageId=m&origin=javascript:alert(1)", null).statusCode());
    assertEquals(400, get("/auth/1/token?messageId=m", null).statusCode());
    HttpResponse<String> tricky =
        get("/auth/1/token?messageId=" + enc("</script><b>") + "&origin=" + enc(VIEWER), null);
    assertEquals(200, tricky.statusCode());
    assertFalse(tricky.body().contains("</script><b>"), tricky.body());
  }

  // ---- helpers ----

  private static void assertLoginService(JsonNode login) {
    assertEquals(AuthServices.CONTEXT_1, login.get("@context").asString());
    assertEquals(AuthServices.LOGIN_1, login.get("profile").asString());
    assertEquals(server.baseUrl() + "/auth/login", login.get("@id").asString());
    assertTrue(login.get("label").asString().contains("localhost"), login.toString());
    JsonNode token = login.get("service").get(0);
    assertEquals(AuthServices.TOKEN_1, token.get("profile").asString());
    assertEquals(server.baseUrl() + "/auth/1/token", token.get("@id").asString());
    JsonNode logout = login.get("service").get(1);
    assertEquals(AuthServices.LOGOUT_1, logout.get("profile").asString());
    assertEquals(server.baseUrl() + "/auth/logout", logout.get("@id").asString());
  }

  private static HttpResponse<byte[]> imageWith(String cookie) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(
            server.uri("/iiif/image/3/" + recordId + "-p1/full/max/0/default.jpg"));
    if (cookie != null) {
      r.header("Cookie", AccessControl.COOKIE + "=" + cookie);
    }
    return server.client().send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int imageStatus(String cookie) throws Exception {
    return imageWith(cookie).statusCode();
  }

  private static HttpResponse<String> get(String path, String cookie) throws Exception {
    return get(path, cookie, null);
  }

  private static HttpResponse<String> get(String path, String cookie, String authorization)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(server.uri(path));
    if (cookie != null) {
      r.header("Cookie", AccessControl.COOKIE + "=" + cookie);
    }
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return server.send(r.build());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return json(response, 200);
  }

  private static JsonNode json(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    return RecordJson.read(response.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String path(String url) {
    assertTrue(url.startsWith(server.baseUrl()), url);
    return url.substring(server.baseUrl().length());
  }
}
