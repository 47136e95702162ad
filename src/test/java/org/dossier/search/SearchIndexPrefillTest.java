package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.Page;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index filled while the import's catalog transaction is open (what {@code dossier import} does)
 * ends exactly as an index that followed the change log after the commit: same hits, same
 * datestamps; and a rolled-back import leaves nothing behind.
 */
class SearchIndexPrefillTest {
  @TempDir Path dir;
  Catalog catalog;

  @BeforeEach
  void open() {
    catalog = Catalog.openSqlite(dir, 2);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  /** Record i: its OCR has "walrus" on odd records, its transcript "narwhal" on every third. */
  static Record record(int i) {
    return Fixtures.record(String.format("p%04d", i))
        .title("Protocol " + i)
        .summary("Minutes of meeting " + i)
        .type("memorandum")
        .pages(
            new Page("p/" + i + "-1.jpg", 600, 800, null),
            new Page("p/" + i + "-2.jpg", 600, 800, null))
        .build();
  }

  static List<RecordText> texts(int i) {
    return i % 3 == 0
        ? List.of(new RecordText("transcript", "en", "The narwhal memorandum, copy " + i))
        : List.of();
  }

  static List<PageOcr> ocr(int i) {
    List<PageOcr> pages = new ArrayList<>();
    for (int p = 1; p <= 2; p++) {
      List<OcrWord> words =
          List.of(
              new OcrWord("page" + p, 10, 10, 50, 20),
              new OcrWord(i % 2 == 1 ? "walrus" : "seal", 70, 10, 50, 20),
              new OcrWord("copy" + i, 130, 10, 50, 20));
      pages.add(
          new PageOcr(
              p,
              "alto",
              "ocr/" + i + "-" + p + ".xml",
              List.of(new OcrLine(10, 10, 170, 20, words))));
    }
    return pages;
  }

  void importRecords(int from, int to, CatalogWriter.Listener listener) {
    try (CatalogWriter w = catalog.writer()) {
      w.listen(listener);
      for (int i = from; i <= to; i++) {
        w.put(record(i), texts(i), ocr(i));
      }
      w.commit();
    }
  }

  /** What an index answers: per query the ids found, and every record's datestamp. */
  static Map<String, Object> answers(SearchIndex index) {
    Map<String, Object> answers = new TreeMap<>();
    for (String q : List.of("walrus", "narwhal", "seal", "protocol", "copy7", "page2 walrus")) {
      answers.put(
          q,
          index.search(SearchQuery.words(q, 1000)).hits().stream()
              .map(Hit::id)
              .sorted()
              .collect(Collectors.toList()));
    }
    Map<String, Instant> stamps = new TreeMap<>();
    index.forEachRecord(0, 10_000, stamps::put);
    answers.put("datestamps", stamps);
    answers.put(
        "hit datestamps",
        index.search(SearchQuery.words("walrus", 1000)).hits().stream()
            .collect(Collectors.toMap(Hit::id, Hit::datestamp, (a, b) -> a, TreeMap::new)));
    return answers;
  }

  Map<String, Instant> catalogDatestamps() {
    Map<String, Instant> stamps = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 400; i++) {
      ids.add(String.format("p%04d", i));
    }
    for (Record r : catalog.records(ids)) {
      stamps.put(r.id(), r.datestamp());
    }
    return stamps;
  }

  @Test
  void anIndexFilledDuringTheImportEqualsOneThatFollowedTheLog() {
    importRecords(1, 150, null); // already in both indexes before the import
    try (SearchIndex followed = SearchIndex.open(dir.resolve("followed"));
        SearchIndex prefilled = SearchIndex.open(dir.resolve("prefilled"))) {
      followed.catchUp(catalog);
      prefilled.catchUp(catalog);
      // The import updates 50 records (odd ones change their OCR) and adds 250.
      importRecords(101, 400, prefilled.prefill());
      prefilled.catchUp(catalog);
      followed.catchUp(catalog);

      assertEquals(answers(followed), answers(prefilled));
      assertEquals(catalogDatestamps(), answers(prefilled).get("datestamps"));
      assertEquals(catalog.lastChangeSeq(), prefilled.appliedSeq());
      assertEquals(400, prefilled.size());
    }
  }

  @Test
  void aRecordChangedAgainAfterTheImportIsIndexedAsTheCatalogHasItNow() {
    try (SearchIndex index = SearchIndex.open(dir.resolve("index"))) {
      importRecords(1, 20, index.prefill());
      // Another writer changes record 3 before the index catches up.
      try (CatalogWriter w = catalog.writer()) {
        w.put(
            Fixtures.record("p0003").title("Protocol three, corrected").type("memorandum").build(),
            List.of(),
            List.of());
        w.delete("p0005");
        w.commit();
      }
      index.catchUp(catalog);
      assertEquals(
          List.of("p0003"),
          index.search(SearchQuery.words("corrected", 10)).hits().stream().map(Hit::id).toList());
      List<String> walrus =
          index.search(SearchQuery.words("walrus", 100)).hits().stream()
              .map(Hit::id)
              .sorted()
              .toList();
      assertEquals(
          List.of("p0001", "p0007", "p0009", "p0011", "p0013", "p0015", "p0017", "p0019"), walrus);
      Map<String, Instant> stamps = new TreeMap<>();
      index.forEachRecord(0, 100, stamps::put);
      assertEquals(19, stamps.size());
      assertNotEquals(
          stamps.get("p0001"), Instant.EPOCH, "the prefilled records got their datestamps");
      assertEquals(catalog.records(List.of("p0003")).get(0).datestamp(), stamps.get("p0003"));
    }
  }

  @Test
  void aRolledBackImportLeavesTheIndexAsItWas() {
    Path path = dir.resolve("index");
    try (SearchIndex index = SearchIndex.open(path)) {
      importRecords(1, 10, index.prefill());
      index.catchUp(catalog);
      long applied = index.appliedSeq();
      CatalogWriter.Listener listener = index.prefill();
      try (CatalogWriter w = catalog.writer()) {
        w.listen(listener);
        for (int i = 11; i <= 300; i++) {
          w.put(record(i), texts(i), ocr(i));
        }
        // closed without a commit: rolled back
      }
      try (SearchIndex reopened = SearchIndex.open(path)) {
        assertEquals(applied, reopened.appliedSeq());
        assertEquals(10, reopened.size());
        assertEquals(5, reopened.search(SearchQuery.words("walrus", 100)).total());
      }
    }
  }
}
