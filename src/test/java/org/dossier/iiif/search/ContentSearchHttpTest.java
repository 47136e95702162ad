package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.testing.Fixtures;
import org.dossier.urls.Urls;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The services over HTTP: {@link ContentSearchFeature} alone in Jersey on a real Jetty on a free
 * loopback port, over a real SQLite catalog, behind a public base URL of another host (as behind a
 * proxy). Error answers, validators, caching and media types; the answers' content is covered by
 * {@link SearchAnswersTest}, and on the sample archive's OCR by ContentSearchSampleArchiveTest.
 */
class ContentSearchHttpTest {
  private static final String BASE = "https://archive.example.org";
  @TempDir static Path dir;
  private static Catalog catalog;
  private static Server jetty;
  private static int port;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    catalog = Catalog.openSqlite(dir, 2);
    try (CatalogWriter writer = catalog.writer()) {
      writer.put(Fixtures.record("silent").build());
      writer.put(Fixtures.record("gone").build());
      writer.put(Fixtures.record("pageless").pages().build());
      writer.commit();
    }
    try (CatalogWriter writer = catalog.writer()) {
      writer.delete("gone");
      writer.commit();
    }
    Settings settings =
        Settings.load(null, Map.of(), Map.of(Settings.IIIF_SEARCH_MAX_QUERY_LENGTH.key(), "500"));
    ResourceConfig config = new ResourceConfig();
    config.register(new ContentSearchFeature(catalog, settings, new Urls(BASE)));
    jetty = JettyHttpContainerFactory.createServer(URI.create("http://127.0.0.1/"), config, false);
    ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.stop();
    catalog.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private static HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON error of the given status whose detail mentions {@code words}. */
  private static void assertError(HttpResponse<String> response, int status, String... words) {
    assertEquals(status, response.statusCode(), response.uri() + ": " + response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode body = RecordJson.read(response.body());
    assertEquals(status, body.path("status").asInt());
    for (String word : words) {
      assertTrue(body.path("detail").asString().contains(word), body.toString());
    }
    assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void anUnknownRecordIs404OnEveryService() throws Exception {
    for (String path :
        List.of(
            "/iiif/search/2/nothing?q=a",
            "/iiif/search/1/nothing?q=a",
            "/iiif/search/1/nothing/presentation2?q=a",
            "/iiif/search/2/nothing/autocomplete?q=a",
            "/iiif/search/1/nothing/autocomplete?q=a",
            "/iiif/search/1/nothing/presentation2/autocomplete?q=a")) {
      assertError(get(path), 404, "nothing");
    }
  }

  @Test
  void aDeletedRecordIs410AsItsManifestIs() throws Exception {
    assertError(get("/iiif/search/2/gone?q=a"), 410, "deleted");
    assertError(get("/iiif/search/1/gone/autocomplete?q=a"), 410, "deleted");
  }

  @Test
  void aRecordWithoutPagesHasNoManifestToSearch() throws Exception {
    assertError(get("/iiif/search/2/pageless?q=a"), 404, "no page scans");
  }

  @Test
  void aRecordWithoutTextAnswersAnEmptyList() throws Exception {
    HttpResponse<String> v2 = get("/iiif/search/2/silent?q=treaty");
    assertEquals(200, v2.statusCode());
    assertEquals(
        "application/ld+json;profile=\"http://iiif.io/api/search/2/context.json\"",
        v2.headers().firstValue("Content-Type").orElseThrow());
    JsonNode page = RecordJson.read(v2.body());
    SearchJson.assertSearch2(page);
    assertEquals(BASE + "/iiif/search/2/silent?q=treaty", page.path("id").asString());
    assertEquals(0, page.path("items").size());
    HttpResponse<String> v1 = get("/iiif/search/1/silent?q=treaty");
    assertEquals(
        "application/ld+json;profile=\"http://iiif.io/api/search/1/context.json\"",
        v1.headers().firstValue("Content-Type").orElseThrow());
    JsonNode list = RecordJson.read(v1.body());
    SearchJson.assertSearch1(list);
    assertEquals(0, list.path("within").path("total").asInt());
    JsonNode terms = RecordJson.read(get("/iiif/search/2/silent/autocomplete?q=tr").body());
    SearchJson.assertTermPage(terms);
    assertEquals(0, terms.path("items").size());
    SearchJson.assertTermList(
        RecordJson.read(get("/iiif/search/1/silent/presentation2/autocomplete?q=tr").body()));
  }

  @Test
  void anEmptyOrMissingQIsASearchWithoutRestriction() throws Exception {
    for (String path :
        List.of("/iiif/search/2/silent", "/iiif/search/2/silent?q=", "/iiif/search/2/silent?q=+")) {
      HttpResponse<String> response = get(path);
      assertEquals(200, response.statusCode(), path);
      JsonNode page = RecordJson.read(response.body());
      SearchJson.assertSearch2(page);
      assertEquals(BASE + "/iiif/search/2/silent", page.path("id").asString());
    }
  }

  @Test
  void autocompleteWithoutQIs400() throws Exception {
    assertError(get("/iiif/search/2/silent/autocomplete"), 400, "q");
    assertError(get("/iiif/search/1/silent/autocomplete?q="), 400, "q");
  }

  @Test
  void aQTooLongIs400WithItsLengthAndTheLimit() throws Exception {
    assertError(get("/iiif/search/2/silent?q=" + "a".repeat(501)), 400, "501", "500");
    assertError(get("/iiif/search/1/silent/autocomplete?q=" + "a".repeat(501)), 400, "501");
    assertEquals(200, get("/iiif/search/2/silent?q=" + "a".repeat(500)).statusCode());
  }

  @Test
  void aQOfTenThousandCharactersIsRefusedWithoutAServerError() throws Exception {
    HttpResponse<String> response = get("/iiif/search/2/silent?q=" + "word+".repeat(2000));
    // Jetty refuses a request line beyond its header buffer (8 KiB by default) before any resource
    // sees it: 414 URI Too Long. A server configured with a larger buffer reaches the service's own
    // limit, 400 (aQTooLongIs400WithItsLengthAndTheLimit).
    assertEquals(414, response.statusCode(), response.body());
    assertFalse(response.body().contains("Exception"), response.body());
  }

  @Test
  void aBadPageOrMinIs400AndAPageBeyondTheLastIs404() throws Exception {
    assertError(get("/iiif/search/2/silent?q=a&page=0"), 400, "page");
    assertError(get("/iiif/search/2/silent?q=a&page=x"), 400, "page");
    assertError(get("/iiif/search/2/silent/autocomplete?q=a&min=-2"), 400, "min");
    assertError(get("/iiif/search/2/silent?q=a&page=2"), 404, "1 page");
  }

  @Test
  void aMalformedQueryStringIs400() throws Exception {
    // Java's HTTP client will not send a malformed URI: this one goes over a plain socket. The
    // container refuses it before the service sees it, in its own words.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET /iiif/search/2/silent?q=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
      assertFalse(answer.contains("Exception"), answer);
    }
  }

  @Test
  void otherPathsBelowTheServiceAre404() throws Exception {
    assertError(get("/iiif/search/3/silent?q=a"), 404, "3/silent");
    assertError(get("/iiif/search/2/silent/more"), 404);
    assertError(get("/iiif/search/2/silent/annotation/p1-l1-w1-1"), 404);
  }

  @Test
  void answersCarryValidatorsAndAreRevalidatedWith304() throws Exception {
    String path = "/iiif/search/2/silent?q=a";
    HttpResponse<String> response = get(path);
    String etag = response.headers().firstValue("ETag").orElseThrow();
    String lastModified = response.headers().firstValue("Last-Modified").orElseThrow();
    assertEquals(
        "public, max-age=300", response.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(List.of("Accept"), response.headers().allValues("Vary"));
    assertEquals(etag, get(path).headers().firstValue("ETag").orElseThrow(), "stable");

    HttpResponse<String> notModified = get(path, "If-None-Match", etag);
    assertEquals(304, notModified.statusCode());
    assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
    assertEquals("", notModified.body());
    assertEquals(304, get(path, "If-None-Match", "\"other\", W/" + etag).statusCode());
    assertEquals(200, get(path, "If-None-Match", "\"other\"").statusCode());
    assertEquals(304, get(path, "If-Modified-Since", lastModified).statusCode());
    assertEquals(200, get(path, "If-Modified-Since", "Mon, 01 Jan 1990 00:00:00 GMT").statusCode());
    assertEquals(200, get(path, "If-Modified-Since", "not a date").statusCode());

    assertNotEquals(
        etag,
        get("/iiif/search/1/silent?q=a").headers().firstValue("ETag").orElseThrow(),
        "per service");
    assertNotEquals(
        etag,
        get(path, "Accept", "application/json").headers().firstValue("ETag").orElseThrow(),
        "per media type");
  }

  @Test
  void aClientThatAcceptsOnlyJsonGetsItLabelledSo() throws Exception {
    assertEquals(
        "application/json",
        get("/iiif/search/2/silent?q=a", "Accept", "application/json")
            .headers()
            .firstValue("Content-Type")
            .orElseThrow());
    assertTrue(
        get("/iiif/search/2/silent?q=a", "Accept", "application/ld+json, application/json;q=0.5")
            .headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/ld+json"));
    assertTrue(
        get("/iiif/search/2/silent?q=a", "Accept", "text/html")
            .headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/ld+json"));
  }

  @Test
  void headAnswersWithTheHeadersOfGet() throws Exception {
    HttpResponse<String> get = get("/iiif/search/2/silent?q=a");
    HttpResponse<String> head = send("HEAD", "/iiif/search/2/silent?q=a");
    assertEquals(200, head.statusCode());
    assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
    assertEquals(
        get.headers().firstValue("Content-Length"), head.headers().firstValue("Content-Length"));
  }

  @Test
  void aChangedRecordGetsANewEtag() throws Exception {
    String path = "/iiif/search/2/changing?q=a";
    try (CatalogWriter writer = catalog.writer()) {
      writer.put(Fixtures.record("changing").build());
      writer.commit();
    }
    String before = get(path).headers().firstValue("ETag").orElseThrow();
    try (CatalogWriter writer = catalog.writer()) {
      writer.put(
          Fixtures.record("changing")
              .pages(
                  new Page("test/p1.jpg", 100, 140, null), new Page("test/p2.jpg", 100, 140, null))
              .build());
      writer.commit();
    }
    HttpResponse<String> after = get(path, "If-None-Match", before);
    assertEquals(200, after.statusCode(), "a new state even within the same second");
    assertFalse(after.headers().firstValue("ETag").orElseThrow().equals(before));
  }
}
