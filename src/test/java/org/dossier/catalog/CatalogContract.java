package org.dossier.catalog;

import static org.dossier.testing.Fixtures.collection;
import static org.dossier.testing.Fixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dossier.catalog.Change.Operation;
import org.dossier.testing.SteppingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every catalog database must show. One small subclass per database opens a fresh
 * catalog; the tests are the same for all.
 */
abstract class CatalogContract {

  static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  protected final SteppingClock clock = new SteppingClock(T0);
  protected Catalog catalog;

  /** A new, empty catalog using the given clock for datestamps. */
  protected abstract Catalog openEmpty(SteppingClock clock) throws Exception;

  /**
   * A second catalog on the database of {@link #catalog}, with a pool of {@link #SMALL_POOL}
   * connections, whose writers give up within a fraction of a second when another holds the write
   * lock.
   */
  protected abstract Catalog openWithASmallImpatientPool() throws Exception;

  /** The smallest pool that can migrate on every database (Flyway takes two on PostgreSQL). */
  static final int SMALL_POOL = 2;

  /**
   * A connection of its own, outside every catalog, holding the lock a writer needs until closed.
   */
  protected abstract Connection holdTheWriteLock() throws Exception;

  @BeforeEach
  void open() throws Exception {
    catalog = openEmpty(clock);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  private Instant write(Object... items) {
    try (CatalogWriter w = catalog.writer()) {
      for (Object item : items) {
        if (item instanceof Record r) {
          w.put(r);
        } else {
          w.put((ArchiveCollection) item);
        }
      }
      return w.commit();
    }
  }

  @Test
  void newCatalogIsEmpty() {
    assertTrue(catalog.isEmpty());
    assertEquals(0, catalog.recordCount());
    assertTrue(catalog.earliestDatestamp().isEmpty());
    assertEquals(0, catalog.lastChangeSeq());
  }

  @Test
  void storedRecordReadsBackWithItsDatestamp() {
    Record r = record("a").in("c1").build();
    write(collection("c1"), r);
    Record back = catalog.record("a").orElseThrow();
    assertEquals(r.withState(T0, false), back);
    assertEquals(T0, catalog.earliestDatestamp().orElseThrow());
    assertEquals(List.of("c1"), catalog.collections().stream().map(ArchiveCollection::id).toList());
  }

  @Test
  void hiddenRecordIsATombstoneToPublicReadersAndLiveToTheAdminApi() {
    write(collection("c1"), record("a").in("c1").build(), record("b").build());
    clock.advance(Duration.ofSeconds(5));
    Record hidden = record("a").in("c1").build().withAccess(AccessLevel.HIDDEN);
    write(hidden);
    // Public readers: absent by id, a tombstone in the harvest listing, not counted.
    assertTrue(catalog.record("a").isEmpty());
    Record listed =
        catalog.list(Selection.ALL, null, 10).stream()
            .filter(r -> r.id().equals("a"))
            .findFirst()
            .orElseThrow();
    assertTrue(listed.deleted());
    assertEquals(T0.plusSeconds(5), listed.datestamp());
    assertEquals(1, catalog.recordCount());
    assertEquals(0, catalog.countCollectionMembers("c1"));
    // The admin API: live, with its level.
    Record stored = catalog.storedRecord("a").orElseThrow();
    assertFalse(stored.deleted());
    assertEquals(AccessLevel.HIDDEN, stored.access());
    assertTrue(catalog.liveRecordHash("a").isPresent());
    // The change log: a delete.
    List<Change> changes = catalog.changesSince(0, 100);
    assertEquals(Operation.DELETE, changes.get(changes.size() - 1).operation());
    // The same hidden record again is no change.
    long seq = catalog.lastChangeSeq();
    clock.advance(Duration.ofSeconds(5));
    write(hidden);
    assertEquals(seq, catalog.lastChangeSeq());
    // Back to open: an upsert with a new datestamp.
    clock.advance(Duration.ofSeconds(5));
    write(record("a").in("c1").build());
    Record back = catalog.record("a").orElseThrow();
    assertFalse(back.deleted());
    assertEquals(T0.plusSeconds(15), back.datestamp());
    assertEquals(Operation.UPSERT, catalog.changesSince(seq, 10).get(0).operation());
    assertEquals(1, catalog.countCollectionMembers("c1"));
    // A hidden record can be deleted for good.
    write(hidden);
    try (CatalogWriter w = catalog.writer()) {
      assertTrue(w.delete("a"));
      w.commit();
    }
    assertTrue(catalog.liveRecordHash("a").isEmpty());
    assertTrue(catalog.storedRecord("a").orElseThrow().deleted());
  }

  @Test
  void reimportingIdenticalDataChangesNothing() {
    write(collection("c1"), record("a").in("c1").build());
    long seq = catalog.lastChangeSeq();
    clock.advance(Duration.ofHours(1));
    try (CatalogWriter w = catalog.writer()) {
      w.put(collection("c1"));
      w.put(record("a").in("c1").build());
      w.commit();
      assertEquals(new CatalogWriter.Counts(0, 0, 1, 0), w.counts());
    }
    assertEquals(seq, catalog.lastChangeSeq());
    assertEquals(T0, catalog.record("a").orElseThrow().datestamp());
    assertEquals(T0, catalog.collection("c1").orElseThrow().datestamp());
  }

  @Test
  void changedContentMovesTheDatestampAndLogsAChange() {
    write(record("a").build(), record("b").build());
    clock.advance(Duration.ofSeconds(7));
    write(record("a").summary("Corrected summary.").build(), record("b").build());
    assertEquals(T0.plusSeconds(7), catalog.record("a").orElseThrow().datestamp());
    assertEquals(T0, catalog.record("b").orElseThrow().datestamp());
    List<Change> changes = catalog.changesSince(0, 100);
    assertEquals(List.of("a", "b", "a"), changes.stream().map(Change::id).toList());
    assertEquals(T0.plusSeconds(7), changes.get(2).datestamp());
  }

  @Test
  void changedPagesAndMembershipsReplaceTheOldOnes() {
    write(collection("c1"), collection("c2"), record("a").in("c1").build());
    write(
        record("a")
            .in("c2")
            .pages(new Page("x/1.jpg", 10, 20, "p. 1"), new Page("x/2.jpg", 30, 40, null))
            .build());
    Record a = catalog.record("a").orElseThrow();
    assertEquals(List.of("c2"), a.collections());
    assertEquals(2, a.pages().size());
    assertEquals(0, catalog.countCollectionMembers("c1"));
    assertEquals(1, catalog.countCollectionMembers("c2"));
  }

  @Test
  void deletingACollectionKeepsItsRecordsWhichLeaveItWithANewDatestamp() {
    write(
        collection("c1"),
        collection("c2"),
        record("both").in("c1", "c2").build(),
        record("only").in("c1").build(),
        record("gone").in("c1").build(),
        record("other").in("c2").build());
    try (CatalogWriter w = catalog.writer()) {
      w.delete("gone");
      w.commit();
    }
    clock.advance(Duration.ofSeconds(10));
    long seq = catalog.lastChangeSeq();
    String otherHash = catalog.liveRecordHash("other").orElseThrow();
    Instant deleted;
    try (CatalogWriter w = catalog.writer()) {
      assertTrue(w.deleteCollection("c1"));
      assertFalse(w.deleteCollection("c1"), "gone within the transaction too");
      deleted = w.commit();
    }
    assertEquals(T0.plusSeconds(10), deleted);
    assertTrue(catalog.collection("c1").isEmpty());
    assertNull(catalog.collectionHash("c1").orElse(null));
    assertEquals(List.of("c2"), catalog.collections().stream().map(ArchiveCollection::id).toList());
    Record both = catalog.record("both").orElseThrow();
    assertEquals(List.of("c2"), both.collections());
    assertEquals(deleted, both.datestamp());
    Record only = catalog.record("only").orElseThrow();
    assertTrue(only.collections().isEmpty());
    assertEquals(deleted, only.datestamp());
    assertFalse(only.deleted());
    assertTrue(catalog.record("gone").orElseThrow().deleted());
    assertEquals(T0, catalog.record("other").orElseThrow().datestamp(), "not a member: untouched");
    assertEquals(otherHash, catalog.liveRecordHash("other").orElseThrow());
    assertEquals(0, catalog.countCollectionMembers("c1"));
    assertEquals(2, catalog.countCollectionMembers("c2"));
    // Harvesters: the members changed, then the collection went.
    List<Change> changes = catalog.changesSince(seq, 100);
    assertEquals(
        List.of("RECORD both UPSERT", "RECORD only UPSERT", "COLLECTION c1 DELETE"),
        changes.stream().map(c -> c.entity() + " " + c.id() + " " + c.operation()).toList());
    assertTrue(changes.stream().allMatch(c -> c.datestamp().equals(deleted)));
    List<String> stream = kinds(catalog.collectionStream("c1", 0, 100));
    assertEquals(
        List.of("LEFT both", "LEFT only", "DELETED c1"),
        stream.subList(stream.size() - 3, stream.size()));
    assertEquals(List.of("both", "only"), ids(Selection.between(deleted, null)));
    // A collection of the same id may come back, empty.
    write(collection("c1"));
    assertEquals(0, catalog.countCollectionMembers("c1"));
    try (CatalogWriter w = catalog.writer()) {
      assertFalse(w.deleteCollection("never-was"));
    }
  }

  @Test
  void aPageGetsANewScanWithItsOcrScaledAndANewLastPageIsAppended() {
    write(record("p").pages(new Page("a/1.jpg", 100, 200, "p. 1")).build());
    try (CatalogWriter w = catalog.writer()) {
      w.put(
          record("p").pages(new Page("a/1.jpg", 100, 200, "p. 1")).build(),
          List.of(new RecordText("transcript", "en", "words")),
          List.of(
              new PageOcr(
                  1,
                  PageOcr.PLAIN,
                  null,
                  List.of(
                      new OcrLine(
                          10, 20, 50, 10, List.of(new OcrWord("words", 10, 20, 50, 10)))))));
      w.commit();
    }
    clock.advance(Duration.ofSeconds(5));
    Instant when;
    try (CatalogWriter w = catalog.writer()) {
      assertTrue(w.putPageImage("p", 1, "uploads/p/p1.jpg", 200, 400));
      assertTrue(w.putPageImage("p", 2, "uploads/p/p2.jpg", 30, 40));
      assertFalse(w.putPageImage("p", 4, "uploads/p/p4.jpg", 30, 40));
      assertFalse(w.putPageImage("no-such", 1, "uploads/x.jpg", 30, 40));
      when = w.commit();
    }
    Record p = catalog.record("p").orElseThrow();
    assertEquals(when, p.datestamp());
    assertEquals("uploads/p/p1.jpg", p.pages().get(0).image());
    assertEquals("p. 1", p.pages().get(0).label());
    assertEquals(200, p.pages().get(0).width());
    assertEquals(new Page("uploads/p/p2.jpg", 30, 40, null), p.pages().get(1));
    assertEquals("words", catalog.texts("p").get(0).text());
    OcrWord word = catalog.pageOcr("p", 1).orElseThrow().lines().get(0).words().get(0);
    assertEquals(List.of(20, 40, 100, 20), List.of(word.x(), word.y(), word.w(), word.h()));
  }

  @Test
  void deleteLeavesATombstoneThatIsKept() {
    write(collection("c1"), record("a").in("c1").build());
    clock.advance(Duration.ofSeconds(3));
    try (CatalogWriter w = catalog.writer()) {
      assertTrue(w.delete("a"));
      assertFalse(w.delete("a"), "a tombstone cannot be deleted again");
      assertFalse(w.delete("never-there"));
      w.commit();
    }
    Record a = catalog.record("a").orElseThrow();
    assertTrue(a.deleted());
    assertEquals(T0.plusSeconds(3), a.datestamp());
    assertEquals(0, catalog.recordCount());
    assertEquals(
        1,
        catalog.count(new Selection(null, null, new Selection.InCollection("c1"))),
        "the tombstone stays in its sets");
    Change last = catalog.changesSince(0, 100).get(catalog.changesSince(0, 100).size() - 1);
    assertEquals(Operation.DELETE, last.operation());
  }

  @Test
  void reimportingADeletedRecordRevivesIt() {
    write(record("a").build());
    try (CatalogWriter w = catalog.writer()) {
      w.delete("a");
      w.commit();
    }
    clock.advance(Duration.ofSeconds(5));
    write(record("a").build());
    Record a = catalog.record("a").orElseThrow();
    assertFalse(a.deleted());
    assertEquals(T0.plusSeconds(5), a.datestamp());
  }

  @Test
  void closingWithoutCommitWritesNothing() {
    try (CatalogWriter w = catalog.writer()) {
      w.put(collection("c1"));
      for (int i = 0; i < 1200; i++) {
        w.put(record("r" + i).in("c1").build());
      }
    }
    assertTrue(catalog.isEmpty());
    assertTrue(catalog.collections().isEmpty());
    assertTrue(catalog.record("r5").isEmpty());
  }

  @Test
  void datestampNeverGoesBackwards() {
    write(record("a").build());
    clock.advance(Duration.ofHours(-2));
    Instant stamp = write(record("b").build());
    assertEquals(T0, stamp);
  }

  @Test
  void keysetListingVisitsEveryRecordOnceInDatestampOrder() {
    List<Record> batch = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      batch.add(
          record(String.format("r%03d", i))
              .type(i % 2 == 0 ? "telegram" : "record of conversation")
              .build());
      if (batch.size() == 60) {
        write(batch.toArray());
        batch.clear();
        clock.advance(Duration.ofSeconds(1));
      }
    }
    write(batch.toArray());
    Set<String> seen = new HashSet<>();
    Position after = null;
    Record previous = null;
    while (true) {
      List<Record> page = catalog.list(Selection.ALL, after, 37);
      if (page.isEmpty()) {
        break;
      }
      for (Record r : page) {
        assertTrue(seen.add(r.id()), "seen twice: " + r.id());
        if (previous != null) {
          int order = previous.datestamp().compareTo(r.datestamp());
          assertTrue(order < 0 || (order == 0 && previous.id().compareTo(r.id()) < 0));
        }
        previous = r;
      }
      after = Position.after(page.get(page.size() - 1));
    }
    assertEquals(250, seen.size());
    assertEquals(250, catalog.count(Selection.ALL));
  }

