package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Negotiation on the 3.0 URLs by the {@code Accept} header's JSON-LD profile (Presentation 3.0
 * §6.1): "If the client does not specify a profile ... the server SHOULD return the most recent
 * version", and a request without {@code Accept}, as Mirador sends, gets 3.0.
 */
class NegotiationTest {
  static final String V2_PROFILE =
      "application/ld+json;profile=\"http://iiif.io/api/presentation/2/context.json\"";
  static final String V3_PROFILE = PresentationHttpTest.V3;
  static final String MANIFEST = PresentationHttpTest.MANIFEST;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElseThrow();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return RecordJson.MAPPER.readTree(response.body());
  }

  @Test
  void noAcceptHeaderGets3() throws Exception {
    HttpResponse<String> response = server.get(MANIFEST);
    assertEquals(V3_PROFILE, contentType(response));
    assertEquals(
        "http://iiif.io/api/presentation/3/context.json",
        json(response).get("@context").asString());
    assertEquals(List.of("Accept"), response.headers().allValues("Vary"));
  }

  @Test
  void plainJsonLdAndWildcardsGet3() throws Exception {
    for (String accept :
        List.of(
            "application/ld+json",
            "*/*",
            "application/*",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            V3_PROFILE)) {
      HttpResponse<String> response = server.get(MANIFEST, "Accept", accept);
      assertEquals(200, response.statusCode(), accept);
      assertEquals(V3_PROFILE, contentType(response), accept);
    }
  }

  @Test
  void thePresentation2ProfileGets21WithItsOwnUrlInContentLocation() throws Exception {
    HttpResponse<String> response = server.get(MANIFEST, "Accept", V2_PROFILE);
    assertEquals(200, response.statusCode());
    assertEquals(V2_PROFILE, contentType(response));
    JsonNode manifest = json(response);
    assertEquals("sc:Manifest", manifest.get("@type").asString());
    String v2Url = server.baseUrl() + "/iiif/2/" + ManifestTest.PAGED + "/manifest";
    assertEquals(v2Url, manifest.get("@id").asString());
    assertEquals(v2Url, response.headers().firstValue("Content-Location").orElseThrow());
    assertEquals(List.of("Accept"), response.headers().allValues("Vary"));
    JsonNode collection = json(server.get("/iiif/3/collection/top", "Accept", V2_PROFILE));
    assertEquals("sc:Collection", collection.get("@type").asString());
  }

  @Test
  void qualityValuesDecideBetweenVersions() throws Exception {
    String prefers2 = V3_PROFILE + ";q=0.5, " + V2_PROFILE;
    assertEquals(V2_PROFILE, contentType(server.get(MANIFEST, "Accept", prefers2)));
    String prefers3 = V3_PROFILE + ", " + V2_PROFILE + ";q=0.9";
    assertEquals(V3_PROFILE, contentType(server.get(MANIFEST, "Accept", prefers3)));
    String refuses3 = "application/ld+json;q=1, " + V3_PROFILE + ";q=0";
    assertEquals(V2_PROFILE, contentType(server.get(MANIFEST, "Accept", refuses3)));
  }

  @Test
  void applicationJsonGets3LabelledAsJson() throws Exception {
    HttpResponse<String> response = server.get(MANIFEST, "Accept", "application/json");
    assertEquals("application/json", contentType(response));
    assertEquals("Manifest", json(response).get("type").asString());
    HttpResponse<String> v2 =
        server.get("/iiif/2/" + ManifestTest.PAGED + "/manifest", "Accept", "application/json");
    assertEquals("application/json", contentType(v2));
    assertEquals("sc:Manifest", json(v2).get("@type").asString());
  }

  @Test
  void the21UrlsAnswer21WithThe21Profile() throws Exception {
    HttpResponse<String> response = server.get("/iiif/2/" + ManifestTest.PAGED + "/manifest");
    assertEquals(V2_PROFILE, contentType(response));
    assertEquals(List.of("Accept"), response.headers().allValues("Vary"));
  }

  @Test
  void anUnreadableAcceptHeaderCountsAsNone() throws Exception {
    for (String accept :
        List.of(";;;", "application/ld+json; q=abc", "application/ld+json;profile=")) {
      HttpResponse<String> response = server.get(MANIFEST, "Accept", accept);
      assertEquals(200, response.statusCode(), accept);
      assertEquals(V3_PROFILE, contentType(response), accept);
    }
  }

  @Test
  void nothingAcceptableIs406WithAJsonBody() throws Exception {
    HttpResponse<String> response = server.get(MANIFEST, "Accept", "text/html");
    assertEquals(406, response.statusCode());
    assertEquals("application/json", contentType(response));
    assertTrue(json(response).get("detail").asString().contains("application/ld+json"));
    assertEquals(
        406,
        server
            .get("/iiif/2/" + ManifestTest.PAGED + "/manifest", "Accept", V3_PROFILE)
            .statusCode());
  }
}
