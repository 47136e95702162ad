package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.catalog.Record;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * More URLs than one sitemap file may list: {@code /sitemap.xml} becomes a sitemap index whose
 * parts list every URL exactly once. The limit is the protocol's 50,000 by default; the sample
 * archive's 32 URLs are split here with {@code site.sitemap-urls=10}.
 */
class SitemapIndexTest {
  @Test
  void moreUrlsThanOneFileHoldsGiveASitemapIndexWhosePartsListEachOnce() throws Exception {
    try (TestServer server = TestServer.start(Map.of("site.sitemap-urls", "10"))) {
      Set<String> expected = new TreeSet<>();
      expected.add(server.baseUrl() + "/");
      expected.add(server.baseUrl() + "/collections/conversations-with-kim-il-sung");
      expected.addAll(
          Pages.catalogRecords(server).stream()
              .filter(x -> !x.deleted())
              .map(Record::id)
              .map(id -> server.baseUrl() + "/records/" + id)
              .collect(Collectors.toSet()));
      int parts = (expected.size() + 9) / 10;
      assertTrue(parts > 2, "the sample fills several parts: " + expected.size() + " URLs");

      Document index = xml(server.get("/sitemap.xml"));
      assertEquals("sitemapindex", index.getDocumentElement().getLocalName());
      List<String> partUrls = texts(index, "loc");
      List<String> named = new ArrayList<>();
      for (int i = 0; i < parts; i++) {
        named.add(server.baseUrl() + "/sitemap-" + i + ".xml");
      }
      assertEquals(named, partUrls);

      List<String> listed = new ArrayList<>();
      for (String part : partUrls) {
        Document set = xml(server.get(part.substring(server.baseUrl().length())));
        assertEquals("urlset", set.getDocumentElement().getLocalName());
        List<String> urls = texts(set, "loc");
        assertTrue(urls.size() <= 10 && !urls.isEmpty(), part + " lists " + urls.size() + " URLs");
        listed.addAll(urls);
      }
      assertEquals(expected.size(), listed.size(), "no URL listed twice");
      assertEquals(expected, new TreeSet<>(listed));
      assertEquals(404, server.get("/sitemap-" + parts + ".xml").statusCode());
    }
  }

  private static Document xml(HttpResponse<String> r) throws Exception {
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(r.body())));
    assertEquals(Sitemaps.NS, doc.getDocumentElement().getNamespaceURI());
    return doc;
  }

  private static List<String> texts(Document doc, String name) {
    NodeList nodes = doc.getElementsByTagNameNS(Sitemaps.NS, name);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }
}