  @Test
  void selectionFiltersByDatestampRangeAndSet() {
    write(collection("c1"), record("a").in("c1").build());
    clock.advance(Duration.ofSeconds(10));
    write(record("b").type("record of conversation").build());
    clock.advance(Duration.ofSeconds(10));
    write(record("c").type(null).build());
    assertEquals(List.of("b", "c"), ids(Selection.between(T0.plusSeconds(10), null)));
    assertEquals(List.of("a", "b"), ids(Selection.between(null, T0.plusSeconds(10))));
    assertEquals(List.of("a"), ids(new Selection(null, null, Selection.Scope.ANY_COLLECTION)));
    assertEquals(List.of("a"), ids(new Selection(null, null, new Selection.InCollection("c1"))));
    assertEquals(List.of(), ids(new Selection(null, null, new Selection.InCollection("nope"))));
    assertEquals(List.of("a", "b"), ids(new Selection(null, null, Selection.Scope.ANY_TYPE)));
    assertEquals(
        List.of("b"),
        ids(new Selection(null, null, new Selection.OfType("record-of-conversation"))));
    assertEquals(
        java.util.Map.of(
            "telegram", "telegram", "record-of-conversation", "record of conversation"),
        catalog.types());
  }

  @Test
  void collectionMembersComeInDocumentDateOrder() {
    write(
        collection("c1"),
        record("late").date("1986-01-01").in("c1").build(),
        record("undated").date(null).in("c1").build(),
        record("month").date("1950-04").in("c1").build(),
        record("day").date("1949-03-05").in("c1").build());
    assertEquals(
        List.of("day", "month", "late", "undated"),
        catalog.collectionMembers("c1", 0, 10).stream().map(Record::id).toList());
    assertEquals(
        List.of("month", "late"),
        catalog.collectionMembers("c1", 1, 2).stream().map(Record::id).toList());
  }

