package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dossier.catalog.Record;
import org.dossier.search.SearchIndex;
import org.dossier.testing.TestServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The search page over the sample archive: results, marks, filters, order and paging, through HTTP.
 */
class SearchPageTest {
  static TestServer server;
  static List<Record> sample;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    sample = Pages.catalogRecords(server).stream().filter(r -> !r.deleted()).toList();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Document search(String query) throws Exception {
    return Pages.get(server, "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
  }

  static Set<String> resultIds(Document page) {
    return page.select("ol.documents .document__title a").stream()
        .map(a -> a.attr("href").replaceAll("\\?.*", ""))
        .map(href -> href.substring(href.lastIndexOf('/') + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Records whose title, summary, people, places or type mention a word, by regular expression over
   * the catalog.
   */
  static Set<String> mentioning(String word) {
    Pattern p = Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE);
    Set<String> ids = new TreeSet<>();
    for (Record r : sample) {
      List<String> texts =
          new ArrayList<>(
              List.of(r.title(), String.valueOf(r.summary()), String.valueOf(r.type())));
      texts.addAll(r.people());
      texts.addAll(r.places());
      if (texts.stream().anyMatch(t -> p.matcher(t).find())) {
        ids.add(r.id());
      }
    }
    return ids;
  }

  @Test
  void mikoyanFindsExactlyTheDocumentsThatMentionHim() throws Exception {
    Set<String> expected = mentioning("Mikoyan");
    assertFalse(expected.isEmpty());
    Document page = search("Mikoyan");
    assertEquals(expected, resultIds(page));
    assertEquals(
        "Results: 1 - " + expected.size() + " of " + expected.size(),
        page.selectFirst("#results-heading").text());
    assertEquals("Search results for “Mikoyan”", page.selectFirst("h1").text());
    assertEquals(
        "Mikoyan", page.selectFirst("#site-search-q").val(), "the header's box keeps the query");
  }

  @Test
  void eachHitShowsItsDateLinkedTitleAndSummaryWithTheMatchesMarked() throws Exception {
    Document page = search("Mikoyan");
    for (Element hit : page.select("ol.documents > li")) {
      String id =
          hit.selectFirst(".document__title a")
              .attr("href")
              .replaceAll("\\?.*", "")
              .replaceAll(".*/", "");
      Record r = sample.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
      assertEquals(DisplayDate.plain(r.date()), hit.selectFirst(".document__date").text());
      assertEquals(r.title(), hit.selectFirst(".document__title").text());
      assertEquals(r.summary(), hit.selectFirst(".document__summary").text());
      List<String> marked = hit.select(".document__summary mark").eachText();
      assertFalse(marked.isEmpty(), "the summary marks its matches");
      assertTrue(marked.stream().allMatch(m -> m.equals("Mikoyan")), marked.toString());
    }
    // Search results write days without a leading zero, as the seed results page does.
    assertTrue(search("Heonyeong").select(".document__date").eachText().contains("July 4, 1950"));
  }

  @Test
  void heonYeongIsFoundWrittenWithAHyphenASpaceOrAsOneWord() throws Exception {
    Set<String> pak =
        sample.stream()
            .filter(r -> r.people().contains("Pak Heon-yeong"))
            .map(Record::id)
            .collect(Collectors.toCollection(TreeSet::new));
    for (String q : List.of("Heon-yeong", "heon yeong", "Heonyeong", "HEON-YEONG")) {
      assertEquals(pak, resultIds(search(q)), q);
    }
  }

  @Test
  void queriesThatTheSyntaxCannotReadAreSearchedAsWordsNotAnErrorPage() throws Exception {
    for (String q :
        List.of(
            "\"Kim agrees",
            "((Mikoyan",
            "Mikoyan AND",
            "title:",
            "*",
            "[",
            "Mikoyan~~2^",
            "\\",
            "\u0000")) {
      Document page = search(q);
      assertNotNull(page.selectFirst("#results-heading"), q);
    }
    Document page = search("((Mikoyan");
    assertEquals(mentioning("Mikoyan"), resultIds(page));
    assertTrue(page.selectFirst(".notes").text().contains("searched as they are"));
  }

  @Test
  void phraseAndPrefixQueriesWork() throws Exception {
    assertEquals(mentioning("Kim agrees"), resultIds(search("\"Kim agrees\"")));
    assertEquals(mentioning("Mikoyan"), resultIds(search("Mikoy*")));
  }

  @Test
  void aFacetLinkNarrowsTheResultsToItsCount() throws Exception {
    Document all = Pages.get(server, "/search?q=kim");
    Element telegram =
        all.select("#facet-type ~ ul li").stream()
            .filter(li -> li.selectFirst("a").text().equals("telegram"))
            .findFirst()
            .orElseThrow();
    long count = Long.parseLong(telegram.selectFirst(".facet__count").text());
    long expected =
        sample.stream()
            .filter(r -> "telegram".equals(r.type()) && mentioning("kim").contains(r.id()))
            .count();
    assertEquals(expected, count);

    Document filtered = Pages.follow(server, telegram.selectFirst("a"));
    assertTrue(filtered.selectFirst("#results-heading").text().endsWith("of " + count));
    assertEquals("Type: telegram", filtered.selectFirst(".active-filters .chip").ownText());
    Element selected = filtered.selectFirst("#facet-type ~ ul a[aria-current=true]");
    assertEquals("telegram", selected.ownText());
    // Following the selected value again removes the filter.
    Document unfiltered = Pages.follow(server, selected);
    assertEquals(
        all.selectFirst("#results-heading").text(),
        unfiltered.selectFirst("#results-heading").text());
  }

  @Test
  void filtersByPersonPlaceCollectionAndYearsCombine() throws Exception {
    Document page =
        Pages.get(
            server,
            "/search?person=Stalin&place=North+Korea&collection=conversations-with-kim-il-sung&from=1950&to=1951");
    Set<String> expected =
        sample.stream()
            .filter(
                r ->
                    r.people().contains("Stalin")
                        && r.places().contains("North Korea")
                        && r.collections().contains("conversations-with-kim-il-sung")
                        && r.date().year() >= 1950
                        && r.date().year() <= 1951)
            .map(Record::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertFalse(expected.isEmpty());
    assertEquals(expected, resultIds(page));
    assertEquals(4, page.select(".active-filters .chip").size());
    assertEquals("1950", page.getElementById("from").val());
    assertEquals("1951", page.getElementById("to").val());
    // The year form carries the other filters along.
    List<String> carried = page.select("form.years input[type=hidden]").eachAttr("name");
    assertTrue(carried.containsAll(List.of("person", "place", "collection")), carried.toString());
  }

  @Test
  void pagingKeepsQueryFiltersAndOrder() throws Exception {
    Document first = Pages.get(server, "/search?q=kim&type=telegram&sort=date");
    long total =
        Long.parseLong(first.selectFirst("#results-heading").text().replaceAll(".* of ", ""));
    assertTrue(total > 10, "more than one page: " + total);
    assertEquals("Results: 1 - 10 of " + total, first.selectFirst("#results-heading").text());
    Element next = first.selectFirst("nav.pager a[rel=next]");
    assertTrue(
        next.attr("href").contains("type=telegram")
            && next.attr("href").contains("sort=date")
            && next.attr("href").contains("q=kim"),
        next.attr("href"));
    Document second = Pages.follow(server, next);
    assertEquals(
        "Results: 11 - " + Math.min(20, total) + " of " + total,
        second.selectFirst("#results-heading").text());
    Set<String> telegrams =
        sample.stream()
            .filter(r -> "telegram".equals(r.type()))
            .map(Record::id)
            .collect(Collectors.toSet());
    assertTrue(telegrams.containsAll(resultIds(second)));
    List<String> firstPageIds = new ArrayList<>(resultIds(first));
    assertTrue(
        resultIds(second).stream().noneMatch(firstPageIds::contains), "pages do not overlap");
  }

  @Test
  void dateOrderListsOldestFirstOrNewestFirst() throws Exception {
    List<String> oldest =
        Pages.get(server, "/search?sort=date").select(".document__date").eachText();
    assertEquals("March 5, 1949", oldest.get(0));
    List<String> newest =
        Pages.get(server, "/search?sort=date-desc").select(".document__date").eachText();
    assertEquals("December 21, 1974", newest.get(0));
    Document page = Pages.get(server, "/search?sort=date");
    assertEquals("Date, oldest first", page.selectFirst("nav.sort a[aria-current=true]").text());
  }

  @Test
  void unusableParametersAreIgnoredWithANote() throws Exception {
    Document page = Pages.get(server, "/search?q=kim&from=19x0&page=-2&sort=sideways");
    String notes = page.selectFirst(".notes").text();
    assertTrue(notes.contains("“19x0” is not a year"), notes);
    assertTrue(notes.contains("not a page number"), notes);
    assertTrue(notes.contains("“sideways” is unknown"), notes);
    assertTrue(page.selectFirst("#results-heading").text().startsWith("Results: 1 - 10 of"));
  }

  @Test
  void aPagePastTheDeepestThatCanBePagedToIsRefusedWithAMessage() throws Exception {
    Document deepest = Pages.get(server, "/search?q=kim&page=" + SearchParams.MAX_PAGE);
    assertNotNull(deepest.selectFirst("#results-heading"));
    Document refused = Pages.get(server, "/search?q=kim&page=" + (SearchParams.MAX_PAGE + 1), 400);
    String text = refused.body().text();
    assertTrue(text.contains("Only the first " + SearchIndex.MAX_WINDOW + " results"), text);
    assertTrue(text.contains("narrow the search"), text);
  }

  @Test
  void noResultsSaysSo() throws Exception {
    Document page = search("zzyzx");
    assertEquals("Results: 0 of 0", page.selectFirst("#results-heading").text());
    assertNotNull(page.selectFirst(".no-results"));
  }

  @Test
  void theResultsPageDescribesItselfAsSchemaOrgJsonLd() throws Exception {
    Document page = search("Mikoyan");
    JsonNode ld = Pages.jsonLd(page);
    assertEquals("SearchResultsPage", ld.get("@type").asString());
    assertEquals(mentioning("Mikoyan").size(), ld.at("/mainEntity/numberOfItems").asInt());
    assertTrue(
        ld.at("/mainEntity/itemListElement/0/url")
            .asString()
            .startsWith(server.baseUrl() + "/records/"));
  }

  @Test
  void markupInTheQueryIsShownAsText() throws Exception {
    Document page = search("<script>alert(1)</script>");
    assertTrue(page.select("main script").isEmpty());
    assertEquals("Search results for “<script>alert(1)</script>”", page.selectFirst("h1").text());
  }

  @Test
  void aSearchCanBeKeptWithinOneDocument() throws Exception {
    List<String> mikoyan = new ArrayList<>(mentioning("Mikoyan"));
    assertTrue(mikoyan.size() >= 2);
    String id = mikoyan.get(1);
    Document page =
        Pages.get(
            server, "/search?q=Mikoyan&record=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    assertEquals(Set.of(id), resultIds(page));
    Element chip = page.selectFirst(".active-filters .chip");
    assertEquals("Within document " + id, chip.ownText());
    Document everywhere = Pages.get(server, chip.attr("href").substring(server.baseUrl().length()));
    assertEquals(new TreeSet<>(mikoyan), resultIds(everywhere));
    String other =
        sample.stream().map(Record::id).filter(r -> !mikoyan.contains(r)).findFirst().orElseThrow();
    assertEquals(
        Set.of(),
        resultIds(
            Pages.get(
                server,
                "/search?q=Mikoyan&record=" + URLEncoder.encode(other, StandardCharsets.UTF_8))));
  }
}
