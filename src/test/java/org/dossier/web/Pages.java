package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.Position;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.testing.TestServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fetching pages of a test server as a browser would, and reading them with jsoup. */
final class Pages {
  static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Pages() {}

  /** GETs a page that must answer 200 with HTML, and parses it. */
  static Document get(TestServer server, String path) throws IOException, InterruptedException {
    return get(server, path, 200);
  }

  static Document get(TestServer server, String path, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> r = server.get(path, "Accept", BROWSER_ACCEPT);
    assertEquals(status, r.statusCode(), path + ": " + r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
    return Jsoup.parse(r.body(), server.baseUrl() + path);
  }

  /** The path and query of an absolute link of the site, to request it from the test server. */
  static String path(String url) {
    URI u = URI.create(url);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  /** Follows a link found on a page. */
  static Document follow(TestServer server, Element link) throws IOException, InterruptedException {
    return get(server, path(link.attr("href")));
  }

  /** The page's schema.org JSON-LD, parsed. */
  static JsonNode jsonLd(Document page) {
    Element script = page.selectFirst("script[type=application/ld+json]");
    assertTrue(script != null, "the page has JSON-LD");
    JsonNode json = JSON.readTree(script.data());
    assertEquals("https://schema.org", json.get("@context").asString());
    return json;
  }

  /** Every record of the server's catalog, tombstones included. */
  static List<Record> catalogRecords(TestServer server) {
    List<Record> all = new ArrayList<>();
    Position after = null;
    while (true) {
      List<Record> page = server.server().catalog().list(Selection.ALL, after, 500);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      after = Position.after(page.get(page.size() - 1));
    }
  }
}