  @Test
  void recordsWithImagesUnderAFolderAreFound() {
    write(
        record("a").pages(new Page("sample/a/1.jpg", 1, 1, null)).build(),
        record("b").pages(new Page("scans/b/1.jpg", 1, 1, null)).build(),
        record("c")
            .pages(new Page("sample_x/c.jpg", 1, 1, null), new Page("sample/c/2.jpg", 1, 1, null))
            .build());
    assertEquals(List.of("a", "c"), catalog.recordIdsWithImagesUnder("sample/"));
  }

  @Test
  void textsOutsideAsciiRoundTrip() {
    Record r = record("u").title("Károly Pásztor — 김일성 «report» \uD83D\uDCDC").build();
    write(r);
    assertEquals(r.title(), catalog.record("u").orElseThrow().title());
  }

  // ---- texts and page OCR ----

  private static final Page P1 = new Page("t/1.jpg", 1000, 1400, "p. 1");
  private static final Page P2 = new Page("t/2.jpg", 1000, 1400, "p. 2");

  private static PageOcr ocr(int page, String... words) {
    List<OcrWord> line = new ArrayList<>();
    int x = 100;
    for (String w : words) {
      line.add(new OcrWord(w, x, 200 + page, w.length() * 20, 40));
      x += w.length() * 20 + 15;
    }
    return new PageOcr(
        page,
        PageOcr.ALTO,
        "ocr/" + page + ".xml",
        List.of(new OcrLine(100, 200, x - 115, 41, line)));
  }

