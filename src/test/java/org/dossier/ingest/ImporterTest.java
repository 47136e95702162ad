package org.dossier.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dossier.catalog.ArchiveDate;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  static final String RIGHTS = "http://rightsstatements.org/vocab/CNE/1.0/";

  @TempDir Path dir;
  Catalog catalog;
  Importer importer;

  @BeforeEach
  void open() {
    catalog = Catalog.openSqlite(dir.resolve("data"), 2);
    importer = new Importer(catalog, dir.resolve("data/images"), RIGHTS, null);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private ImportReport run(Path... files) throws IOException {
    return importer.importFiles(List.of(files), false);
  }

  private static final String COLLECTION =
      "{\"kind\":\"collection\",\"id\":\"c1\",\"title\":\"Conversations\",\"description\":\"About them\"}";

  @Test
  void jsonArrayWithCollectionAndRecordIsImported() throws IOException {
    ImportReport report =
        run(
            file(
                "a.json",
                "["
                    + COLLECTION
                    + ",\n"
                    + "{\"id\":\"r1\",\"title\":\"Telegram\",\"date\":\"1950-04\",\"type\":\"telegram\",\"people\":[\"Kim Il Sung\"],"
                    + "\"collections\":[\"c1\"],\"pages\":[{\"image\":\"x/1.jpg\",\"width\":10,\"height\":20}]}]"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(1, report.inserted());
    assertEquals(1, report.collections());
    Record r = catalog.record("r1").orElseThrow();
    assertEquals(ArchiveDate.Precision.MONTH, r.date().precision());
    assertEquals(RIGHTS, r.rights(), "the configured default rights apply");
    assertEquals(List.of(new Page("x/1.jpg", 10, 20, null)), r.pages());
    assertEquals("Conversations", catalog.collection("c1").orElseThrow().title());
  }

  @Test
  void singleJsonObjectIsOneRecord() throws IOException {
    assertTrue(run(file("one.json", "{\"id\":\"r1\",\"title\":\"T\"}")).ok());
    assertTrue(catalog.record("r1").isPresent());
  }

  @Test
  void jsonLinesAreImportedLineByLine() throws IOException {
    ImportReport report =
        run(
            file(
                "a.jsonl",
                COLLECTION
                    + "\n\n{\"id\":\"r1\",\"title\":\"A\",\"collections\":[\"c1\"]}\n{\"id\":\"r2\",\"title\":\"B\"}\n"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(2, report.inserted());
    assertEquals(List.of("c1"), catalog.record("r1").orElseThrow().collections());
  }

  @Test
  void csvSplitsMultiValuedCellsAndPages() throws IOException {
    ImportReport report =
        run(
            file(
                "a.csv",
                "kind,id,title,description,date,type,people,places,collections,pages\n"
                    + "collection,c1,Conversations,\"About, with a comma\",,,,,,\n"
                    + ",r1,\"Telegram, ciphered\",,1950-05-12,telegram,Kim Il Sung|Terenti Shtykov,Pyongyang,c1,a/1.jpg@100x200|a/2.jpg@300x400\n"));
    assertTrue(report.ok(), report.problems().toString());
    Record r = catalog.record("r1").orElseThrow();
    assertEquals("Telegram, ciphered", r.title());
    assertEquals(List.of("Kim Il Sung", "Terenti Shtykov"), r.people());
    assertEquals(
        List.of(new Page("a/1.jpg", 100, 200, null), new Page("a/2.jpg", 300, 400, null)),
        r.pages());
    assertEquals("About, with a comma", catalog.collection("c1").orElseThrow().description());
  }

  @Test
  void everyBadRecordIsReportedAndNothingIsWritten() throws IOException {
    ImportReport report =
        run(
            file(
                "bad.jsonl",
                String.join(
                    "\n",
                    "{\"id\":\"good\",\"title\":\"Fine\"}",
                    "{\"title\":\"no id\"}",
                    "{\"id\":\"no-title\"}",
                    "{\"id\":\"extra\",\"title\":\"T\",\"colour\":\"red\"}",
                    "{\"id\":\"baddate\",\"title\":\"T\",\"date\":\"1950-13-45\"}",
                    "{\"id\":\"good\",\"title\":\"Again\"}",
                    "{\"id\":\"broken\", \"title\": ",
                    "{\"id\":\"nocoll\",\"title\":\"T\",\"collections\":[\"nope\"]}")));
    assertFalse(report.committed());
    List<String> lines = report.problems().stream().map(Problem::toString).toList();
    assertEquals(7, lines.size(), String.join("\n", lines));
    assertTrue(
        lines.get(0).contains("bad.jsonl:line 2") && lines.get(0).contains("$.id"), lines.get(0));
    assertTrue(lines.get(1).contains("line 3") && lines.get(1).contains("$.title"), lines.get(1));
    assertTrue(lines.get(2).contains("line 4") && lines.get(2).contains("$.colour"), lines.get(2));
    assertTrue(
        lines.get(3).contains("line 5")
            && lines.get(3).contains("$.date")
            && lines.get(3).contains("1950-13-45"),
        lines.get(3));
    assertTrue(
        lines.get(4).contains("line 6")
            && lines.get(4).contains("appears twice")
            && lines.get(4).contains("line 1"),
        lines.get(4));
    assertTrue(
        lines.get(5).contains("line 7") && lines.get(5).contains("malformed JSON"), lines.get(5));
    assertTrue(
        lines.get(6).contains("line 8") && lines.get(6).contains("unknown collection 'nope'"),
        lines.get(6));
    assertTrue(catalog.isEmpty(), "an all-or-nothing import with problems writes nothing");
  }

  @Test
  void skipInvalidWritesTheGoodRecordsAndReportsTheRest() throws IOException {
    ImportReport report =
        importer.importFiles(
            List.of(
                file(
                    "mixed.jsonl",
                    "{\"id\":\"good\",\"title\":\"Fine\"}\n{\"id\":\"bad\",\"title\":\"T\",\"date\":\"1950-02-30\"}\n")),
            true);
    assertTrue(report.committed());
    assertEquals(1, report.inserted());
    assertEquals(1, report.problems().size());
    assertTrue(catalog.record("good").isPresent());
    assertTrue(catalog.record("bad").isEmpty());
  }

  @Test
  void malformedJsonArrayIsReportedWithItsLine() throws IOException {
    ImportReport report =
        run(
            file(
                "broken.json",
                "[\n{\"id\":\"a\",\"title\":\"A\"},\n{\"id\":\"b\" \"title\":\"B\"}\n]"));
    assertFalse(report.committed());
    assertEquals(1, report.problems().size());
    assertTrue(
        report.problems().get(0).where().contains("broken.json:line 3"),
        report.problems().toString());
    assertTrue(catalog.isEmpty());
  }

  @Test
  void malformedCsvIsReported() throws IOException {
    ImportReport report = run(file("broken.csv", "id,title\nr1,\"unclosed quote\nr2,fine\n"));
    assertFalse(report.committed());
    assertTrue(
        report.problems().get(0).reason().contains("malformed CSV"), report.problems().toString());
    assertTrue(catalog.isEmpty());
  }

  @Test
  void csvWithAnUnknownColumnIsRefused() throws IOException {
    ImportReport report = run(file("cols.csv", "id,title,colour\nr1,T,red\n"));
    assertFalse(report.committed());
    assertTrue(report.problems().get(0).field().contains("colour"), report.problems().toString());
  }

  @Test
  void pageSizeIsReadFromTheImageWhenNotGiven() throws IOException {
    Path images = dir.resolve("data/images/scans");
    Files.createDirectories(images);
    javax.imageio.ImageIO.write(
        new java.awt.image.BufferedImage(33, 44, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png",
        images.resolve("p.png").toFile());
    ImportReport report =
        run(
            file(
                "p.json",
                "{\"id\":\"r\",\"title\":\"T\",\"pages\":[{\"image\":\"scans/p.png\"},{\"image\":\"scans/missing.png\"}]}"));
    assertEquals(1, report.problems().size());
    assertTrue(report.problems().get(0).reason().contains("missing.png"));
    report =
        run(
            file(
                "p2.json",
                "{\"id\":\"r\",\"title\":\"T\",\"pages\":[{\"image\":\"scans/p.png\"}]}"));
    assertTrue(report.ok());
    assertEquals(
        new Page("scans/p.png", 33, 44, null), catalog.record("r").orElseThrow().pages().get(0));
  }

  @Test
  void pageSizeOfAJpegIsTheDisplayedOneWhateverItsExifOrientation() throws IOException {
    java.awt.image.BufferedImage displayed = org.dossier.testing.OrientedJpeg.displayed(60, 40);
    StringBuilder pages = new StringBuilder();
    for (int o = 1; o <= 8; o++) {
      org.dossier.testing.OrientedJpeg.write(
          org.dossier.testing.OrientedJpeg.stored(displayed, o),
          o,
          dir.resolve("data/images/exif/o" + o + ".jpg"));
      pages.append(o == 1 ? "" : ",").append("{\"image\":\"exif/o").append(o).append(".jpg\"}");
    }
    ImportReport report =
        run(file("e.json", "{\"id\":\"e\",\"title\":\"T\",\"pages\":[" + pages + "]}"));
    assertTrue(report.ok(), () -> report.problems().toString());
    List<Page> stored = catalog.record("e").orElseThrow().pages();
    for (int o = 1; o <= 8; o++) {
      Page p = stored.get(o - 1);
      assertEquals("60x40", p.width() + "x" + p.height(), "orientation " + o);
    }
  }

  @Test
  void imagePathsCannotLeaveTheImageStore() throws IOException {
    ImportReport report =
        run(
            file(
                "esc.json",
                "[{\"id\":\"a\",\"title\":\"T\",\"pages\":[{\"image\":\"../secret.jpg\",\"width\":1,\"height\":1}]},"
                    + "{\"id\":\"b\",\"title\":\"T\",\"pages\":[{\"image\":\"/etc/passwd\",\"width\":1,\"height\":1}]}]"));
    assertEquals(2, report.problems().size(), report.problems().toString());
  }

  @Test
  void reimportingTheSameFileChangesNothing() throws IOException {
    Path f =
        file(
            "a.jsonl", COLLECTION + "\n{\"id\":\"r1\",\"title\":\"A\",\"collections\":[\"c1\"]}\n");
    run(f);
    long seq = catalog.lastChangeSeq();
    ImportReport again = run(f);
    assertEquals(1, again.unchanged());
    assertEquals(seq, catalog.lastChangeSeq());
  }

  @Test
  void missingPathIsRefusedBeforeAnythingIsRead() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run(dir.resolve("nope.json")));
    assertTrue(e.getMessage().contains("no such file"));
  }

  @Test
  void unknownFileTypeIsRefused() throws IOException {
    Path f = file("a.xml", "<x/>");
    assertThrows(IllegalArgumentException.class, () -> run(f));
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private Path withBom(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    byte[] text = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bytes = new byte[BOM.length + text.length];
    System.arraycopy(BOM, 0, bytes, 0, BOM.length);
    System.arraycopy(text, 0, bytes, BOM.length, text.length);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void aByteOrderMarkAtTheStartOfAnyFormatIsDropped() throws IOException {
    ImportReport report =
        run(
            withBom("excel.csv", "id,title,date\nr1,Telegram,1950-04\n"),
            withBom("one.json", "{\"id\":\"r2\",\"title\":\"T\"}"),
            withBom(
                "lines.jsonl",
                "{\"id\":\"r3\",\"title\":\"T\"}\n{\"id\":\"r4\",\"title\":\"T\"}\n"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(4, report.inserted());
    assertEquals("Telegram", catalog.record("r1").orElseThrow().title());
    assertEquals("r2", catalog.record("r2").orElseThrow().id());
  }

  @Test
  void aByteOrderMarkElsewhereIsStillText() throws IOException {
    ImportReport report = run(file("mid.json", "{\"id\":\"r1\",\"title\":\"\uFEFFT\"}"));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals("\uFEFFT", catalog.record("r1").orElseThrow().title());
  }

  @Test
  void theReportCountsItemsAndListsEveryProblem() throws IOException {
    ImportReport report =
        run(
            file(
                "bad.jsonl",
                "{\"id\":\"r1\",\"title\":\"T\",\"date\":\"1950-13-45\",\"collections\":[\"nope\"]}\n"
                    + "{\"id\":\"r2\",\"title\":\"T\"}\n"));
    assertEquals(2, report.read());
    assertEquals(1, report.invalid());
    assertTrue(report.problems().size() >= 2, report.problems().toString());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    report.print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(
        printed.contains(
            "import refused: 1 invalid item(s) ("
                + report.problems().size()
                + " problems) of 2 read"),
        printed);
    assertEquals(
        report.problems().size(), printed.lines().filter(l -> l.startsWith("invalid: ")).count());
  }
}
