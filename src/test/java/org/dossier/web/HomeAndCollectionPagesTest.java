package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The home page and collection pages of the sample archive, read through HTTP as HTML. */
class HomeAndCollectionPagesTest {
  static final String KIM = "conversations-with-kim-il-sung";
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
  void homeShowsTheArchiveNameASearchBoxCollectionsAndRecentDocuments() throws Exception {
    Document home = Pages.get(server, "/");
    assertEquals("Dossier Sample Archive", home.selectFirst("h1").text());
    Element search = home.selectFirst("main form[role=search]");
    assertNotNull(search);
    assertEquals(server.baseUrl() + "/search", search.attr("action"));
    Element input = search.selectFirst("input[name=q]");
    assertEquals(input.id(), search.selectFirst("label").attr("for"), "the search box is labelled");
    Element collection = home.selectFirst(".collections a[href$=/collections/" + KIM + "]");
    assertEquals("Conversations with Kim Il Sung", collection.text());
    assertTrue(home.select(".collections").text().contains("20 documents"));
    assertEquals(HomePage.RECENT, home.select("#recent-heading ~ ol .document").size());
    JsonNode ld = Pages.jsonLd(home);
    assertEquals("WebSite", ld.get("@type").asString());
    assertEquals(
        server.baseUrl() + "/search?q={search_term_string}",
        ld.at("/potentialAction/target").asString());
  }

  @Test
  void homeLinksTheHarvestingRoutesTheChangeStreamAmongThem() throws Exception {
    Document home = Pages.get(server, "/");
    Element changes =
        home.selectFirst(
            "footer a[href=" + server.baseUrl() + "/iiif/discovery/activity/all-changes]");
    assertEquals("IIIF changes", changes.text());
    assertEquals("application/ld+json", changes.attr("type"));
  }

  @Test
  void everyPageHasOneH1ALanguageAViewportAndASkipLink() throws Exception {
    for (String path :
        List.of(
            "/",
            "/collections/" + KIM,
            "/search?q=stalin",
            "/records/1950-04-conversation-stalin-kim-il-sung")) {
      Document page = Pages.get(server, path);
      assertEquals(1, page.select("h1").size(), path);
      assertEquals("en", page.selectFirst("html").attr("lang"), path);
      assertNotNull(page.selectFirst("meta[name=viewport]"), path);
      assertEquals("#content", page.selectFirst("a.skip-link").attr("href"), path);
      assertNotNull(page.getElementById("content"), path);
      for (Element field : page.select("input:not([type=hidden]), select")) {
        assertNotNull(
            page.selectFirst("label[for=" + field.id() + "]"), path + ": a label for " + field);
      }
      for (Element img : page.select("img")) {
        assertFalse(img.attr("alt").isBlank(), path + ": alt text on " + img);
      }
    }
  }

  @Test
  void theCollectionPageListsItsTwentyDocumentsInDateOrderAsTheArchiveWritesThem()
      throws Exception {
    ArchiveCollection collection = server.server().catalog().collection(KIM).orElseThrow();
    List<Record> expected =
        Pages.catalogRecords(server).stream()
            .filter(r -> r.collections().contains(KIM) && !r.deleted())
            .sorted(Comparator.comparing((Record r) -> r.date().start()).thenComparing(Record::id))
            .toList();
    assertEquals(20, expected.size());

    Document page = Pages.get(server, "/collections/" + KIM);
    assertEquals(collection.title(), page.selectFirst("h1").text());
    assertEquals(collection.description(), page.selectFirst(".lead").text());
    List<Element> docs = page.select("ol.documents > li");
    assertEquals(20, docs.size());
    for (int i = 0; i < 20; i++) {
      Record r = expected.get(i);
      Element d = docs.get(i);
      assertEquals(r.title(), d.selectFirst(".document__title").text());
      assertEquals(
          server.baseUrl() + "/records/" + r.id(),
          d.selectFirst(".document__title a").attr("href"));
      assertEquals(r.summary(), d.selectFirst(".document__summary").text());
      assertEquals(DisplayDate.padded(r.date()), d.selectFirst(".document__date").text());
    }
    // The seed page's own forms of a day and of a month.
    assertEquals("March 05, 1949", docs.get(0).selectFirst(".document__date").text());
    assertEquals("April, 1950", docs.get(2).selectFirst(".document__date").text());
    assertTrue(page.select("nav.pager").isEmpty(), "one page needs no pager");
    assertTrue(page.selectFirst("#documents-heading").text().contains("1 - 20 of 20"));

    JsonNode ld = Pages.jsonLd(page);
    assertEquals("Collection", ld.get("@type").asString());
    assertEquals(20, ld.get("collectionSize").asInt());
    assertEquals(20, ld.get("hasPart").size());
  }

  @Test
  void longCollectionsArePagedAndTheLastPageEndsTheList() throws Exception {
    try (CatalogWriter w = server.server().catalog().writer()) {
      w.put(Fixtures.collection("big"));
      for (int i = 1; i <= 30; i++) {
        w.put(
            Fixtures.record(String.format("big-%02d", i))
                .date(String.format("1960-01-%02d", i))
                .in("big")
                .build());
      }
      w.commit();
    }
    Document first = Pages.get(server, "/collections/big");
    assertEquals(CollectionPage.PAGE_SIZE, first.select("ol.documents > li").size());
    assertEquals("January 01, 1960", first.selectFirst(".document__date").text());
    Element next = first.selectFirst("nav.pager a[rel=next]");
    Document second = Pages.follow(server, next);
    assertEquals(30 - CollectionPage.PAGE_SIZE, second.select("ol.documents > li").size());
    assertEquals("January 26, 1960", second.selectFirst(".document__date").text());
    assertEquals("2", second.selectFirst("nav.pager a[aria-current=page]").ownText());
    assertTrue(second.select("nav.pager a[rel=next]").isEmpty());
    Pages.get(server, "/collections/big?page=3", 404);
    Pages.get(server, "/collections/big?page=zero", 400);
  }

  @Test
  void anUnknownCollectionIsA404PageInTheSiteStyle() throws Exception {
    Document page = Pages.get(server, "/collections/no-such-collection", 404);
    assertEquals("Page not found", page.selectFirst("h1").text());
    assertNotNull(page.selectFirst("header.site-header form[role=search]"));
  }
}