  private Instant writeFull(Record r, List<RecordText> texts, List<PageOcr> ocr) {
    try (CatalogWriter w = catalog.writer()) {
      w.put(r, texts, ocr);
      return w.commit();
    }
  }

  @Test
  void textsAndPageOcrAreReadFromTheirOwnTablesAndTheRecordListsThem() {
    RecordText transcript =
        new RecordText(RecordText.TRANSCRIPT, "ru", "Товарищ Сталин.\nВторая строка.");
    RecordText translation =
        new RecordText(RecordText.TRANSLATION, "en", "Comrade Stalin.\nSecond line.");
    PageOcr second =
        new PageOcr(
            2,
            PageOcr.HOCR,
            "images/t/2.hocr",
            List.of(
                new OcrLine(
                    10,
                    20,
                    300,
                    50,
                    List.of(
                        new OcrWord("inter-", 10, 20, 120, 50, "international"),
                        new OcrWord("金日成", 150, 22, 160, 48)))));
    writeFull(record("a").pages(P1, P2).build(), List.of(transcript, translation), List.of(second));

    Record a = catalog.record("a").orElseThrow();
    assertEquals(
        List.of(new TextRef("transcript", "ru", 30), new TextRef("translation", "en", 28)),
        a.texts());
    assertEquals(new Page("t/1.jpg", 1000, 1400, "p. 1"), a.pages().get(0));
    assertEquals(
        new Page("t/2.jpg", 1000, 1400, "p. 2", "images/t/2.hocr", "hocr"), a.pages().get(1));
    assertEquals(List.of(transcript, translation), catalog.texts("a"));
    assertEquals(second, catalog.pageOcr("a", 2).orElseThrow());
    assertTrue(catalog.pageOcr("a", 1).isEmpty());
    assertEquals(List.of(second), catalog.pageOcrs("a"));
    assertTrue(catalog.texts("nobody").isEmpty());
    assertTrue(catalog.pageOcrs("nobody").isEmpty());
  }

  @Test
  void batchReadsAnswerForEveryIdInTheOrderGiven() {
    try (CatalogWriter w = catalog.writer()) {
      for (int i = 0; i < 230; i++) {
        w.put(
            record(String.format("r%03d", i)).pages(P1, P2).build(),
            List.of(new RecordText(RecordText.TRANSCRIPT, "en", "Text of " + i)),
            i % 2 == 0
                ? List.of(ocr(1, "page", "one", "of", "r" + i), ocr(2, "two"))
                : List.of(ocr(2, "only", "two")));
      }
      w.commit();
    }
    List<String> ids = new ArrayList<>();
    for (int i = 229; i >= 0; i--) {
      ids.add(String.format("r%03d", i));
    }
    ids.add(1, "missing");
    java.util.Map<String, List<RecordText>> texts = catalog.texts(ids);
    assertEquals(ids, List.copyOf(texts.keySet()));
    assertEquals(List.of(new RecordText("transcript", "en", "Text of 17")), texts.get("r017"));
    assertEquals(List.of(), texts.get("missing"));
    java.util.Map<String, List<PageOcr>> ocr = catalog.pageOcrs(ids);
    assertEquals(ids, List.copyOf(ocr.keySet()));
    assertEquals(List.of(ocr(1, "page", "one", "of", "r42"), ocr(2, "two")), ocr.get("r042"));
    assertEquals(List.of(ocr(2, "only", "two")), ocr.get("r043"));
    assertEquals("page one of r42", ocr.get("r042").get(0).text());
  }

