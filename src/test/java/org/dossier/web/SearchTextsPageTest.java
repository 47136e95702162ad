package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordText;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full-text search on the site: records with transcripts and translations in three languages,
 * written to the catalog as an import writes them, found by the words of their texts, with the
 * places shown under each hit, the texts' languages as a facet, and a search within one document.
 */
class SearchTextsPageTest {
  static TestServer server;

  static final String EN = "The telegrams about the zebu harvest arrived in Pyongyang on Monday.";
  static final String RU = "Телеграмма о поставках зебу получена. Делегация прибудет в четверг.";
  static final String RU_EN =
      "The telegram about the zebu deliveries was received. The ministry asks for the lists of"
          + " cattle, the routes of the trains and the names of the herdsmen who travel with them, and the delegation"
          + " arrives on Thursday, as the second telegram confirms.";
  static final String ZH = "关于瘤牛收成的电报已经到达平壤。";

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("dossier-test");
    server = TestServer.start(dir, Map.of());
    try (Catalog other = Catalog.openSqlite(dir, 1);
        CatalogWriter w = other.writer()) {
      w.put(
          Fixtures.record("txt-en").title("Note on livestock").summary("A note.").build(),
          List.of(new RecordText("transcript", "en", EN)),
          List.of());
      w.put(
          Fixtures.record("txt-ru").title("Cable on livestock").summary("A cable.").build(),
          List.of(
              new RecordText("transcript", "ru", RU), new RecordText("translation", "en", RU_EN)),
          List.of());
      w.put(
          Fixtures.record("txt-zh").title("Report on livestock").summary("A report.").build(),
          List.of(new RecordText("transcript", "zh", ZH)),
          List.of());
      w.commit();
    }
    // The server's index follows the catalog on its own; wait until it has the texts.
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!resultIds(search("瘤牛")).equals(Set.of("txt-zh"))) {
      assertTrue(System.nanoTime() < deadline, "the texts were indexed within 20 s");
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Document search(String query) throws Exception {
    return Pages.get(server, "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
  }

  static Set<String> resultIds(Document page) {
    return SearchPageTest.resultIds(page);
  }

  static Element hit(Document page, String id) {
    for (Element li : page.select("ol.documents > li")) {
      if (li.selectFirst(".document__title a")
          .attr("href")
          .replaceAll("\\?.*", "")
          .endsWith("/" + id)) {
        return li;
      }
    }
    throw new AssertionError(id + " is not among the results");
  }

  /** Each place under a hit: its label and its marked words. */
  static Map<String, List<String>> places(Element hit) {
    Map<String, List<String>> places = new TreeMap<>();
    for (Element li : hit.select(".document__places li")) {
      places.put(li.selectFirst(".document__place-label").text(), li.select("mark").eachText());
    }
    return places;
  }

  @Test
  void wordsOfTheTextsFindTheirDocumentsWithThePlacesShown() throws Exception {
    Document page = search("zebu");
    assertEquals(Set.of("txt-en", "txt-ru"), resultIds(page));
    assertEquals(Map.of("Transcript (English):", List.of("zebu")), places(hit(page, "txt-en")));
    assertEquals(Map.of("Translation (English):", List.of("zebu")), places(hit(page, "txt-ru")));
    String shown = hit(page, "txt-en").selectFirst(".document__places li").text();
    assertTrue(shown.contains("zebu harvest arrived"), "the words around the match: " + shown);
  }

  @Test
  void textsAreSearchedWithTheirLanguagesAnalysis() throws Exception {
    Document russian = search("телеграммы");
    assertEquals(Set.of("txt-ru"), resultIds(russian));
    assertEquals(
        Map.of("Transcript (Russian):", List.of("Телеграмма")), places(hit(russian, "txt-ru")));
    assertEquals(
        Set.of("txt-en", "txt-ru"), resultIds(search("zebu telegram")), "telegrams and telegram");
    assertEquals(Set.of("txt-en"), resultIds(search("zebu harvests")), "harvest");
    Document chinese = search("瘤牛");
    assertEquals(Map.of("Transcript (Chinese):", List.of("瘤牛")), places(hit(chinese, "txt-zh")));
  }

  @Test
  void theLanguagesOfTheTextsAreAFacetThatFilters() throws Exception {
    Document page = search("zebu");
    Element facet = page.selectFirst("#facet-textLanguage").parent();
    Map<String, String> counts = new TreeMap<>();
    for (Element li : facet.select("li")) {
      counts.put(li.selectFirst("a").text(), li.selectFirst(".facet__count").text());
    }
    assertEquals(Map.of("English", "2", "Russian", "1"), counts);
    Element russian =
        facet.select("li a").stream()
            .filter(a -> a.text().equals("Russian"))
            .findFirst()
            .orElseThrow();
    Document filtered =
        Pages.get(server, russian.attr("href").substring(server.baseUrl().length()));
    assertEquals(Set.of("txt-ru"), resultIds(filtered));
    assertEquals(
        "Language of the text: Russian", filtered.selectFirst(".active-filters .chip").ownText());
  }

  @Test
  void everyPlaceInOneDocumentIsListedWhenSearchingWithinIt() throws Exception {
    Document page = search("телеграмма OR telegram");
    Element listed = hit(page, "txt-ru");
    assertEquals(
        2, listed.select(".document__places li").size(), "a hit shows its best two places");
    Element link = listed.selectFirst(".document__within a");
    assertNotNull(link, "a link to search within the document");
    Document within = Pages.get(server, link.attr("href").substring(server.baseUrl().length()));
    assertEquals(Set.of("txt-ru"), resultIds(within));
    Element only = hit(within, "txt-ru");
    // The transcript's telegram, then the translation's two, far apart.
    assertEquals(
        List.of("Transcript (Russian):", "Translation (English):", "Translation (English):"),
        only.select(".document__place-label").eachText());
    assertEquals(
        List.of("Телеграмма", "telegram", "telegram"),
        only.select(".document__places mark").eachText());
    assertTrue(only.select(".document__within").isEmpty(), "already within it");
  }
}
