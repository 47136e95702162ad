package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The texts on a document page: one section per text labelled with its kind and language, in its
 * language for browsers and screen readers, the words of the search the reader came from marked (by
 * the index's analysis, so a plural marks the singular), a search within the document, and each
 * text as {@code text/plain}. On the sample archive (English transcripts of the generated scans)
 * and on records imported with a Chinese transcript and Russian and English translations.
 */
class RecordTextsPageTest {
  static final String SAMPLE = "1950-04-conversation-stalin-kim-il-sung";
  static final String ZH = "关于瘤牛收成的电报已经到达平壤。";
  static final String RU = "Телеграммы о поставках зебу получены.\n\nДелегация прибудет в четверг.";
  static final String EN =
      "The telegram about the zebu <b>deliveries</b> & herds was received.\n\n"
          + "The delegation arrives on Thursday,\nas the second telegram confirms.";
  static final String OCR_ONLY = "ocr-only";

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("dossier-test");
    server = TestServer.start(dir, Map.of());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", "cable");
    item.put("title", "Cable on livestock");
    item.put(
        "texts",
        List.of(
            Map.of("kind", "transcript", "language", "zh", "text", ZH),
            Map.of("kind", "translation", "language", "ru", "text", RU),
            Map.of("kind", "translation", "language", "en", "text", EN)));
    Path json = dir.resolve("import.json");
    Files.writeString(
        json,
        JsonMapper.builder()
            .build()
            .writeValueAsString(
                List.of(
                    item,
                    Map.of("id", "no-text", "title", "A record without text"),
                    Map.of(
                        "id",
                        "gone",
                        "title",
                        "Withdrawn",
                        "texts",
                        List.of(
                            Map.of("kind", "transcript", "language", "en", "text", "Gone."))))));
    try (Catalog other = Catalog.openSqlite(dir, 1)) {
      ImportReport report =
          new Importer(
                  other, dir.resolve("images"), "http://rightsstatements.org/vocab/CNE/1.0/", null)
              .importFiles(List.of(json), false);
      assertTrue(report.ok(), report.problems().toString());
      try (CatalogWriter w = other.writer()) {
        w.delete("gone");
        PageOcr ocr =
            new PageOcr(
                1,
                PageOcr.PLAIN,
                null,
                List.of(
                    new OcrLine(
                        10,
                        10,
                        200,
                        20,
                        List.of(
                            new OcrWord("Zebu", 10, 10, 50, 20),
                            new OcrWord("telegrams", 70, 10, 140, 20)))));
        w.put(
            Fixtures.record(OCR_ONLY)
                .title("Scanned note")
                .pages(
                    new org.dossier.catalog.Page(
                        "test/p1.jpg", 300, 400, null, null, PageOcr.PLAIN))
                .build(),
            List.of(),
            List.of(ocr));
        w.commit();
      }
    }
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!SearchPageTest.resultIds(search("瘤牛")).equals(Set.of("cable"))
        || !SearchPageTest.resultIds(search("zebu")).contains(OCR_ONLY)) {
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

  static Document page(String id, String query) throws Exception {
    return Pages.get(
        server,
        "/records/"
            + id
            + (query == null ? "" : "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
  }

  static List<Element> sections(Document page) {
    return page.select("section.record__text");
  }

  static Element section(Document page, String label) {
    return sections(page).stream()
        .filter(s -> s.selectFirst("h3").text().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no section " + label));
  }

  @Test
  void eachTextHasASectionLabelledWithItsKindAndLanguageInThatLanguage() throws Exception {
    Document page = page("cable", null);
    List<Element> sections = sections(page);
    assertEquals(
        List.of("Transcript (Chinese)", "Translation (Russian)", "Translation (English)"),
        sections.stream().map(s -> s.selectFirst("h3").text()).toList());
    assertEquals(
        List.of("zh", "ru", "en"),
        sections.stream().map(s -> s.selectFirst(".record__text-body").attr("lang")).toList());
    for (Element s : sections) {
      assertEquals(s.id() + "-heading", s.selectFirst("h3").id());
      assertEquals(s.id() + "-heading", s.attr("aria-labelledby"));
      assertNotNull(
          page.selectFirst(".record__text-list a[href=#" + s.id() + "]"),
          "the list of texts links " + s.id());
      assertFalse(
          s.selectFirst(".record__text-body").hasAttr("dir"), "left to right is the default");
    }
    assertEquals(
        List.of(ZH),
        section(page, "Transcript (Chinese)").select(".record__text-body p").eachText());
    assertEquals(
        List.of("Телеграммы о поставках зебу получены.", "Делегация прибудет в четверг."),
        section(page, "Translation (Russian)").select(".record__text-body p").eachText());
    List<Element> english = section(page, "Translation (English)").select(".record__text-body p");
    assertEquals(2, english.size(), "paragraphs split at the blank line");
    // The text's markup-like characters are text, escaped, never markup.
    assertEquals(
        "The telegram about the zebu <b>deliveries</b> & herds was received.",
        english.get(0).text());
    assertTrue(english.get(0).select("b").isEmpty());
    assertEquals(
        "The delegation arrives on Thursday,\nas the second telegram confirms.",
        english.get(1).wholeText());
    assertTrue(page.select("mark").isEmpty(), "nothing is marked without a search");
  }

  @Test
  void theSampleArchivesRecordsShowTheirEnglishTranscript() throws Exception {
    Record record = server.server().catalog().record(SAMPLE).orElseThrow();
    List<RecordText> texts = server.server().catalog().texts(SAMPLE);
    assertFalse(texts.isEmpty(), "the sample record has a transcript");
    Document page = page(SAMPLE, null);
    assertEquals(texts.size(), sections(page).size());
    Element transcript = section(page, "Transcript (English)");
    assertEquals("en", transcript.selectFirst(".record__text-body").attr("lang"));
    String shown = String.join(" ", transcript.select(".record__text-body p").eachText());
    String stored =
        texts.stream().filter(t -> t.kind().equals("transcript")).findFirst().orElseThrow().text();
    assertEquals(stored.replaceAll("\\s+", " ").strip(), shown.replaceAll("\\s+", " "));
    assertEquals(server.server().catalog().record(SAMPLE).orElseThrow().title(), record.title());
  }

  @Test
  void arrivingFromASearchMarksItsWordsInTheTextsByTheirStems() throws Exception {
    // The sample's telegrams fill the first page of a plain search; this one is found within the
    // document.
    Document results = Pages.get(server, "/search?record=cable&q=telegrams");
    Element link =
        results.select("ol.documents .document__title a").stream()
            .filter(a -> a.attr("href").contains("/records/cable?"))
            .findFirst()
            .orElseThrow();
    assertEquals(server.baseUrl() + "/records/cable?q=telegrams", link.attr("href"));
    Document page = Pages.follow(server, link);
    assertEquals(
        List.of("telegram", "telegram"),
        section(page, "Translation (English)").select("mark").eachText());
    assertTrue(section(page, "Translation (Russian)").select("mark").isEmpty());
    assertEquals(
        "2 places marked for “telegrams”.",
        section(page, "Translation (English)").selectFirst(".record__text-marks").text());
    assertEquals(
        server.baseUrl() + "/records/cable",
        page.selectFirst("link[rel=canonical]").attr("href"),
        "the page is the same document with or without the marks");

    assertEquals(
        List.of("Телеграммы"),
        section(page("cable", "телеграмма"), "Translation (Russian)").select("mark").eachText());
    assertEquals(
        List.of("瘤牛"),
        section(page("cable", "瘤牛"), "Transcript (Chinese)").select("mark").eachText());
    // A query that looks like markup is escaped where the page repeats it.
    Document odd = page("cable", "<b>zebu</b>");
    assertEquals("<b>zebu</b>", odd.selectFirst("#record-search-q").val());
    // A query of hundreds of words (as long as a URL may be) still gives the page, with its texts.
    Document flood = Pages.get(server, "/records/cable?q=" + "telegram+zebu+".repeat(250));
    assertEquals(3, sections(flood).size());
  }

  @Test
  void theSampleTranscriptIsMarkedForAWordOfItsScans() throws Exception {
    String stored = server.server().catalog().texts(SAMPLE).get(0).text();
    String word =
        java.util.Arrays.stream(stored.split("[^\\p{L}]+"))
            .filter(w -> w.length() >= 6)
            .findFirst()
            .orElseThrow();
    Document page = page(SAMPLE, word);
    List<String> marked = section(page, "Transcript (English)").select("mark").eachText();
    assertFalse(marked.isEmpty(), "the page marks " + word);
    assertTrue(marked.stream().allMatch(m -> m.equalsIgnoreCase(word)), marked + " for " + word);
  }

  @Test
  void aRecordWithOnlyPageOcrShowsItPageByPage() throws Exception {
    Document page = page(OCR_ONLY, "telegram");
    Element ocr = section(page, "Page 1 (OCR)");
    assertEquals("Zebu telegrams", ocr.selectFirst(".record__text-body p").text());
    assertEquals(List.of("telegrams"), ocr.select("mark").eachText());
    assertNull(
        ocr.selectFirst(".record__text-plain"), "page OCR has no plain-text route of its own");
  }

  @Test
  void theSearchInThisDocumentFormSearchesOnlyThatRecord() throws Exception {
    Document page = page("cable", null);
    Element form = page.selectFirst("form.record__search");
    assertNotNull(form);
    assertEquals(server.baseUrl() + "/search", form.attr("action"));
    assertEquals("get", form.attr("method"));
    assertEquals("cable", form.selectFirst("input[type=hidden][name=record]").val());
    assertEquals("Search in this document", form.selectFirst("label[for=record-search-q]").text());
    Document within = Pages.get(server, "/search?record=cable&q=zebu");
    assertEquals(Set.of("cable"), SearchPageTest.resultIds(within));
    assertEquals(Set.of("cable", OCR_ONLY), SearchPageTest.resultIds(search("zebu")));
    Document plain = page("no-text", null);
    assertNull(plain.selectFirst("form.record__search"), "no text, nothing to search in");
    assertTrue(sections(plain).isEmpty());
  }

  @Test
  void eachTextIsServedAsPlainTextWithItsLanguageAndValidators() throws Exception {
    Document page = page("cable", null);
    List<String> links = page.select(".record__text-plain a").eachAttr("href");
    assertEquals(
        List.of(
            server.baseUrl() + "/records/cable/texts/transcript/zh",
            server.baseUrl() + "/records/cable/texts/translation/ru",
            server.baseUrl() + "/records/cable/texts/translation/en"),
        links);
    Map<String, String> expected = Map.of("zh", ZH, "ru", RU, "en", EN);
    Instant datestamp = server.server().catalog().record("cable").orElseThrow().datestamp();
    for (String link : links) {
      String language = link.substring(link.lastIndexOf('/') + 1);
      HttpResponse<String> r = server.get(Pages.path(link));
      assertEquals(200, r.statusCode(), link);
      assertEquals(expected.get(language), r.body());
      assertEquals(
          "text/plain;charset=utf-8",
          r.headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", ""));
      assertEquals(language, r.headers().firstValue("Content-Language").orElseThrow());
      assertEquals(
          datestamp,
          ZonedDateTime.parse(
                  r.headers().firstValue("Last-Modified").orElseThrow(),
                  DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant());
      String etag = r.headers().firstValue("ETag").orElseThrow();
      assertEquals(304, server.get(Pages.path(link), "If-None-Match", etag).statusCode());
    }
    assertEquals(404, server.get("/records/cable/texts/transcript/ru").statusCode());
    assertEquals(404, server.get("/records/cable/texts/summary/en").statusCode());
    assertEquals(404, server.get("/records/nothing-here/texts/transcript/en").statusCode());
    HttpResponse<String> gone = server.get("/records/gone/texts/transcript/en");
    assertEquals(410, gone.statusCode());
    assertEquals(410, server.get("/records/gone").statusCode(), "as the document page answers");
  }
}