  @Test
  void reimportingIdenticalTextsAndOcrChangesNothing() {
    List<RecordText> texts = List.of(new RecordText(RecordText.TRANSCRIPT, "en", "Same text."));
    writeFull(record("a").pages(P1, P2).build(), texts, List.of(ocr(1, "same", "words")));
    long seq = catalog.lastChangeSeq();
    clock.advance(Duration.ofHours(1));
    try (CatalogWriter w = catalog.writer()) {
      w.put(record("a").pages(P1, P2).build(), texts, List.of(ocr(1, "same", "words")));
      w.commit();
      assertEquals(new CatalogWriter.Counts(0, 0, 1, 0), w.counts());
    }
    assertEquals(seq, catalog.lastChangeSeq());
    assertEquals(T0, catalog.record("a").orElseThrow().datestamp());
  }

  @Test
  void aChangedTranscriptMovesTheDatestampEvenAtTheSameLength() {
    writeFull(
        record("a").build(),
        List.of(new RecordText(RecordText.TRANSCRIPT, "en", "The text.")),
        List.of());
    clock.advance(Duration.ofSeconds(9));
    writeFull(
        record("a").build(),
        List.of(new RecordText(RecordText.TRANSCRIPT, "en", "The test.")),
        List.of());
    assertEquals(T0.plusSeconds(9), catalog.record("a").orElseThrow().datestamp());
    assertEquals("The test.", catalog.texts("a").get(0).text());
  }

  @Test
  void aChangedOcrWordOrBoxMovesTheDatestamp() {
    writeFull(record("a").pages(P1).build(), List.of(), List.of(ocr(1, "one", "word")));
    clock.advance(Duration.ofSeconds(4));
    writeFull(record("a").pages(P1).build(), List.of(), List.of(ocr(1, "one", "ward")));
    assertEquals(T0.plusSeconds(4), catalog.record("a").orElseThrow().datestamp());
    PageOcr moved = ocr(1, "one", "ward");
    OcrLine line = moved.lines().get(0);
    OcrWord w = line.words().get(1);
    PageOcr shifted =
        new PageOcr(
            1,
            moved.format(),
            moved.source(),
            List.of(
                new OcrLine(
                    line.x(),
                    line.y(),
                    line.w(),
                    line.h(),
                    List.of(
                        line.words().get(0),
                        new OcrWord(w.text(), w.x() + 1, w.y(), w.w(), w.h())))));
    clock.advance(Duration.ofSeconds(4));
    writeFull(record("a").pages(P1).build(), List.of(), List.of(shifted));
    assertEquals(T0.plusSeconds(8), catalog.record("a").orElseThrow().datestamp());
    assertEquals(shifted, catalog.pageOcr("a", 1).orElseThrow());
    clock.advance(Duration.ofSeconds(4));
    writeFull(record("a").pages(P1).build(), List.of(), List.of());
    assertEquals(T0.plusSeconds(12), catalog.record("a").orElseThrow().datestamp());
    assertTrue(catalog.pageOcrs("a").isEmpty(), "OCR no longer given is removed");
    assertFalse(catalog.record("a").orElseThrow().pages().get(0).hasOcr());
  }

  @Test
  void aTombstoneKeepsNoTextsOrOcrAndRevivingBringsThemBack() {
    List<RecordText> texts = List.of(new RecordText(RecordText.TRANSLATION, "en", "Translated."));
    writeFull(record("a").pages(P1, P2).build(), texts, List.of(ocr(2, "words")));
    writeFull(record("b").pages(P1).build(), texts, List.of(ocr(1, "kept")));
    try (CatalogWriter w = catalog.writer()) {
      assertTrue(w.delete("a"));
      w.commit();
    }
    Record a = catalog.record("a").orElseThrow();
    assertTrue(a.deleted());
    assertEquals(List.of(), a.texts());
    assertFalse(a.pages().get(1).hasOcr());
    assertTrue(catalog.texts("a").isEmpty());
    assertTrue(catalog.pageOcrs("a").isEmpty());
    assertEquals(texts, catalog.texts("b"), "other records keep theirs");
    assertEquals(1, catalog.pageOcrs("b").size());

    clock.advance(Duration.ofSeconds(5));
    writeFull(record("a").pages(P1, P2).build(), texts, List.of(ocr(2, "words")));
    assertEquals(texts, catalog.texts("a"));
    assertEquals(List.of(ocr(2, "words")), catalog.pageOcrs("a"));
    assertFalse(catalog.record("a").orElseThrow().deleted());
  }

  @Test
  void ocrForAPageTheRecordLacksIsRefused() {
    try (CatalogWriter w = catalog.writer()) {
      Record r = record("a").pages(P1).build();
      assertThrows(IllegalArgumentException.class, () -> w.put(r, List.of(), List.of(ocr(2, "x"))));
      assertThrows(
          IllegalArgumentException.class,
          () -> w.put(r, List.of(), List.of(ocr(1, "x"), ocr(1, "y"))));
      List<RecordText> twice =
          List.of(new RecordText("transcript", "en", "a"), new RecordText("transcript", "en", "b"));
      assertThrows(IllegalArgumentException.class, () -> w.put(r, twice, List.of()));
    }
  }

