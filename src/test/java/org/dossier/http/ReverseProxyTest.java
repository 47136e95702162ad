package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.testing.RawHttp;
import org.dossier.testing.TestServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose public base URL has a path ({@code https://proxy.example/archive}), reached
 * directly as a reverse proxy would reach it: with the path stripped ({@code /oai}) or passed on
 * ({@code /archive/oai}). Both are served alike, every link and redirect names the public URL, and
 * forwarded headers from an address that is not a trusted proxy change nothing. (NginxProxyIT does
 * the same through a real nginx.)
 */
class ReverseProxyTest {
  static final String BASE = "https://proxy.example/archive";
  static final String RECORD = "1950-04-conversation-stalin-kim-il-sung";
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                "server.base-url",
                BASE,
                // 127.0.0.1, which the test's requests come from, is not a trusted proxy.
                "server.trusted-proxies",
                "127.0.0.2"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void thePathIsServedPassedOnOrStripped() throws Exception {
    for (String prefix : List.of("", "/archive")) {
      HttpResponse<String> identify = server.get(prefix + "/oai?verb=Identify");
      assertEquals(200, identify.statusCode(), prefix);
      assertTrue(identify.body().contains("<baseURL>" + BASE + "/oai</baseURL>"), prefix);
      assertTrue(
          identify
              .body()
              .contains("<?xml-stylesheet type=\"text/xsl\" href=\"/archive/oai/oai2.xsl\"?>"),
          identify.body());
      assertEquals(200, server.get(prefix + "/oai/oai2.xsl").statusCode(), prefix);

      HttpResponse<String> home = server.get(prefix + "/");
      assertEquals(200, home.statusCode(), prefix);
      Document page = Jsoup.parse(home.body(), BASE + "/");
      assertEquals(BASE + "/", page.selectFirst("link[rel=canonical]").attr("href"));
      assertEquals(
          BASE + "/static/site.css", page.selectFirst("link[rel=stylesheet]").attr("href"));
      assertEquals(BASE + "/search", page.selectFirst("form.site-search").attr("action"));

      HttpResponse<String> robots = server.get(prefix + "/robots.txt");
      assertTrue(robots.body().contains("Disallow: /archive/search\n"), robots.body());
      assertTrue(robots.body().contains("Sitemap: " + BASE + "/sitemap.xml\n"), robots.body());
    }
    // The path alone is the home page too.
    assertEquals(200, server.get("/archive").statusCode());
    // Only the whole segment is the base's path: /archiveX is no page of this server.
    assertEquals(404, server.get("/archiveX/oai?verb=Identify").statusCode());
  }

  @Test
  void redirectsNameThePublicUrl() throws Exception {
    for (String prefix : List.of("", "/archive")) {
      HttpResponse<String> id = server.get(prefix + "/id/record/" + RECORD);
      assertEquals(303, id.statusCode(), prefix);
      assertEquals(BASE + "/records/" + RECORD, id.headers().firstValue("Location").orElseThrow());

      String manifest = server.get(prefix + "/iiif/3/" + RECORD + "/manifest").body();
      Matcher service =
          Pattern.compile("\"(" + Pattern.quote(BASE) + "/iiif/image/3/[^\"/]+)\"")
              .matcher(manifest);
      assertTrue(service.find(), manifest);
      String path = URI.create(service.group(1)).getRawPath();
      assertTrue(path.startsWith("/archive/"), path);
      HttpResponse<String> base = server.get((prefix.isEmpty() ? path.substring(8) : path));
      assertEquals(303, base.statusCode(), prefix);
      assertEquals(
          service.group(1) + "/info.json", base.headers().firstValue("Location").orElseThrow());
    }
  }

  @Test
  void bodyLimitsAreThoseOfThePathServed() throws Exception {
    // 100 kB: more than server.max-body-bytes (64 kB), less than sparql.max-body-bytes (1 MB).
    String query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1\n#" + "x".repeat(100_000) + "\n";
    for (String prefix : List.of("", "/archive")) {
      HttpResponse<String> r =
          server.send(
              HttpRequest.newBuilder(server.uri(prefix + "/sparql"))
                  .header("Content-Type", "application/sparql-query")
                  .header("Accept", "application/sparql-results+json")
                  .POST(HttpRequest.BodyPublishers.ofString(query))
                  .build());
      assertEquals(200, r.statusCode(), prefix + ": " + r.body());
      // 20 kB: less than server.max-body-bytes, more than oai.max-form-bytes (16 kB).
      HttpResponse<String> oai =
          server.send(
              HttpRequest.newBuilder(server.uri(prefix + "/oai"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString("verb=Identify&x=" + "y".repeat(20_000)))
                  .build());
      assertEquals(413, oai.statusCode(), prefix);
    }
  }

  @Test
  void forwardedHeadersFromAnUntrustedAddressChangeNothing() throws Exception {
    String plain = identifyAndHome(InetAddress.getByName("127.0.0.1"), "");
    String forged =
        identifyAndHome(
            InetAddress.getByName("127.0.0.1"),
            "X-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\nForwarded: for=203.0.113.7;proto=https;host=evil.example\r\n");
    assertEquals(plain, forged);
    assertTrue(plain.contains(BASE + "/oai"), plain);
    // Nor from a trusted one: links come from the base URL whatever the request says.
    assertEquals(
        plain,
        identifyAndHome(
            InetAddress.getByName("127.0.0.2"),
            "X-Forwarded-Proto: http\r\nX-Forwarded-Host: evil.example\r\n"));
  }

  @Test
  void keepAnswersUnderThePathOnly() throws Exception {
    try (TestServer keep =
        TestServer.start(Map.of("server.base-url", BASE, "server.path-prefix", "keep"))) {
      HttpResponse<String> identify = keep.get("/archive/oai?verb=Identify");
      assertEquals(200, identify.statusCode());
      assertTrue(identify.body().contains("<baseURL>" + BASE + "/oai</baseURL>"));
      assertEquals(404, keep.get("/oai?verb=Identify").statusCode());
      assertEquals(404, keep.get("/health").statusCode());
      assertEquals(200, keep.get("/archive/health").statusCode());
    }
  }

  @Test
  void stripServesRequestsAsTheyArrive() throws Exception {
    // A base path that begins with one Dossier serves itself: /iiif/3/... must stay as it is.
    String iiifBase = "https://proxy.example/iiif";
    try (TestServer strip =
        TestServer.start(Map.of("server.base-url", iiifBase, "server.path-prefix", "strip"))) {
      HttpResponse<String> top = strip.get("/iiif/3/collection/top");
      assertEquals(200, top.statusCode());
      assertTrue(top.body().contains("\"" + iiifBase + "/iiif/3/collection/top\""), top.body());
      assertEquals(404, strip.get("/iiif/oai?verb=Identify").statusCode());
    }
  }

  /** The Identify answer's baseURL and the home page's links, as one text. */
  private static String identifyAndHome(InetAddress from, String headers) throws Exception {
    try (RawHttp http = new RawHttp(server.server().port(), from)) {
      http.send(
          "GET /archive/oai?verb=Identify HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
      RawHttp.Answer identify = http.read();
      assertEquals(200, identify.status());
      Matcher baseUrl = Pattern.compile("<baseURL>([^<]*)</baseURL>").matcher(identify.body());
      assertTrue(baseUrl.find(), identify.body());
      http.send("GET /archive/ HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
      RawHttp.Answer home = http.read();
      assertEquals(200, home.status());
      StringBuilder links = new StringBuilder(baseUrl.group(1));
      Jsoup.parse(home.body())
          .select("[href], [src], [action]")
          .forEach(
              e ->
                  links
                      .append(' ')
                      .append(e.attr("href"))
                      .append(e.attr("src"))
                      .append(e.attr("action")));
      return links.toString();
    }
  }
}
