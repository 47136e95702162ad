package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.RecordText;
import org.dossier.urls.Urls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SearchAnswersTest {
  private static final Urls URLS = new Urls("https://archive.example.org/base");
  private static final String R = "doc 1";
  private static final String SEARCH2 = "https://archive.example.org/base/iiif/search/2/doc%201";
  private static final String SEARCH1 = "https://archive.example.org/base/iiif/search/1/doc%201";
  private static final String CANVAS3 = "https://archive.example.org/base/iiif/3/doc%201/canvas/p";
  private static final String CANVAS2 = "https://archive.example.org/base/iiif/2/doc%201/canvas/p";

  private static final WordIndex BOOK =
      WordIndex.of(
          List.of(
              Ocr.page(1, "A bird in the hand", "is worth two in the bush"),
              Ocr.page(2, "There are two (birds), and a bird.", "no bird here", "bird bird")),
          List.of());

  private final SearchAnswers answers = new SearchAnswers(URLS, 100, 10);

  static SearchRequest request(String... pairs) {
    return request(false, pairs);
  }

  static SearchRequest request(boolean autocomplete, String... pairs) {
    Map<String, List<String>> parameters = new HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      parameters.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return SearchRequest.parse(parameters, autocomplete, 500);
  }

  private JsonNode search2(WordIndex index, String... pairs) {
    JsonNode page = answers.search(SearchApi.V2, R, index, request(pairs));
    SearchJson.assertSearch2(page);
    return page;
  }

  private JsonNode search1(SearchApi api, WordIndex index, String... pairs) {
    JsonNode list = answers.search(api, R, index, request(pairs));
    SearchJson.assertSearch1(list);
    return list;
  }

  @Test
  void aWordIsAnAnnotationOnItsBoxWithItsContextInSearch2() {
    JsonNode page = search2(BOOK, "q", "hand");
    assertEquals(SEARCH2 + "?q=hand", page.path("id").asString());
    assertFalse(page.has("partOf"), "one page: a simple list");
    assertFalse(page.has("ignored"));
    assertEquals(1, page.path("items").size());
    JsonNode item = page.path("items").path(0);
    assertEquals(SEARCH2 + "/annotation/p1-l1-w5-5", item.path("id").asString());
    assertEquals("supplementing", item.path("motivation").asString());
    assertEquals("hand", item.path("body").path("value").asString());
    assertEquals(
        CANVAS3 + "1#xywh=" + Ocr.x(4) + "," + Ocr.y(1) + "," + Ocr.W + "," + Ocr.H,
        item.path("target").asString());
    JsonNode context = page.path("annotations").path(0).path("items").path(0);
    assertEquals(SEARCH2 + "/annotation/hit-p1-l1-w5-5-n1", context.path("id").asString());
    assertEquals(item.path("id").asString(), context.path("target").path("source").asString());
    JsonNode selector = context.path("target").path("selector").path(0);
    assertEquals("A bird in the ", selector.path("prefix").asString());
    assertEquals("hand", selector.path("exact").asString());
    assertEquals(" is worth two in the", selector.path("suffix").asString());
  }

  @Test
  void aPhraseAcrossALineIsTwoAnnotationsAndOneContextTargetingBoth() {
    JsonNode page = search2(BOOK, "q", "Hand is");
    assertEquals(SEARCH2 + "?q=Hand+is", page.path("id").asString());
    JsonNode items = page.path("items");
    assertEquals(2, items.size());
    assertTrue(
        items
            .path(0)
            .path("target")
            .asString()
            .endsWith("1#xywh=" + Ocr.x(4) + "," + Ocr.y(1) + ",80,40"));
    assertTrue(
        items
            .path(1)
            .path("target")
            .asString()
            .endsWith("1#xywh=" + Ocr.x(0) + "," + Ocr.y(2) + ",80,40"));
    JsonNode contexts = page.path("annotations").path(0).path("items");
    assertEquals(1, contexts.size());
    JsonNode targets = contexts.path(0).path("target");
    assertEquals(2, targets.size());
    JsonNode first = targets.path(0).path("selector").path(0);
    JsonNode second = targets.path(1).path("selector").path(0);
    assertEquals(
        List.of("A bird in the ", "hand"),
        List.of(first.path("prefix").asString(), first.path("exact").asString()));
    assertFalse(first.has("suffix"));
    assertFalse(second.has("prefix"));
    assertEquals(
        List.of("is", " worth two in the bush"),
        List.of(second.path("exact").asString(), second.path("suffix").asString()));
    assertEquals(items.path(1).path("id").asString(), targets.path(1).path("source").asString());
  }

  @Test
  void search1GivesHitsWithMatchBeforeAndAfterOnThe3Canvases() {
    JsonNode list = search1(SearchApi.V1, BOOK, "q", "birds");
    assertEquals(SEARCH1 + "?q=birds", list.path("@id").asString());
    assertEquals(1, list.path("within").path("total").asInt());
    assertEquals(0, list.path("startIndex").asInt());
    JsonNode resource = list.path("resources").path(0);
    assertEquals("sc:painting", resource.path("motivation").asString());
    assertEquals("(birds),", resource.path("resource").path("chars").asString());
    assertEquals(
        CANVAS3 + "2#xywh=" + Ocr.x(3) + "," + Ocr.y(1) + ",80,40", resource.path("on").asString());
    JsonNode hit = list.path("hits").path(0);
    assertEquals(
        List.of(resource.path("@id").asString()),
        List.of(hit.path("annotations").path(0).asString()));
    assertEquals("birds", hit.path("match").asString());
    assertEquals(
        "the bush There are two (",
        hit.path("before").asString(),
        "five words back, into the page before");
    assertEquals("), and a bird. no bird", hit.path("after").asString());
  }

  @Test
  void search1ForPresentation2TargetsThe2Canvases() {
    JsonNode list = search1(SearchApi.V1_PRESENTATION2, BOOK, "q", "hand is");
    assertEquals(SEARCH1 + "/presentation2?q=hand+is", list.path("@id").asString());
    assertEquals(1, list.path("within").path("total").asInt(), "one hit");
    assertEquals(2, list.path("resources").size(), "of two annotations");
    assertEquals(
        CANVAS2 + "1#xywh=" + Ocr.x(0) + "," + Ocr.y(2) + ",80,40",
        list.path("resources").path(1).path("on").asString());
    JsonNode hit = list.path("hits").path(0);
    assertEquals(2, hit.path("annotations").size());
    assertEquals("hand is", hit.path("match").asString());
    assertTrue(
        hit.path("annotations")
            .path(0)
            .asString()
            .startsWith(SEARCH1 + "/presentation2/annotation/"));
  }

  @Test
  void longAnswersArePagedByHitsWithLinksTotalsAndStartIndex() {
    SearchAnswers small = new SearchAnswers(URLS, 2, 10);
    // "bird" occurs five times: p1 l1, p2 l1, p2 l2, p2 l3 twice.
    JsonNode first = small.search(SearchApi.V2, R, BOOK, request("q", "bird"));
    SearchJson.assertSearch2(first);
    assertEquals(SEARCH2 + "?q=bird&page=1", first.path("id").asString());
    JsonNode collection = first.path("partOf");
    assertEquals(SEARCH2 + "?q=bird", collection.path("id").asString());
    assertEquals(5, collection.path("total").asInt());
    assertEquals(SEARCH2 + "?q=bird&page=1", collection.path("first").path("id").asString());
    assertEquals(SEARCH2 + "?q=bird&page=3", collection.path("last").path("id").asString());
    assertEquals(SEARCH2 + "?q=bird&page=2", first.path("next").path("id").asString());
    assertFalse(first.has("prev"));
    assertEquals(0, first.path("startIndex").asInt());
    assertEquals(2, first.path("items").size());

    JsonNode last = small.search(SearchApi.V2, R, BOOK, request("q", "bird", "page", "3"));
    SearchJson.assertSearch2(last);
    assertEquals(1, last.path("items").size());
    assertEquals(4, last.path("startIndex").asInt());
    assertEquals(SEARCH2 + "?q=bird&page=2", last.path("prev").path("id").asString());
    assertFalse(last.has("next"));

    JsonNode middle = small.search(SearchApi.V1, R, BOOK, request("q", "bird", "page", "2"));
    SearchJson.assertSearch1(middle);
    assertEquals(5, middle.path("within").path("total").asInt());
    assertEquals(2, middle.path("startIndex").asInt());
    assertEquals(SEARCH1 + "?q=bird&page=3", middle.path("next").asString());
    assertEquals(SEARCH1 + "?q=bird&page=1", middle.path("prev").asString());
    assertEquals(SEARCH1 + "?q=bird&page=1", middle.path("within").path("first").asString());

    SearchException beyond =
        assertThrows(
            SearchException.class,
            () -> small.search(SearchApi.V2, R, BOOK, request("q", "bird", "page", "4")));
    assertEquals(404, beyond.status().getStatusCode());
  }

  @Test
  void pagesCountAnnotationsWhenAHitSpansLines() {
    SearchAnswers small = new SearchAnswers(URLS, 1, 10);
    WordIndex index =
        WordIndex.of(List.of(Ocr.page(1, "red sea", "red", "sea red sea")), List.of());
    JsonNode second = small.search(SearchApi.V2, R, index, request("q", "red sea", "page", "2"));
    SearchJson.assertSearch2(second);
    assertEquals(
        4, second.path("partOf").path("total").asInt(), "three hits, the second on two lines");
    assertEquals(1, second.path("startIndex").asInt());
    assertEquals(2, second.path("items").size());
    JsonNode third = small.search(SearchApi.V2, R, index, request("q", "red sea", "page", "3"));
    assertEquals(3, third.path("startIndex").asInt());
  }

  @Test
  void dateAndUserAreIgnoredAndSaidToBe() {
    JsonNode page =
        search2(
            BOOK,
            "q",
            "bush",
            "user",
            "https://example.org/users/1",
            "date",
            "2020-01-01T00:00:00Z/2021-01-01T00:00:00Z",
            "other",
            "x");
    assertEquals(List.of("date", "user"), strings(page.path("ignored")));
    assertEquals(1, page.path("items").size(), "the search is not restricted by them");
    assertEquals(
        SEARCH2 + "?q=bush",
        page.path("id").asString(),
        "ignored parameters are left out of the id");
    JsonNode list = search1(SearchApi.V1, BOOK, "q", "bush", "user", "");
    assertEquals(List.of("user"), strings(list.path("within").path("ignored")));
  }

  @Test
  void motivationSelectsTheTextAnnotationsOrNothing() {
    assertEquals(1, search2(BOOK, "q", "bush", "motivation", "supplementing").path("items").size());
    assertEquals(1, search2(BOOK, "q", "bush", "motivation", "non-painting").path("items").size());
    assertEquals(
        1,
        search2(BOOK, "q", "bush", "motivation", "commenting supplementing").path("items").size());
    assertEquals(0, search2(BOOK, "q", "bush", "motivation", "painting").path("items").size());
    assertEquals(
        0, search2(BOOK, "q", "bush", "motivation", "no-such-motivation").path("items").size());
    JsonNode filtered = search2(BOOK, "q", "bush", "motivation", "painting");
    assertEquals(SEARCH2 + "?q=bush&motivation=painting", filtered.path("id").asString());
    assertFalse(filtered.has("annotations"));
    assertEquals(
        1,
        search1(SearchApi.V1, BOOK, "q", "bush", "motivation", "painting")
            .path("resources")
            .size());
    assertEquals(
        0,
        search1(SearchApi.V1, BOOK, "q", "bush", "motivation", "non-painting")
            .path("resources")
            .size());
  }

  @Test
  void withoutQEveryLineIsListedWithItsPresentationId() {
    JsonNode page = search2(BOOK);
    assertEquals(SEARCH2, page.path("id").asString());
    assertEquals(5, page.path("items").size());
    JsonNode line = page.path("items").path(1);
    assertEquals(URLS.textAnnotation(3, R, 1, 2), line.path("id").asString());
    assertEquals("is worth two in the bush", line.path("body").path("value").asString());
    assertEquals(
        CANVAS3
            + "1#xywh="
            + Ocr.x(0)
            + ","
            + Ocr.y(2)
            + ","
            + (Ocr.x(5) + Ocr.W - Ocr.x(0))
            + ",40",
        line.path("target").asString());
    assertFalse(page.has("annotations"));
    JsonNode list = search1(SearchApi.V1_PRESENTATION2, BOOK, "q", " ");
    assertEquals(5, list.path("within").path("total").asInt());
    assertEquals(
        URLS.textAnnotation(2, R, 2, 3), list.path("resources").path(4).path("@id").asString());
    assertEquals(0, search2(BOOK, "motivation", "painting").path("items").size());
  }

  @Test
  void hitsInRecordTextsTargetTheManifest() {
    WordIndex texts =
        WordIndex.of(
            List.of(),
            List.of(new RecordText(RecordText.TRANSLATION, "en", "The treaty of friendship")));
    JsonNode page = search2(texts, "q", "treaty");
    JsonNode item = page.path("items").path(0);
    assertEquals(SEARCH2 + "/annotation/translation-en-w2-2", item.path("id").asString());
    assertEquals("en", item.path("body").path("language").asString());
    assertEquals(URLS.manifest(3, R), item.path("target").path("id").asString());
    assertEquals("Manifest", item.path("target").path("type").asString());
    assertEquals(
        URLS.manifest(2, R),
        search1(SearchApi.V1_PRESENTATION2, texts, "q", "treaty")
            .path("resources")
            .path(0)
            .path("on")
            .asString());
    JsonNode all = search2(texts);
    assertEquals(
        "The treaty of friendship",
        all.path("items").path(0).path("body").path("value").asString());
    assertEquals(
        SEARCH2 + "/annotation/translation-en", all.path("items").path(0).path("id").asString());
  }

  @Test
  void aRecordWithoutTextHasAnEmptyAnswer() {
    assertEquals(0, search2(WordIndex.EMPTY, "q", "anything").path("items").size());
    JsonNode list = search1(SearchApi.V1, WordIndex.EMPTY, "q", "anything");
    assertEquals(0, list.path("within").path("total").asInt());
    assertEquals(0, list.path("hits").size());
    assertEquals(0, search2(WordIndex.EMPTY).path("items").size());
  }

  @Test
  void aQueryOfPunctuationOrUnknownWordsFindsNothing() {
    assertEquals(0, search2(BOOK, "q", "—").path("items").size());
    assertEquals(0, search2(BOOK, "q", "bird nowhere").path("items").size());
    assertEquals(0, search2(BOOK, "q", "bush bird").path("items").size(), "not in a row");
  }

  @Test
  void autocompleteGivesTermsWithTotalsAndSearchLinks() {
    JsonNode page =
        answers.autocomplete(SearchApi.V2, R, BOOK, request(true, "q", "Bi", "user", "u"));
    SearchJson.assertTermPage(page);
    assertEquals(URLS.autocomplete(2, R) + "?q=Bi", page.path("id").asString());
    assertEquals(List.of("user"), strings(page.path("ignored")));
    assertEquals(
        List.of("bird", "birds"),
        page.path("items").valueStream().map(t -> t.path("value").asString()).toList());
    assertEquals(5, page.path("items").path(0).path("total").asInt());

    JsonNode list =
        answers.autocomplete(
            SearchApi.V1, R, BOOK, request(true, "q", "bi", "motivation", "painting", "min", "2"));
    SearchJson.assertTermList(list);
    assertEquals(
        URLS.autocomplete(1, R) + "?q=bi&motivation=painting&min=2", list.path("@id").asString());
    assertEquals(1, list.path("terms").size());
    JsonNode term = list.path("terms").path(0);
    assertEquals("bird", term.path("match").asString());
    assertEquals(5, term.path("count").asInt());
    assertEquals(SEARCH1 + "?q=bird&motivation=painting", term.path("url").asString());

    JsonNode p2 =
        answers.autocomplete(SearchApi.V1_PRESENTATION2, R, BOOK, request(true, "q", "bir"));
    assertEquals(
        SEARCH1 + "/presentation2?q=bird", p2.path("terms").path(0).path("url").asString());
  }

  @Test
  void autocompleteOfTwoWordsOrAnotherMotivationIsEmpty() {
    assertEquals(
        0,
        answers
            .autocomplete(SearchApi.V2, R, BOOK, request(true, "q", "the bir"))
            .path("items")
            .size());
    assertEquals(
        0,
        answers
            .autocomplete(
                SearchApi.V2, R, BOOK, request(true, "q", "bir", "motivation", "painting"))
            .path("items")
            .size());
  }

  @Test
  void autocompleteListsAtMostTheConfiguredNumberOfTerms() {
    SearchAnswers one = new SearchAnswers(URLS, 100, 1);
    JsonNode page = one.autocomplete(SearchApi.V2, R, BOOK, request(true, "q", "b"));
    assertEquals(1, page.path("items").size());
    assertEquals("bird", page.path("items").path(0).path("value").asString());
  }

  @Test
  void theExactTextOfASegmentLeavesTheEdgePunctuationToPrefixAndSuffix() {
    assertEquals("bird", SearchAnswers.exactOfSegment("(bird),", true, true));
    assertEquals("bird),", SearchAnswers.exactOfSegment("(bird),", true, false));
    assertEquals("(bird", SearchAnswers.exactOfSegment("(bird),", false, true));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}