  @Test
  void aRecordReadBackAndChangedKeepsItsStoredTextsAndOcr() {
    List<RecordText> texts = List.of(new RecordText(RecordText.TRANSCRIPT, "en", "Kept."));
    writeFull(record("a").pages(P1, P2).build(), texts, List.of(ocr(2, "kept", "words")));
    Record read = catalog.record("a").orElseThrow();
    clock.advance(Duration.ofSeconds(6));
    try (CatalogWriter w = catalog.writer()) {
      w.put(
          new Record(
              read.id(),
              read.title() + " (revised)",
              read.date(),
              read.summary(),
              read.type(),
              read.languages(),
              read.people(),
              read.places(),
              read.subjects(),
              read.source(),
              read.archive(),
              read.rights(),
              read.collections(),
              read.pages(),
              read.texts(),
              null,
              false));
      w.commit();
    }
    Record after = catalog.record("a").orElseThrow();
    assertEquals(T0.plusSeconds(6), after.datestamp());
    assertEquals(read.texts(), after.texts());
    assertEquals(read.pages(), after.pages());
    assertEquals(texts, catalog.texts("a"));
    assertEquals(List.of(ocr(2, "kept", "words")), catalog.pageOcrs("a"));
    // Descriptors with nothing stored behind them are not invented into texts.
    Record listsTexts =
        record("b")
            .build()
            .withPagesAndTexts(List.of(P1), List.of(new TextRef("transcript", "en", 3)));
    try (CatalogWriter w = catalog.writer()) {
      w.put(listsTexts);
      w.commit();
    }
    assertEquals(List.of(), catalog.record("b").orElseThrow().texts());
  }

