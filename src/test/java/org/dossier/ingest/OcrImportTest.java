package org.dossier.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.Page;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.catalog.TextRef;
import org.dossier.testing.SteppingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Texts and page OCR through the importer, into a real catalog: the fixtures in {@code
 * src/test/resources/ocr/} carry known words at known boxes, and each bad input is reported for its
 * item and field.
 */
class OcrImportTest {
  static final String RIGHTS = "http://rightsstatements.org/vocab/CNE/1.0/";

  @TempDir Path dir;
  final SteppingClock clock = new SteppingClock(java.time.Instant.parse("2026-03-04T05:06:07Z"));
  Path data;
  Catalog catalog;
  Importer importer;

  @BeforeEach
  void open() throws IOException {
    data = dir.resolve("data");
    Files.createDirectories(data.resolve("ocr"));
    Files.createDirectories(data.resolve("images"));
    catalog = Catalog.open("jdbc:sqlite:" + data.resolve("catalog.db"), "", "", 2, clock);
    importer = new Importer(catalog, data.resolve("images"), RIGHTS, null);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  /** Copies a fixture into the data directory's ocr/ folder. */
  private void fixture(String name) throws IOException, URISyntaxException {
    Files.copy(
        Path.of(getClass().getResource("/ocr/" + name).toURI()), data.resolve("ocr").resolve(name));
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private ImportReport run(Path f) throws IOException {
    return importer.importFiles(List.of(f), false);
  }

  private static String page(String ocr, int width, int height) {
    return "{\"image\":\"x/"
        + ocr.hashCode()
        + ".jpg\",\"width\":"
        + width
        + ",\"height\":"
        + height
        + ",\"ocr\":\"ocr/"
        + ocr
        + "\"}";
  }

  private static OcrLine line(int x, int y, int w, int h, OcrWord... words) {
    return new OcrLine(x, y, w, h, List.of(words));
  }

  private static OcrWord word(String text, int x, int y, int w, int h) {
    return new OcrWord(text, x, y, w, h);
  }

  private PageOcr ocrOf(String record, int page) {
    return catalog
        .pageOcr(record, page)
        .orElseThrow(() -> new AssertionError("no OCR for " + record + " page " + page));
  }

  @Test
  void altoV2AndV4AndHocrAreReadWithTheirWordsAtTheirBoxes() throws Exception {
    fixture("alto-v2-urgent-telegram-pixel.xml");
    fixture("alto-v4-international-hyphenated.xml");
    fixture("hocr-tesseract-minutes-of-meeting.html");
    ImportReport report =
        run(
            file(
                "r.json",
                "{\"id\":\"r1\",\"title\":\"T\",\"pages\":["
                    + page("alto-v2-urgent-telegram-pixel.xml", 1000, 1400)
                    + ","
                    + page("alto-v4-international-hyphenated.xml", 1000, 1400)
                    + ","
                    + page("hocr-tesseract-minutes-of-meeting.html", 1000, 1400)
                    + ","
                    + "{\"image\":\"x/4.jpg\",\"width\":1000,\"height\":1400},"
                    + "{\"image\":\"x/5.jpg\",\"width\":1000,\"height\":1400,\"ocrText\":\"Plain  words\\nsecond line\\n\"}]}"));
    assertTrue(report.ok(), report.problems().toString());

    assertEquals(
        new PageOcr(
            1,
            "alto",
            "ocr/alto-v2-urgent-telegram-pixel.xml",
            List.of(
                line(
                    100,
                    200,
                    420,
                    50,
                    word("Urgent", 100, 205, 180, 45),
                    word("telegram", 310, 200, 210, 50)),
                line(
                    100,
                    280,
                    380,
                    50,
                    word("to", 100, 285, 60, 45),
                    word("Pyongyang.", 190, 280, 290, 50)))),
        ocrOf("r1", 1));

    PageOcr hyphenated = ocrOf("r1", 2);
    assertEquals(
        new PageOcr(
            2,
            "alto",
            "ocr/alto-v4-international-hyphenated.xml",
            List.of(
                line(
                    50,
                    100,
                    400,
                    40,
                    word("The", 50, 100, 90, 40),
                    new OcrWord("inter-", 160, 100, 260, 40, "international")),
                line(
                    50,
                    160,
                    540,
                    40,
                    new OcrWord("national", 50, 160, 240, 40, "international"),
                    word("situation", 310, 160, 280, 40)))),
        hyphenated);
    assertEquals("The inter-\nnational situation", hyphenated.text());
    assertEquals("The international\nsituation", hyphenated.readingText());

    assertEquals(
        new PageOcr(
            3,
            "hocr",
            "ocr/hocr-tesseract-minutes-of-meeting.html",
            List.of(
                line(
                    120,
                    150,
                    580,
                    60,
                    word("Minutes", 120, 150, 260, 60),
                    word("of", 410, 155, 60, 55),
                    word("the", 500, 150, 200, 60)),
                line(120, 260, 280, 70, word("meeting", 120, 260, 280, 70)))),
        ocrOf("r1", 3));

    assertTrue(catalog.pageOcr("r1", 4).isEmpty());
    PageOcr plain = ocrOf("r1", 5);
    assertEquals("plain", plain.format());
    assertFalse(plain.hasBoxes());
    assertEquals("Plain words\nsecond line", plain.text());

    List<Page> pages = catalog.record("r1").orElseThrow().pages();
    assertEquals("ocr/alto-v2-urgent-telegram-pixel.xml", pages.get(0).ocr());
    assertEquals("alto", pages.get(0).ocrFormat());
    assertEquals("hocr", pages.get(2).ocrFormat());
    assertFalse(pages.get(3).hasOcr());
    assertEquals("plain", pages.get(4).ocrFormat());
    assertEquals(null, pages.get(4).ocr());
  }

  @Test
  void boxesAreScaledFromMm10Inch1200AndALargerOcrImageIntoTheScansPixels() throws Exception {
    fixture("alto-v3-mm10-a4-memorandum.xml");
    fixture("alto-v4-inch1200-letter-report.xml");
    fixture("alto-v4-ocr-at-twice-the-scan-size.xml");
    fixture("hocr-tesseract-minutes-of-meeting.html");
    ImportReport report =
        run(
            file(
                "r.jsonl",
                "{\"id\":\"r1\",\"title\":\"T\",\"pages\":["
                    + page("alto-v3-mm10-a4-memorandum.xml", 1050, 1485)
                    + ","
                    + page("alto-v4-inch1200-letter-report.xml", 1275, 1650)
                    + ","
                    + page("alto-v4-ocr-at-twice-the-scan-size.xml", 1000, 1400)
                    + ","
                    + page("hocr-tesseract-minutes-of-meeting.html", 500, 700)
                    + "]}\n"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(
        List.of(
            line(
                100,
                150,
                650,
                40,
                word("Memorandum", 100, 150, 250, 40),
                word("of", 380, 155, 50, 35),
                word("conversation", 460, 150, 290, 40))),
        ocrOf("r1", 1).lines());
    assertEquals(
        List.of(
            line(300, 200, 200, 50, word("Report", 300, 200, 200, 50)),
            line(
                300,
                300,
                400,
                40,
                word("Budapest,", 300, 300, 250, 40),
                word("1956", 580, 300, 120, 40))),
        ocrOf("r1", 2).lines());
    assertEquals(
        List.of(
            line(
                200,
                300,
                430,
                50,
                word("Strictly", 200, 300, 200, 50),
                word("secret", 430, 305, 200, 45))),
        ocrOf("r1", 3).lines());
    assertEquals(word("Minutes", 60, 75, 130, 30), ocrOf("r1", 4).lines().get(0).words().get(0));
  }

  @Test
  void textsAreImportedFromJsonAndListedOnTheRecord() throws Exception {
    ImportReport report =
        run(
            file(
                "t.json",
                "{\"id\":\"r1\",\"title\":\"T\",\"texts\":["
                    + "{\"kind\":\"transcript\",\"language\":\"ru\",\"text\":\"Совершенно секретно.\\nТов. Сталину.\"},"
                    + "{\"kind\":\"translation\",\"language\":\"en\",\"text\":\"Top secret.\\nTo Cde. Stalin.\"},"
                    + "{\"kind\":\"ocr-plain\",\"language\":\"kor\",\"text\":\"김일성\"}]}"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(
        List.of(
            new RecordText("transcript", "ru", "Совершенно секретно.\nТов. Сталину."),
            new RecordText("translation", "en", "Top secret.\nTo Cde. Stalin."),
            new RecordText("ocr-plain", "kor", "김일성")),
        catalog.texts("r1"));
    assertEquals(
        List.of(
            new TextRef("transcript", "ru", 34),
            new TextRef("translation", "en", 27),
            new TextRef("ocr-plain", "kor", 3)),
        catalog.record("r1").orElseThrow().texts());
  }

  @Test
  void csvCarriesTextsInTextKindLanguageColumnsAndOcrFilesPerPage() throws Exception {
    fixture("alto-v2-urgent-telegram-pixel.xml");
    fixture("hocr-tesseract-minutes-of-meeting.html");
    ImportReport report =
        run(
            file(
                "r.csv",
                "id,title,pages,ocr,text.transcript.ru,text.translation.en\n"
                    + "r1,Telegram,a/1.jpg@1000x1400|a/2.jpg@1000x1400|a/3.jpg@1000x1400,"
                    + "ocr/alto-v2-urgent-telegram-pixel.xml||ocr/hocr-tesseract-minutes-of-meeting.html,"
                    + "\"Срочно.\nВторая строка.\",\"Urgent, with a comma.\"\n"
                    + "r2,No text,b/1.jpg@10x10,,,\n"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(
        List.of(
            new RecordText("transcript", "ru", "Срочно.\nВторая строка."),
            new RecordText("translation", "en", "Urgent, with a comma.")),
        catalog.texts("r1"));
    assertEquals(List.of(1, 3), catalog.pageOcrs("r1").stream().map(PageOcr::page).toList());
    assertEquals("Urgent telegram\nto Pyongyang.", ocrOf("r1", 1).text());
    assertTrue(catalog.texts("r2").isEmpty());
    assertEquals(List.of(), catalog.record("r2").orElseThrow().texts());
  }

  @Test
  void everyBadTextOrOcrInputIsReportedForItsItemAndFieldAndNothingIsWritten() throws Exception {
    for (String name :
        List.of(
            "alto-v4-unclosed-textline-malformed.xml",
            "alto-v4-word-beyond-right-edge.xml",
            "alto-v1-ccs-namespace-unknown.xml",
            "page-xml-2019-unknown.xml",
            "plain-text-not-ocr-markup.txt",
            "alto-v4-mm10-without-page-size.xml",
            "alto-v4-square-page-for-a4-scan.xml",
            "alto-v2-urgent-telegram-pixel.xml")) {
      fixture(name);
    }
    String text = "\"kind\":\"transcript\",\"text\":\"x\"";
    ImportReport report =
        run(
            file(
                "bad.jsonl",
                String.join(
                    "\n",
                    "{\"id\":\"malformed\",\"title\":\"T\",\"pages\":["
                        + page("alto-v4-unclosed-textline-malformed.xml", 1000, 1400)
                        + "]}",
                    "{\"id\":\"outside\",\"title\":\"T\",\"pages\":["
                        + page("alto-v4-word-beyond-right-edge.xml", 1000, 1400)
                        + "]}",
                    "{\"id\":\"alto1\",\"title\":\"T\",\"pages\":["
                        + page("alto-v1-ccs-namespace-unknown.xml", 1000, 1400)
                        + "]}",
                    "{\"id\":\"pagexml\",\"title\":\"T\",\"pages\":["
                        + page("page-xml-2019-unknown.xml", 1000, 1400)
                        + "]}",
                    "{\"id\":\"plaintxt\",\"title\":\"T\",\"pages\":["
                        + page("plain-text-not-ocr-markup.txt", 1000, 1400)
                        + "]}",
                    "{\"id\":\"nosize\",\"title\":\"T\",\"pages\":["
                        + page("alto-v4-mm10-without-page-size.xml", 1000, 1400)
                        + "]}",
                    "{\"id\":\"square\",\"title\":\"T\",\"pages\":["
                        + page("alto-v4-square-page-for-a4-scan.xml", 1000, 1400)
                        + "]}",
                    "{\"id\":\"missing\",\"title\":\"T\",\"pages\":["
                        + page("no-such-file.xml", 1000, 1400)
                        + "]}",
                    "{\"id\":\"escape\",\"title\":\"T\",\"pages\":[{\"image\":\"a.jpg\",\"width\":1,\"height\":1,\"ocr\":\"ocr/../catalog.db\"}]}",
                    "{\"id\":\"elsewhere\",\"title\":\"T\",\"pages\":[{\"image\":\"a.jpg\",\"width\":1,\"height\":1,\"ocr\":\"scans/p.xml\"}]}",
                    "{\"id\":\"both\",\"title\":\"T\",\"pages\":[{\"image\":\"a.jpg\",\"width\":1000,\"height\":1400,"
                        + "\"ocr\":\"ocr/alto-v2-urgent-telegram-pixel.xml\",\"ocrText\":\"x\"}]}",
                    "{\"id\":\"xx\",\"title\":\"T\",\"texts\":[{\"language\":\"xx\","
                        + text
                        + "}]}",
                    "{\"id\":\"english\",\"title\":\"T\",\"texts\":[{\"language\":\"english\","
                        + text
                        + "}]}",
                    "{\"id\":\"upper\",\"title\":\"T\",\"texts\":[{\"language\":\"EN\","
                        + text
                        + "}]}",
                    "{\"id\":\"kind\",\"title\":\"T\",\"texts\":[{\"kind\":\"summary\",\"language\":\"en\",\"text\":\"x\"}]}",
                    "{\"id\":\"twice\",\"title\":\"T\",\"texts\":[{\"language\":\"en\","
                        + text
                        + "},{\"language\":\"en\","
                        + text
                        + "}]}",
                    "{\"id\":\"empty\",\"title\":\"T\",\"texts\":[{\"language\":\"en\",\"kind\":\"transcript\",\"text\":\"\"}]}",
                    "{\"id\":\"noscan\",\"title\":\"T\",\"pages\":[{\"image\":\"x/none.jpg\",\"ocr\":\"ocr/alto-v2-urgent-telegram-pixel.xml\"}]}")));
    assertFalse(report.committed());
    Map<String, List<Problem>> byLine =
        report.problems().stream()
            .collect(Collectors.groupingBy(p -> p.where().replaceAll(".*:line ", "")));
    expect(byLine, 1, "$.pages[0].ocr", "malformed XML at line 10");
    expect(byLine, 2, "$.pages[0].ocr", "'overflow'", "outside the page", "1000×1400");
    expect(byLine, 3, "$.pages[0].ocr", "unknown OCR format", "http://schema.ccs-gmbh.com/ALTO");
    expect(byLine, 4, "$.pages[0].ocr", "unknown OCR format", "PcGts");
    expect(byLine, 5, "$.pages[0].ocr", "unknown OCR format");
    expect(byLine, 6, "$.pages[0].ocr", "mm10", "WIDTH and HEIGHT");
    expect(byLine, 7, "$.pages[0].ocr", "proportions");
    expect(byLine, 8, "$.pages[0].ocr", "ocr/no-such-file.xml", "no such OCR file");
    expect(byLine, 9, "$.pages[0].ocr", "pattern");
    expect(byLine, 10, "$.pages[0].ocr", "pattern");
    expect(byLine, 11, "$.pages[0]", "not both");
    expect(byLine, 12, "$.texts[0].language", "'xx' is not an ISO 639");
    expect(byLine, 13, "$.texts[0].language", "'english' is not an ISO 639");
    expect(byLine, 14, "$.texts[0].language", "'EN' is not an ISO 639");
    expect(byLine, 15, "$.texts[0].kind", "");
    expect(byLine, 16, "$.texts[1]", "a second transcript in 'en'");
    expect(byLine, 17, "$.texts[0].text", "");
    // OCR for a page whose scan is not there (and whose size is not given): nothing to place it on.
    expect(byLine, 18, "$.pages", "x/none.jpg", "not a readable image");
    assertEquals(18, byLine.size(), report.problems().toString());
    assertTrue(catalog.isEmpty());
  }

  private static void expect(
      Map<String, List<Problem>> byLine, int line, String field, String... reasons) {
    List<Problem> problems = byLine.get(Integer.toString(line));
    assertTrue(problems != null && problems.size() == 1, "line " + line + ": " + problems);
    Problem p = problems.get(0);
    assertEquals(field, p.field(), p.toString());
    for (String reason : reasons) {
      assertTrue(p.reason().contains(reason), "line " + line + " lacks '" + reason + "': " + p);
    }
  }

  @Test
  void aCsvOcrFileForAPageThatHasNoneIsReported() throws Exception {
    fixture("alto-v2-urgent-telegram-pixel.xml");
    ImportReport report =
        run(
            file(
                "r.csv",
                "id,title,pages,ocr\n"
                    + "r1,T,a/1.jpg@1000x1400,ocr/alto-v2-urgent-telegram-pixel.xml|ocr/alto-v2-urgent-telegram-pixel.xml\n"));
    assertFalse(report.committed());
    assertEquals(1, report.problems().size(), report.problems().toString());
    assertTrue(
        report.problems().get(0).reason().contains("for a page that has none"),
        report.problems().toString());
    assertTrue(
        report.problems().get(0).where().contains("r.csv:row 1"), report.problems().toString());
  }

  @Test
  void anAltoFileWithAnExternalEntityIsRefusedWithoutReadingIt() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-PASSWORD");
    Files.writeString(
        data.resolve("ocr/xxe.xml"),
        "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE alto [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\"><Layout><Page ID=\"P1\" PHYSICAL_IMG_NR=\"1\">"
            + "<PrintSpace><TextBlock ID=\"B\"><TextLine HPOS=\"1\" VPOS=\"1\" WIDTH=\"10\" HEIGHT=\"10\">"
            + "<String CONTENT=\"&xxe;\" HPOS=\"1\" VPOS=\"1\" WIDTH=\"10\" HEIGHT=\"10\"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>");
    ImportReport report =
        run(
            file(
                "x.json",
                "{\"id\":\"r1\",\"title\":\"T\",\"pages\":[" + page("xxe.xml", 100, 100) + "]}"));
    assertFalse(report.committed());
    assertEquals(1, report.problems().size());
    Problem p = report.problems().get(0);
    assertTrue(p.reason().contains("DOCTYPE"), p.toString());
    assertFalse(p.toString().contains("TOP-SECRET"), p.toString());
    assertTrue(catalog.isEmpty());
  }

  @Test
  void anHocrFileWithAnExternalEntityIsReadWithoutExpandingIt() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-PASSWORD");
    Files.writeString(
        data.resolve("ocr/xxe.html"),
        "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE html [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><div class=\"ocr_page\" title=\"bbox 0 0 100 100\">"
            + "<span class=\"ocr_line\" title=\"bbox 1 1 50 10\"><span class=\"ocrx_word\" title=\"bbox 1 1 50 10\">&xxe;</span>"
            + "<span class=\"ocrx_word\" title=\"bbox 1 1 50 10\">word</span></span></div></body></html>");
    ImportReport report =
        run(
            file(
                "x.json",
                "{\"id\":\"r1\",\"title\":\"T\",\"pages\":[" + page("xxe.html", 100, 100) + "]}"));
    assertTrue(report.ok(), report.problems().toString());
    String stored = ocrOf("r1", 1).text();
    assertFalse(stored.contains("TOP-SECRET"), stored);
    assertTrue(stored.endsWith("word"), stored);
  }

  @Test
  void anOcrFileLinkedFromOutsideTheDataDirectoryIsRefused() throws Exception {
    Path outside = dir.resolve("outside.xml");
    Files.copy(
        Path.of(getClass().getResource("/ocr/alto-v2-urgent-telegram-pixel.xml").toURI()), outside);
    Files.createSymbolicLink(data.resolve("ocr/link.xml"), outside);
    ImportReport report =
        run(
            file(
                "l.json",
                "{\"id\":\"r1\",\"title\":\"T\",\"pages\":["
                    + page("link.xml", 1000, 1400)
                    + "]}"));
    assertFalse(report.committed());
    assertTrue(
        report.problems().get(0).reason().contains("link that leads outside"),
        report.problems().toString());
  }

  @Test
  void ocrFilesInTheImageStoreAreFoundThere() throws Exception {
    Files.createDirectories(data.resolve("images/scans"));
    Files.copy(
        Path.of(getClass().getResource("/ocr/alto-v2-urgent-telegram-pixel.xml").toURI()),
        data.resolve("images/scans/p1.xml"));
    ImportReport report =
        run(
            file(
                "i.json",
                "{\"id\":\"r1\",\"title\":\"T\",\"pages\":[{\"image\":\"scans/p1.jpg\","
                    + "\"width\":1000,\"height\":1400,\"ocr\":\"images/scans/p1.xml\"}]}"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals("images/scans/p1.xml", ocrOf("r1", 1).source());
  }

  @Test
  void theDatestampMovesWhenATranscriptOrAnOcrWordChangesAndNotOnAnIdenticalImport()
      throws Exception {
    fixture("alto-v2-urgent-telegram-pixel.xml");
    String item =
        "{\"id\":\"r1\",\"title\":\"T\",\"texts\":[{\"kind\":\"transcript\",\"language\":\"en\",\"text\":\"%s\"}],"
            + "\"pages\":["
            + page("alto-v2-urgent-telegram-pixel.xml", 1000, 1400)
            + "]}";
    Path f = file("r.json", String.format(item, "Urgent telegram to Pyongyang."));
    assertEquals(1, run(f).inserted());
    java.time.Instant first = catalog.record("r1").orElseThrow().datestamp();

    clock.advance(Duration.ofMinutes(1));
    ImportReport again = run(f);
    assertEquals(1, again.unchanged());
    assertEquals(first, catalog.record("r1").orElseThrow().datestamp());

    clock.advance(Duration.ofMinutes(1));
    assertEquals(
        1, run(file("r2.json", String.format(item, "Urgent telegram to Pyongyang!"))).updated());
    java.time.Instant second = catalog.record("r1").orElseThrow().datestamp();
    assertEquals(first.plus(Duration.ofMinutes(2)), second);

    clock.advance(Duration.ofMinutes(1));
    Path alto = data.resolve("ocr/alto-v2-urgent-telegram-pixel.xml");
    Files.writeString(
        alto, Files.readString(alto).replace("CONTENT=\"Pyongyang.\"", "CONTENT=\"Pyongyang!\""));
    assertEquals(
        1, run(file("r3.json", String.format(item, "Urgent telegram to Pyongyang!"))).updated());
    assertEquals(
        second.plus(Duration.ofMinutes(1)), catalog.record("r1").orElseThrow().datestamp());
    assertEquals("to Pyongyang!", ocrOf("r1", 1).lines().get(1).text());
  }

  @Test
  void recordsWithoutTextsReadBackAsBefore() throws Exception {
    assertTrue(
        run(file(
                "p.json",
                "{\"id\":\"r\",\"title\":\"T\",\"pages\":[{\"image\":\"a/1.jpg\",\"width\":3,\"height\":4}]}"))
            .ok());
    Record r = catalog.record("r").orElseThrow();
    assertEquals(List.of(new Page("a/1.jpg", 3, 4, null)), r.pages());
    assertEquals(List.of(), r.texts());
    assertTrue(catalog.pageOcrs("r").isEmpty());
  }
}
