package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search over records' texts and page OCR, in several languages: each record is written through the
 * indexer the search index uses, and searched through the same queries the site makes.
 */
class TextSearchTest {
  static final FacetsConfig CONFIG = IndexFields.facetsConfig();
  static ByteBuffersDirectory dir;
  static IndexWriter writer;
  static RecordIndexer indexer;
  static SearcherManager searchers;
  static Searches searches;

  /** The OCR of the three pages of "ocr1", as the catalog would hand it over. */
  static List<PageOcr> ocrPages;

  static final String EN =
      "The telegrams from Pyongyang arrived on Monday. Kim agrees to the visit of the"
          + " delegation and asks for the railway plans.";
  static final String RU =
      "Телеграмма из Пхеньяна получена. Ким Ир Сен согласен принять делегацию и ещё раз"
          + " просит прислать планы.";
  static final String RU_TRANSLATION =
      "The telegram from Pyongyang has been received. Kim Il Sung agrees to"
          + " receive the delegation.";
  static final String ZH = "金日成同志今天会见了苏联大使。";
  static final String JA = "金日成首相は本日ソ連大使と会談した。";
  static final String KO = "김일성은 오늘 소련 대사를 만났다.";
  static final String HU = "A küldöttség csütörtökön érkezett Phenjanba.";

  @BeforeAll
  static void build() throws Exception {
    dir = new ByteBuffersDirectory();
    writer =
        new IndexWriter(
            dir,
            new IndexWriterConfig(ArchiveAnalyzer.forIndexing())
                .setIndexSort(IndexFields.INDEX_SORT));
    indexer = new RecordIndexer(writer, CONFIG);
    put("en1", text("transcript", "en", EN));
    put("ru1", text("transcript", "ru", RU), text("translation", "en", RU_TRANSLATION));
    put("zh1", text("transcript", "zh", ZH));
    put("ja1", text("transcript", "ja", JA));
    put("ko1", text("transcript", "ko", KO));
    put("hu1", text("transcript", "hu", HU));
    // Words that end a text and begin the next: a phrase must not join them.
    put(
        "two1",
        text("transcript", "en", "The minutes end with the word harbour"),
        text("translation", "en", "Cement shipments follow in the second text"));
    ocrPages = List.of(page(1, 0), page(2, 2), page(3, 5));
    indexer.put(new IndexedRecord(neutral("ocr1"), List.of(), ocrPages));
    searchers = new SearcherManager(writer, new FacetedSearcherFactory(null, CONFIG));
    searches =
        new Searches(searchers, ArchiveAnalyzer.forIndexing(), CONFIG, Searches.EXACT_FACETS);
  }

  @AfterAll
  static void close() throws Exception {
    searchers.close();
    writer.close();
    dir.close();
  }

  /** A record whose metadata mentions none of the words searched here. */
  static Record neutral(String id) {
    return Fixtures.record(id)
        .title("Document " + id)
        .summary("Nothing to say.")
        .type("note")
        .build();
  }

  static RecordText text(String kind, String language, String text) {
    return new RecordText(kind, language, text);
  }

  static void put(String id, RecordText... texts) throws Exception {
    indexer.put(new IndexedRecord(neutral(id), List.of(texts), List.of()));
  }