  @Test
  void aWriterThatCannotStartGivesItsConnectionBack() throws Exception {
    try (Catalog small = openWithASmallImpatientPool()) {
      try (Connection holder = holdTheWriteLock()) {
        assertFalse(holder.isClosed(), "the lock holder stays connected");
        for (int i = 0; i < SMALL_POOL; i++) {
          assertThrows(CatalogException.class, small::writer);
        }
      }
      // Had the failed writers kept the pool's connections, or handed them back in a broken
      // state, these would wait for the pool's connection timeout and fail.
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            assertEquals(0, small.lastChangeSeq());
            try (CatalogWriter w = small.writer()) {
              w.put(collection("c1"));
              w.commit();
            }
          });
      assertEquals(
          List.of("c1"), catalog.collections().stream().map(ArchiveCollection::id).toList());
    }
  }

  private List<String> ids(Selection s) {
    return catalog.list(s, null, 100).stream().map(Record::id).toList();
  }

  // ---- the change log as activity streams (issue 14) ----

  private List<String> kinds(List<StreamEntry> entries) {
    return entries.stream().map(e -> e.kind() + " " + e.id()).toList();
  }

  @Test
  void streamTellsCreateFromUpdateAndARecreationAfterADeleteIsACreate() {
    write(collection("c1"), record("a").in("c1").build());
    write(record("a").title("changed").in("c1").build());
    try (CatalogWriter w = catalog.writer()) {
      w.delete("a");
      w.commit();
    }
    write(record("a").in("c1").build());
    assertEquals(
        List.of("CREATED c1", "CREATED a", "UPDATED a", "DELETED a", "CREATED a"),
        kinds(catalog.stream(0, 100)));
    assertEquals(5, catalog.streamSize());
  }

  @Test
  void streamPositionsHaveNoGapEvenWhereAWriteWasRolledBack() {
    write(record("a").build());
    try (CatalogWriter w = catalog.writer()) {
      w.put(record("lost-1").build());
      w.put(record("lost-2").build());
      w.delete("a");
      // closed without commit: rolled back (a PostgreSQL identity keeps the numbers it gave)
    }
    write(record("b").build(), record("c").build());
    List<StreamEntry> all = catalog.stream(0, 100);
    assertEquals(List.of(1L, 2L, 3L), all.stream().map(StreamEntry::position).toList());
    assertEquals(List.of("CREATED a", "CREATED b", "CREATED c"), kinds(all));
  }

  @Test
  void streamIsReadByKeysetFromAnyPosition() {
    try (CatalogWriter w = catalog.writer()) {
      for (int i = 0; i < 25; i++) {
        w.put(record("r" + i).build());
      }
      w.commit();
    }
    assertEquals(25, catalog.streamSize());
    List<StreamEntry> page = catalog.stream(20, 10);
    assertEquals(
        List.of(21L, 22L, 23L, 24L, 25L), page.stream().map(StreamEntry::position).toList());
    assertEquals(List.of(), catalog.stream(25, 10));
  }

  @Test
  void aCollectionsStreamFollowsItsRecordsInAndOutAndKeepsTheirDeletes() {
    write(collection("c1"), collection("c2"), record("a").in("c1").build());
    write(record("a").in("c1", "c2").build());
    write(record("a").in("c2").build());
    try (CatalogWriter w = catalog.writer()) {
      w.delete("a");
      w.commit();
    }
    assertEquals(
        List.of("CREATED c1", "CREATED a", "UPDATED a", "LEFT a"),
        kinds(catalog.collectionStream("c1", 0, 100)));
    assertEquals(
        List.of("CREATED c2", "UPDATED a", "UPDATED a", "DELETED a"),
        kinds(catalog.collectionStream("c2", 0, 100)));
    assertEquals(4, catalog.collectionStreamSize("c2"));
    assertEquals(
        List.of(1L, 2L, 3L, 4L),
        catalog.collectionStream("c2", 0, 100).stream().map(StreamEntry::position).toList());
    assertEquals(0, catalog.collectionStreamSize("none"));
  }

  @Test
  void aRefreshReissuesLiveResourcesAfterItsMarkerInEveryStream() {
    write(collection("c1"), record("a").in("c1").build(), record("b").build());
    try (CatalogWriter w = catalog.writer()) {
      w.delete("b");
      w.commit();
    }
    clock.advance(Duration.ofHours(1));
    try (CatalogWriter w = catalog.writer()) {
      assertEquals(2, w.refresh());
      w.commit();
    }
    assertEquals(List.of("REFRESH ", "UPDATED c1", "UPDATED a"), kinds(catalog.stream(4, 100)));
    assertEquals(
        List.of("CREATED c1", "CREATED a", "REFRESH ", "UPDATED c1", "UPDATED a"),
        kinds(catalog.collectionStream("c1", 0, 100)));
    assertEquals(T0, catalog.record("a").orElseThrow().datestamp(), "content did not change");
    // Derived stores read the marker from the change log and pass over it.
    assertEquals(Change.Entity.STREAM, catalog.changesSince(4, 1).get(0).entity());
  }

  // ---- renditions: records rendered ahead, used only while they describe the record ----

  private static byte[] xml(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Renders, as a renderer would: the record's id and title, so that staleness shows. */
  private List<Renditions.Rendition> render(String... ids) {
    List<Renditions.Rendition> out = new java.util.ArrayList<>();
    for (Renditions.Source s : catalog.renditions().sources(List.of(ids))) {
      out.add(
          new Renditions.Rendition(
              s.record().id(),
              "f",
              s.contentHash(),
              s.record().datestamp(),
              xml(s.record().id() + ":" + s.record().title()),
              xml("deflated")));
    }
    return out;
  }

  private String listedXml(String id, long generation) {
    Renditions.Listed l = catalog.renditions().get(id, "f", generation, true).orElseThrow();
    return l.xml() == null ? null : new String(l.xml(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aRenditionIsHandedOutOnlyWhileItMatchesTheRecordAndTheGeneration() {
    write(record("a").title("One").build(), record("b").build());
    Renditions store = catalog.renditions();
    Renditions.State state = store.restart("p", "print-1");
    assertEquals(new Renditions.State(0, 1, "print-1"), state);
    store.write("p", 1, render("a", "b"), catalog.lastChangeSeq(), catalog.lastChangeSeq());
    assertEquals(new Renditions.State(catalog.lastChangeSeq(), 1, "print-1"), store.state("p"));
    assertEquals("a:One", listedXml("a", 1));
    assertNull(listedXml("a", 2), "another generation");
    assertNull(store.get("a", "other-format", 1, true).orElseThrow().xml());
    List<Renditions.Listed> page = store.list(Selection.ALL, null, 10, "f", 1, true);
    assertEquals(
        "deflated", new String(page.get(0).deflated(), java.nio.charset.StandardCharsets.UTF_8));
    assertNull(store.list(Selection.ALL, null, 10, "f", 1, false).get(0).deflated());
    assertEquals(List.of("a", "b"), page.stream().map(Renditions.Listed::id).toList());
    assertTrue(page.stream().allMatch(l -> l.xml() != null && l.record() == null));

    clock.advance(Duration.ofSeconds(1));
    write(record("a").title("Two").build());
    Renditions.Listed changed = store.get("a", "f", 1, true).orElseThrow();
    assertNull(changed.xml(), "the record changed after it was rendered");
    assertEquals("Two", changed.record().title());
    assertEquals("b:" + catalog.record("b").orElseThrow().title(), listedXml("b", 1));

    assertEquals(new Renditions.State(0, 2, "print-2"), store.restart("p", "print-2"));
    assertNull(listedXml("b", 2), "a restart leaves every earlier rendition behind");
  }

  @Test
  void aBatchOfRenditionsIsStoredFormatByFormatInListOrder() {
    write(record("c").build());
    clock.advance(Duration.ofSeconds(1));
    write(record("b").build(), record("a").build());
    Renditions store = catalog.renditions();
    store.restart("p", "print-1");
    // As a projection renders them: record by record, each in every format.
    List<Renditions.Rendition> rendered = new java.util.ArrayList<>();
    for (Renditions.Rendition r : render("a", "b", "c")) {
      for (String format : List.of("y", "x")) {
        rendered.add(
            new Renditions.Rendition(
                r.recordId(), format, r.contentHash(), r.datestamp(), r.xml(), r.deflated()));
      }
    }
    store.write("p", 1, rendered, catalog.lastChangeSeq(), catalog.lastChangeSeq());
    // The table's own order: where each row was put.
    String physical = catalog.dialect() == Catalog.Dialect.POSTGRESQL ? "ctid" : "rowid";
    List<String> stored = new java.util.ArrayList<>();
    catalog.query(
        "SELECT format, record_id FROM renditions ORDER BY " + physical,
        List.of(),
        rs -> stored.add(rs.getString(1) + ":" + rs.getString(2)));
    // c was stamped a second before a and b: (datestamp, id) order is c, a, b.
    assertEquals(List.of("x:c", "x:a", "x:b", "y:c", "y:a", "y:b"), stored);
  }

  @Test
  void processesStartingAProjectionTogetherWithOneFingerprintBeginOneGeneration() throws Exception {
    write(record("a").build());
    int processes = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(processes);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Renditions.State>> started = new java.util.ArrayList<>();
      for (int i = 0; i < processes; i++) {
        started.add(
            pool.submit(
                () -> {
                  go.await();
                  return catalog.renditions().startWith("p", "print-1");
                }));
      }
      go.countDown();
      for (java.util.concurrent.Future<Renditions.State> f : started) {
        assertEquals(new Renditions.State(0, 1, "print-1"), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    Renditions store = catalog.renditions();
    long head = catalog.lastChangeSeq();
    store.write("p", 1, render("a"), head, head);
    assertEquals(
        new Renditions.State(head, 1, "print-1"),
        store.startWith("p", "print-1"),
        "started again with its own fingerprint, a projection keeps its progress");
    assertEquals(new Renditions.State(0, 2, "print-2"), store.startWith("p", "print-2"));
  }

  @Test
  void aBatchOfMoreRenditionsThanOneTransactionHoldsIsWrittenWholeAndMovesTheProjectionOnce() {
    int n = Renditions.WRITE_CHUNK * 2 + 3;
    Record[] records = new Record[n];
    for (int i = 0; i < n; i++) {
      records[i] = record(String.format("r%04d", i)).build();
    }
    write((Object[]) records);
    catalog.renditions().restart("p", "x");
    long head = catalog.lastChangeSeq();
    catalog
        .renditions()
        .write(
            "p",
            1,
            render(java.util.Arrays.stream(records).map(Record::id).toArray(String[]::new)),
            head,
            head);
    assertEquals(head, catalog.renditions().state("p").appliedSeq());
    for (Record r : records) {
      assertEquals(r.id() + ":" + r.title(), listedXml(r.id(), 1));
    }
  }

  @Test
  void aRenditionOfARecordChangedInTheSameSecondIsNotHandedOut() {
    write(record("a").title("One").build());
    catalog.renditions().restart("p", "x");
    List<Renditions.Rendition> old = render("a");
    write(record("a").title("Two").build()); // same second: same datestamp, other content
    catalog.renditions().write("p", 1, old, 1, 1);
    assertNull(listedXml("a", 1));
  }

  @Test
  void changingACollectionDropsItsMembersRenditions() {
    write(collection("c1"), record("a").in("c1").build(), record("b").build());
    catalog.renditions().restart("p", "x");
    long head = catalog.lastChangeSeq();
    catalog.renditions().write("p", 1, render("a", "b"), head, head);
    write(new ArchiveCollection("c1", "Renamed", "About c1", null));
    assertNull(listedXml("a", 1), "a member's rendition may carry the old title");
    assertNotNull(listedXml("b", 1));
  }

  @Test
  void aBatchReadBeforeACollectionChangedLeavesThatCollectionsMembersOut() {
    write(collection("c1"), record("a").in("c1").build(), record("b").build());
    catalog.renditions().restart("p", "x");
    long readSeq = catalog.lastChangeSeq();
    List<Renditions.Rendition> batch = render("a", "b");
    write(new ArchiveCollection("c1", "Renamed", "About c1", null));
    catalog.renditions().write("p", 1, batch, readSeq, readSeq);
    assertNull(listedXml("a", 1));
    assertNotNull(listedXml("b", 1));
    assertEquals(readSeq, catalog.renditions().state("p").appliedSeq());
  }

  @Test
  void aWriteForAGenerationThatWasRestartedMeanwhileWritesNothing() {
    write(record("a").build());
    catalog.renditions().restart("p", "x");
    catalog.renditions().restart("p", "y");
    long head = catalog.lastChangeSeq();
    assertThrows(
        CatalogException.class, () -> catalog.renditions().write("p", 1, render("a"), head, head));
    assertNull(listedXml("a", 1));
    assertEquals(0, catalog.renditions().state("p").appliedSeq());
  }

  @Test
  void membersUnchangedSinceACollectionChangeAreThoseWithNoLaterChangeOfTheirOwn() {
    write(collection("c1"), record("a").in("c1").build(), record("b").in("c1").build());
    write(new ArchiveCollection("c1", "Renamed", "About c1", null));
    long renamed = catalog.lastChangeSeq();
    clock.advance(Duration.ofSeconds(1));
    write(record("b").in("c1").title("Changed after").build(), record("c").build());
    assertEquals(java.util.Set.of("a"), catalog.renditions().membersUnchangedSince("c1", renamed));
    assertEquals(
        java.util.Set.of("a", "b"),
        catalog.renditions().membersUnchangedSince("c1", catalog.lastChangeSeq()));
  }
}
