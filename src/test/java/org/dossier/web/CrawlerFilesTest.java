package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.catalog.Record;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** robots.txt and the sitemap, as crawlers read them (sitemaps.org protocol 0.9). */
class CrawlerFilesTest {
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void robotsAllowsThePagesAndNamesTheSitemap() throws Exception {
    HttpResponse<String> r = server.get("/robots.txt");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    assertTrue(r.body().contains("User-agent: *"));
    assertTrue(
        r.body().lines().anyMatch(l -> l.equals("Sitemap: " + server.baseUrl() + "/sitemap.xml")));
  }

  @Test
  void theSitemapListsHomeCollectionsAndEveryLiveDocument() throws Exception {
    HttpResponse<String> r = server.get("/sitemap.xml");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    org.w3c.dom.Document xml =
        factory.newDocumentBuilder().parse(new InputSource(new StringReader(r.body())));
    Element root = xml.getDocumentElement();
    assertEquals("urlset", root.getLocalName());
    assertEquals(Sitemaps.NS, root.getNamespaceURI());
    NodeList locs = xml.getElementsByTagNameNS(Sitemaps.NS, "loc");
    Set<String> urls = new TreeSet<>();
    for (int i = 0; i < locs.getLength(); i++) {
      urls.add(locs.item(i).getTextContent());
    }
    Set<String> expected = new TreeSet<>();
    expected.add(server.baseUrl() + "/");
    expected.add(server.baseUrl() + "/collections/conversations-with-kim-il-sung");
    expected.addAll(
        Pages.catalogRecords(server).stream()
            .filter(x -> !x.deleted())
            .map(Record::id)
            .map(id -> server.baseUrl() + "/records/" + id)
            .collect(Collectors.toSet()));
    assertEquals(expected, urls);
    NodeList lastmods = xml.getElementsByTagNameNS(Sitemaps.NS, "lastmod");
    for (int i = 0; i < lastmods.getLength(); i++) {
      java.time.Instant.parse(lastmods.item(i).getTextContent());
    }
    assertEquals(
        404, server.get("/sitemap-1.xml").statusCode(), "no parts while one sitemap suffices");
  }
}
