package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.testing.TestServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A document's page: its description, its links to the machine-readable forms, and the viewer. */
class RecordPageTest {
  static final String ID = "1950-04-conversation-stalin-kim-il-sung";
  static TestServer server;
  static Record record;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    record = server.server().catalog().record(ID).orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Element detail(Document page, String term) {
    return page.select("dl.details dt").stream()
        .filter(dt -> dt.text().equals(term))
        .findFirst()
        .map(Element::nextElementSibling)
        .orElseThrow(() -> new AssertionError("no " + term));
  }

  @Test
  void showsTheDocumentAndItsDetails() throws Exception {
    Document page = Pages.get(server, "/records/" + ID);
    assertEquals(record.title(), page.selectFirst("h1").text());
    assertEquals("April, 1950", page.selectFirst(".record__header .document__date").text());
    assertEquals(record.summary(), page.selectFirst(".record__summary").text());
    assertEquals("record of conversation", detail(page, "Type").text());
    assertEquals(record.people(), detail(page, "People").select("li").eachText());
    assertEquals(record.places(), detail(page, "Places").select("li").eachText());
    assertEquals("Copyright Not Evaluated", detail(page, "Rights").text());
    assertEquals(record.rights(), detail(page, "Rights").selectFirst("a").attr("href"));
    assertEquals("Conversations with Kim Il Sung", detail(page, "Collections").text());
    assertEquals(Integer.toString(record.pages().size()), detail(page, "Pages").text());
    // A person links to the search for the documents that name them.
    Document stalin = Pages.follow(server, detail(page, "People").selectFirst("a"));
    assertEquals("Person: Stalin", stalin.selectFirst(".active-filters .chip").ownText());
  }

  @Test
  void linksToTheManifestWithTheIiifDragAndDropConventionToOaiPmhAndToRdf() throws Exception {
    Document page = Pages.get(server, "/records/" + ID);
    String manifest = server.baseUrl() + "/iiif/3/" + ID + "/manifest";
    Element logo = page.selectFirst(".reuse__iiif a:has(img)");
    String href = logo.attr("href");
    assertTrue(href.startsWith(manifest + "?manifest="), href);
    assertEquals(
        manifest,
        URLDecoder.decode(href.substring(href.indexOf("?manifest=") + 10), StandardCharsets.UTF_8));
    assertTrue(logo.selectFirst("img").attr("alt").contains("IIIF"));
    assertEquals(
        manifest,
        page.select(".reuse a").stream()
            .filter(a -> a.text().equals("IIIF manifest"))
            .findFirst()
            .orElseThrow()
            .attr("href"));
    String oai =
        page.select(".reuse a").stream()
            .filter(a -> a.text().startsWith("OAI-PMH"))
            .findFirst()
            .orElseThrow()
            .attr("href");
    assertEquals(
        server.baseUrl()
            + "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Adossier.example.org%3A"
            + ID,
        oai);
    assertEquals(
        server.baseUrl() + "/records/" + ID + ".ttl",
        page.selectFirst(".reuse a[type=text/turtle]").attr("href"));
    HttpResponse<byte[]> svg = server.getBytes(Pages.path(logo.selectFirst("img").attr("src")));
    assertEquals(200, svg.statusCode());
    assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void theViewerIsMiradorServedByDossierOnTheManifest() throws Exception {
    Document page = Pages.get(server, "/records/" + ID);
    Element viewer = page.getElementById("viewer");
    assertEquals(server.baseUrl() + "/iiif/3/" + ID + "/manifest", viewer.attr("data-manifest"));
    assertTrue(viewer.text().contains("needs JavaScript"), "readable without JavaScript");
    List<String> scripts = page.select("head script[src]").eachAttr("src");
    assertEquals(
        List.of(
            server.baseUrl() + "/static/mirador/mirador.min.js",
            server.baseUrl() + "/static/viewer.js"),
        scripts);

    HttpResponse<byte[]> mirador =
        server.getBytes("/static/mirador/mirador.min.js", "Accept-Encoding", "gzip");
    assertEquals(200, mirador.statusCode());
    assertEquals("gzip", mirador.headers().firstValue("Content-Encoding").orElseThrow());
    String js =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(mirador.body())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertTrue(js.length() > 1_000_000 && js.contains("Mirador"), "the Mirador bundle");
    String etag = mirador.headers().firstValue("ETag").orElseThrow();
    assertEquals(
        304, server.getBytes("/static/mirador/mirador.min.js", "If-None-Match", etag).statusCode());
    HttpResponse<String> version = server.get("/static/mirador/VERSION.txt");
    assertTrue(version.body().startsWith("4."), "Mirador 4: " + version.body());
    assertEquals(404, server.get("/static/../conf/dossier.properties").statusCode());
    assertEquals(404, server.get("/static/nothing.js").statusCode());
  }

  @Test
  void describesTheDocumentAsASchemaOrgArchiveComponent() throws Exception {
    JsonNode ld = Pages.jsonLd(Pages.get(server, "/records/" + ID));
    assertEquals("ArchiveComponent", ld.get("@type").asString());
    assertEquals(server.baseUrl() + "/records/" + ID, ld.get("@id").asString());
    assertEquals(record.title(), ld.get("name").asString());
    assertEquals("1950-04", ld.get("dateCreated").asString());
    assertEquals(record.rights(), ld.get("license").asString());
    assertEquals("Collection", ld.at("/isPartOf/0/@type").asString());
    assertEquals(record.people().size(), ld.get("mentions").size());
  }

  @Test
  void unknownIdsAre404AndWithdrawnDocuments410() throws Exception {
    Document missing = Pages.get(server, "/records/no-such-record", 404);
    assertEquals("Page not found", missing.selectFirst("h1").text());
    try (CatalogWriter w = server.server().catalog().writer()) {
      w.delete("1974-12-21-conversation-mongolian-foreign-minister-kim-il-sung");
      w.commit();
    }
    Document gone =
        Pages.get(
            server, "/records/1974-12-21-conversation-mongolian-foreign-minister-kim-il-sung", 410);
    assertEquals("Document withdrawn", gone.selectFirst("h1").text());
    assertNotNull(gone.selectFirst("header.site-header"));
    // and it is gone from search
    Document search = Pages.get(server, "/search?q=Mongolian");
    assertEquals("Results: 0 of 0", search.selectFirst("#results-heading").text());
  }
}