  /**
   * A page of OCR: 12 lines of filler words; "railway" on the lines given (by a shift, so pages
   * differ), and a line ending "railway" with the next beginning "agreement" on page 2.
   */
  static PageOcr page(int number, int shift) {
    List<OcrLine> lines = new ArrayList<>();
    for (int l = 0; l < 12; l++) {
      List<OcrWord> words = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String word = "filler" + (char) ('a' + (l + w + shift) % 26);
        if ((l == 1 || l == 9) && w == 3 && (number != 1 || l == 1)) {
          word = "railway";
        }
        if (number == 2 && l == 5 && w == 7) {
          word = "railway";
        }
        if (number == 2 && l == 6 && w == 0) {
          word = "agreement";
        }
        words.add(new OcrWord(word, 10 + w * 60, 20 + l * 40, 50, 30));
      }
      lines.add(new OcrLine(10, 20 + l * 40, 480, 30, words));
    }
    return new PageOcr(number, "alto", "ocr/" + number + ".xml", lines);
  }

  static String pageText(PageOcr page) {
    return page.lines().stream().map(OcrLine::text).collect(Collectors.joining("\n"));
  }

  static void refresh() throws Exception {
    searchers.maybeRefreshBlocking();
  }

  static SearchResult search(String q) throws Exception {
    refresh();
    return searches.search(SearchQuery.words(q, 100));
  }

  static Set<String> find(String q) throws Exception {
    return search(q).hits().stream().map(Hit::id).collect(Collectors.toCollection(TreeSet::new));
  }

  static List<String> marked(Snippet s) {
    return s.segments().stream().filter(Snippet.Segment::match).map(Snippet.Segment::text).toList();
  }

  @Test
  void englishTextsAreStemmed() throws Exception {
    assertEquals(
        Set.of("en1", "ru1"), find("telegram"), "telegrams in en1, telegram in ru1's translation");
    assertEquals(Set.of("en1"), find("arriving"));
    assertEquals(Set.of("en1", "ru1"), find("agreeing"));
  }

  @Test
  void russianTextsAreStemmedAndYoIsReadAsYe() throws Exception {
    assertEquals(Set.of("ru1"), find("телеграммы"));
    assertEquals(Set.of("ru1"), find("Делегации"));
    assertEquals(Set.of("ru1"), find("еще"));
    assertEquals(Set.of("ru1"), find("телеграм*"));
  }

  @Test
  void chineseJapaneseAndKoreanWordsAreFoundInsideSentencesWithoutSpaces() throws Exception {
    assertEquals(Set.of("zh1"), find("会见"));
    assertEquals(Set.of("ja1"), find("会談"));
    assertEquals(Set.of("ja1"), find("ソ連"));
    assertEquals(Set.of("zh1", "ja1"), find("金日成"));
    assertEquals(Set.of("ko1"), find("김일성"), "the name with its particle attached");
    assertEquals(Set.of("ko1"), find("소련 대사"));
    assertEquals(Set.of(), find("成金"), "the characters in another order are another word");
  }

  @Test
  void otherLanguagesAreFoldedButNotStemmed() throws Exception {
    assertEquals(Set.of("hu1"), find("kuldottseg"));
    assertEquals(Set.of("hu1"), find("KÜLDÖTTSÉG"));
  }

  @Test
  void phrasesMatchWithinATextAndAcrossLinesButNotAcrossTexts() throws Exception {
    assertEquals(Set.of("en1"), find("\"Kim agrees to the visit\""));
    assertEquals(Set.of(), find("\"visit Kim\""));
    assertEquals(
        Set.of("ocr1"), find("\"railway agreement\""), "page 2 has the words at a line break");
    assertEquals(Set.of("two1"), find("harbour cement"), "both words are in the record");
    assertEquals(Set.of(), find("\"harbour cement\""), "but in two texts");
  }

  @Test
  void wordsMayBeFoundInTheMetadataOrAnyText() throws Exception {
    assertEquals(
        Set.of("ru1"),
        find("Телеграмма delegation"),
        "one word from each of two texts in two languages");
    assertEquals(
        Set.of("en1"),
        find("document telegrams monday"),
        "a word of the title and two of the text");
  }

  @Test
  void alternativesNoRecordCanMatchAreDroppedBeforeSearching() throws Exception {
    refresh();
    IndexSearcher s = searchers.acquire();
    try {
      ArchiveAnalyzer a = ArchiveAnalyzer.forQueries();
      assertEquals(
          new TermQuery(new Term(IndexFields.TEXT, "document")),
          AbsentTerms.prune(
              QueryText.parse("document", a, IndexFields.TEXT_FIELDS).query(), s.getIndexReader()),
          "a word of the metadata only stays a single term, whose total the index knows");
      assertEquals(
          new TermQuery(new Term("text_en", "telegram")),
          AbsentTerms.prune(
              QueryText.parse("telegrams", a, IndexFields.TEXT_FIELDS).query(),
              s.getIndexReader()));
      assertTrue(
          AbsentTerms.prune(
                  QueryText.parse("zzyzx", a, IndexFields.TEXT_FIELDS).query(), s.getIndexReader())
              instanceof MatchNoDocsQuery);
    } finally {
      searchers.release(s);
    }
    assertEquals(Set.of(), find("zzyzx"));
    assertEquals(Set.of("en1"), find("document telegrams monday"));
    Query both =
        QueryText.parse(
                "telegrams -делегация", ArchiveAnalyzer.forQueries(), IndexFields.TEXT_FIELDS)
            .query();
    assertEquals(
        List.of("text_en", "text_ru", "text_other"),
        List.of(Searches.queriedTextFields(both, IndexFields.TEXT_FIELDS)));
    assertEquals(
        List.of("text_en", "text_ru", "text_other"),
        List.of(
            Searches.queriedTextFields(
                QueryText.parse("телеграммы", ArchiveAnalyzer.forQueries(), IndexFields.TEXT_FIELDS)
                    .query(),
                IndexFields.TEXT_FIELDS)));
    assertEquals(
        List.of(),
        List.of(
            Searches.queriedTextFields(
                QueryText.parse(
                        "-телеграммы", ArchiveAnalyzer.forQueries(), IndexFields.TEXT_FIELDS)
                    .query(),
                IndexFields.TEXT_FIELDS)),
        "words a record must not have are not places where it matched");
  }

  @Test
  void hitsShowThePlaceInTheirTextsWhereTheyMatched() throws Exception {
    Hit hit =
        search("delegation").hits().stream()
            .filter(h -> h.id().equals("en1"))
            .findFirst()
            .orElseThrow();
    assertFalse(hit.title().hasMatch());
    assertEquals(1, hit.texts().size());
    TextSnippet place = hit.texts().get(0);
    assertEquals("transcript", place.kind());
    assertEquals("en", place.language());
    assertNull(place.page());
    assertEquals(List.of("delegation"), marked(place.snippet()));
    String shown = place.snippet().text().replace("…", "").strip();
    assertTrue(EN.contains(shown), "the snippet is cut from the text: " + shown);
    assertEquals(EN.indexOf(shown), place.offset());

    Hit russian = search("телеграммы").hits().get(0);
    assertEquals("ru", russian.texts().get(0).language());
    assertEquals(List.of("Телеграмма"), marked(russian.texts().get(0).snippet()));

    Hit ocr = search("agreement").hits().get(0);
    assertEquals("ocr1", ocr.id());
    assertEquals("ocr", ocr.texts().get(0).kind());
    assertEquals(2, ocr.texts().get(0).page());
    assertTrue(search("railway").hits().get(0).texts().size() <= 2, "at most two places a hit");
  }

  @Test
  void theLanguagesOfTheTextsAreAFacet() throws Exception {
    refresh();
    SearchResult all = searches.search(SearchQuery.words("", 10));
    Map<String, Long> counts =
        all.facet(Facet.TEXT_LANGUAGE).stream()
            .collect(Collectors.toMap(FacetCount::value, FacetCount::count));
    // en: en1, ru1's translation, two1, and ocr1's pages (the record's language); one each else.
    assertEquals(Map.of("en", 4L, "ru", 1L, "zh", 1L, "ja", 1L, "ko", 1L, "hu", 1L), counts);
    SearchResult russian =
        searches.search(
            new SearchQuery(
                "delegation",
                Map.of(Facet.TEXT_LANGUAGE, List.of("ru")),
                null,
                null,
                SearchQuery.Order.RELEVANCE,
                0,
                10));
    assertEquals(List.of("ru1"), russian.hits().stream().map(Hit::id).toList());
  }

  @Test
  void searchingInADocumentListsEveryPlaceInItsTextsInOrder() throws Exception {
    refresh();
    List<TextSnippet> places = searches.inRecord("ocr1", "railway", 100);
    // Expected: every "railway" the pages hold, page by page, from the OCR itself.
    List<String> expected = new ArrayList<>();
    for (PageOcr p : ocrPages) {
      Matcher m = Pattern.compile("railway").matcher(pageText(p));
      while (m.find()) {
        expected.add(p.page() + ":" + m.start());
      }
    }
    assertEquals(6, expected.size(), "the fixture's railways");
    List<String> found = new ArrayList<>();
    for (TextSnippet place : places) {
      assertEquals("ocr", place.kind());
      assertEquals("en", place.language());
      String text = pageText(ocrPages.get(place.page() - 1));
      int pos = place.offset();
      for (Snippet.Segment seg : place.snippet().segments()) {
        if (seg.text().startsWith("…") || seg.text().endsWith("…")) {
          continue;
        }
        assertEquals(
            text.substring(pos, pos + seg.text().length()),
            seg.text(),
            "the snippet is the page's text");
        if (seg.match()) {
          assertEquals("railway", seg.text());
          found.add(place.page() + ":" + pos);
        }
        pos += seg.text().length();
      }
    }
    assertEquals(expected, found);
    assertEquals(2, searches.inRecord("ocr1", "railway", 2).size(), "the limit holds");
    assertEquals(
        List.of(),
        searches.inRecord("hu1", "railway", 100),
        "other documents' places are not listed");
    assertEquals(List.of(), searches.inRecord("nothing", "railway", 100));
    assertEquals(List.of(), searches.inRecord("ocr1", "", 100));
  }

  @Test
  void aSearchWithinOneRecordListsEveryPlaceWithItsHit() throws Exception {
    refresh();
    SearchResult within =
        searches.search(
            new SearchQuery(
                "railway", Map.of(), null, null, SearchQuery.Order.RELEVANCE, 0, 10, "ocr1"));
    assertEquals(1, within.total());
    assertEquals(searches.inRecord("ocr1", "railway", 100), within.hits().get(0).texts());
    assertEquals(6, within.hits().get(0).texts().size());
    assertEquals(
        0,
        searches
            .search(
                new SearchQuery(
                    "railway", Map.of(), null, null, SearchQuery.Order.RELEVANCE, 0, 10, "hu1"))
            .total());
  }

  @Test
  void searchingInADocumentFindsItsTextsInEveryLanguage() throws Exception {
    refresh();
    List<TextSnippet> places = searches.inRecord("ru1", "телеграмма OR telegram", 100);
    assertEquals(
        List.of("transcript ru", "translation en"),
        places.stream().map(p -> p.kind() + " " + p.language()).toList());
  }

  @Test
  void removingOrReplacingARecordRemovesItsTexts(@TempDir Path tmp) throws Exception {
    put("gone1", text("transcript", "en", "Zanzibar minutes"));
    indexer.put(
        new IndexedRecord(
            neutral("gone2"),
            List.of(text("transcript", "fr", "Procès-verbal de Zanzibar")),
            List.of()));
    assertEquals(Set.of("gone1", "gone2"), find("zanzibar"));
    try (Catalog catalog = Catalog.openSqlite(tmp, 1)) {
      // As a catch-up applies changes: gone1 deleted in the catalog, gone2 now without texts.
      indexer.apply(
          catalog, List.of("gone1", "gone2"), Map.of("gone2", neutral("gone2")), id -> false);
    }
    assertEquals(Set.of(), find("zanzibar"));
    assertEquals(List.of(), searches.inRecord("gone2", "zanzibar", 10));
    assertEquals(Set.of("gone2"), find("gone2"), "the record itself stays");
  }
}
