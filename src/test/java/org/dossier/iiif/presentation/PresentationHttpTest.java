package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of Presentation 3.0 §6: content type, CORS on every response (errors, 304s and
 * preflights included), validators and conditional requests, caching, and JSON errors.
 */
class PresentationHttpTest {
  static final String MANIFEST = "/iiif/3/" + ManifestTest.PAGED + "/manifest";
  static final String V3 =
      "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** "Access-Control-Allow-Origin: *", exactly once: browsers refuse a response that repeats it. */
  static void assertCors(HttpResponse<?> response) {
    assertEquals(
        List.of("*"),
        response.headers().allValues("Access-Control-Allow-Origin"),
        response.uri().toString());
  }

  @Test
  void manifestsAreJsonLdWithThePresentation3Profile() throws Exception {
    HttpResponse<String> response = server.get(MANIFEST);
    assertEquals(200, response.statusCode());
    assertEquals(V3, response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(List.of("Accept"), response.headers().allValues("Vary"));
    assertCors(response);
    assertEquals(
        "public, max-age=300", response.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void headAnswersWithTheHeadersOfGet() throws Exception {
    HttpResponse<String> get = server.get(MANIFEST);
    HttpResponse<String> head =
        server.send(
            HttpRequest.newBuilder(server.uri(MANIFEST))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(200, head.statusCode());
    assertEquals(
        Long.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
        head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
    assertEquals(V3, head.headers().firstValue("Content-Type").orElseThrow());
    assertCors(head);
  }

  @Test
  void everyKindOfResponseCarriesCorsOnce() throws Exception {
    assertCors(server.get(MANIFEST));
    assertCors(server.get("/iiif/3/collection/top"));
    assertCors(server.get("/iiif/2/" + ManifestTest.PAGED + "/manifest"));
    assertCors(server.get("/iiif/3/no-such-record/manifest"));
    assertCors(server.get("/iiif/3/no/such/path"));
    assertCors(server.get("/iiif/logo.png"));
    String etag = server.get(MANIFEST).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> notModified = server.get(MANIFEST, "If-None-Match", etag);
    assertEquals(304, notModified.statusCode());
    assertCors(notModified);
    assertCors(server.get(MANIFEST, "Accept", "text/html"));
  }

  @Test
  void preflightIsAnsweredAndAllowsAuthorization() throws Exception {
    HttpResponse<String> preflight =
        server.send(
            HttpRequest.newBuilder(server.uri(MANIFEST))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://viewer.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build());
    assertEquals(204, preflight.statusCode());
    assertCors(preflight);
    String allowed = preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow();
    assertTrue(List.of(allowed.toLowerCase().split(",\\s*")).contains("authorization"), allowed);
    assertTrue(
        preflight
            .headers()
            .firstValue("Access-Control-Allow-Methods")
            .orElseThrow()
            .contains("GET"));
  }

  @Test
  void unknownIdIs404WithAJsonErrorBody() throws Exception {
    HttpResponse<String> response = server.get("/iiif/3/no-such-record/manifest");
    assertEquals(404, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode body = RecordJson.MAPPER.readTree(response.body());
    assertEquals(404, body.get("status").asInt());
    assertTrue(body.get("detail").asString().contains("no-such-record"));
    assertEquals(404, server.get("/iiif/3/" + ManifestTest.PAGED + "/canvas/p99").statusCode());
    assertEquals(404, server.get("/iiif/3/" + ManifestTest.PAGED + "/canvas/p0").statusCode());
    assertEquals(404, server.get("/iiif/2/no-such-record/manifest").statusCode());
    HttpResponse<String> elsewhere = server.get("/iiif/3/no/such/path");
    assertEquals(404, elsewhere.statusCode());
    assertEquals("application/json", elsewhere.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void matchingIfNoneMatchGets304AndADifferentOneTheDocument() throws Exception {
    HttpResponse<String> first = server.get(MANIFEST);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
    HttpResponse<String> again = server.get(MANIFEST, "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
    assertEquals(
        304,
        server.get(MANIFEST, "If-None-Match", "\"other\", W/" + etag).statusCode(),
        "weak comparison");
    assertEquals(200, server.get(MANIFEST, "If-None-Match", "\"other\"").statusCode());
    String collectionTag =
        server.get("/iiif/3/collection/top").headers().firstValue("ETag").orElseThrow();
    assertEquals(
        304, server.get("/iiif/3/collection/top", "If-None-Match", collectionTag).statusCode());
  }

  @Test
  void lastModifiedIsTheRecordsDatestampAndIfModifiedSinceGets304() throws Exception {
    HttpResponse<String> first = server.get(MANIFEST);
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
    Record r = server.server().catalog().record(ManifestTest.PAGED).orElseThrow();
    assertEquals(
        r.datestamp(),
        ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    assertEquals(304, server.get(MANIFEST, "If-Modified-Since", lastModified).statusCode());
    assertEquals(
        200,
        server.get(MANIFEST, "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode());
    assertEquals(
        200,
        server
            .get(MANIFEST, "If-None-Match", "\"other\"", "If-Modified-Since", lastModified)
            .statusCode(),
        "If-Modified-Since is ignored when If-None-Match is present (RFC 9110 §13.1.3)");
  }

  @Test
  void representationsHaveTheirOwnEtags() throws Exception {
    String v3 = server.get(MANIFEST).headers().firstValue("ETag").orElseThrow();
    String json =
        server
            .get(MANIFEST, "Accept", "application/json")
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    String v2 =
        server
            .get("/iiif/2/" + ManifestTest.PAGED + "/manifest")
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    assertEquals(3, List.of(v3, json, v2).stream().distinct().count());
    assertEquals(
        200, server.get(MANIFEST, "Accept", "application/json", "If-None-Match", v3).statusCode());
  }

  @Test
  void anUpdatedRecordGetsANewEtagEvenWithinTheSameSecond() throws Exception {
    String id = "1950-05-12-ciphered-telegram-shtykov-vyshinsky";
    String path = "/iiif/3/" + id + "/manifest";
    String before = server.get(path).headers().firstValue("ETag").orElseThrow();
    String collectionBefore =
        server.get("/iiif/3/collection/top").headers().firstValue("ETag").orElseThrow();
    Record r = server.server().catalog().record(id).orElseThrow();
    try (CatalogWriter writer = server.server().catalog().writer()) {
      writer.put(
          new Record(
              r.id(),
              r.title() + " (revised)",
              r.date(),
              r.summary(),
              r.type(),
              r.languages(),
              r.people(),
              r.places(),
              r.subjects(),
              r.source(),
              r.archive(),
              r.rights(),
              r.collections(),
              r.pages(),
              null,
              false));
      writer.commit();
    }
    HttpResponse<String> after = server.get(path, "If-None-Match", before);
    assertEquals(200, after.statusCode());
    assertNotEquals(before, after.headers().firstValue("ETag").orElseThrow());
    assertTrue(after.body().contains("(revised)"));
    assertNotEquals(
        collectionBefore,
        server.get("/iiif/3/collection/top").headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void aDeletedRecordIsGoneWithAJsonBody() throws Exception {
    String id = "1950-05-30-cable-shtykov-vyshinsky-politburo";
    assertEquals(200, server.get("/iiif/3/" + id + "/manifest").statusCode());
    try (CatalogWriter writer = server.server().catalog().writer()) {
      writer.delete(id);
      writer.commit();
    }
    HttpResponse<String> response = server.get("/iiif/3/" + id + "/manifest");
    assertEquals(410, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(410, RecordJson.MAPPER.readTree(response.body()).get("status").asInt());
    assertCors(response);
    assertEquals(410, server.get("/iiif/2/" + id + "/manifest").statusCode());
    assertEquals(410, server.get("/iiif/3/" + id + "/canvas/p1").statusCode());
    String collection = server.get("/iiif/3/collection/" + ManifestTest.COLLECTION).body();
    assertTrue(!collection.contains(id), "a deleted record leaves its collections");
  }

  @Test
  void theLogoIsAPng() throws Exception {
    HttpResponse<byte[]> logo = server.getBytes("/iiif/logo.png");
    assertEquals(200, logo.statusCode());
    assertEquals("image/png", logo.headers().firstValue("Content-Type").orElseThrow());
    var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(logo.body()));
    assertNotNull(image);
    assertEquals(Logo.WIDTH, image.getWidth());
    assertEquals(Logo.HEIGHT, image.getHeight());
    String etag = logo.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, server.get("/iiif/logo.png", "If-None-Match", etag).statusCode());
  }
}
