package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.config.Settings;
import org.dossier.sample.SampleArchive;
import org.dossier.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index over the sample archive: analysis, query syntax, facets, and following the catalog. */
class SearchIndexTest {
  @TempDir static Path dir;
  static Catalog catalog;
  static SearchIndex index;
  static List<Record> sample;

  @BeforeAll
  static void build() {
    catalog = Catalog.openSqlite(dir, 2);
    SampleArchive.load(
        catalog, Settings.load(null, Map.of(), Map.of(Settings.DATA_DIR.key(), dir.toString())));
    sample = catalog.list(Selection.ALL, null, 1000);
    index = SearchIndex.open(dir.resolve("search"));
    index.catchUp(catalog);
  }

  @AfterAll
  static void close() {
    index.close();
    catalog.close();
  }

  static Set<String> ids(SearchResult r) {
    return r.hits().stream().map(Hit::id).collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<String> find(String q) {
    SearchResult r = index.search(SearchQuery.words(q, 100));
    assertEquals(r.total(), r.hits().size(), "all hits fit on the page for " + q);
    return ids(r);
  }

  /**
   * Records whose searchable text holds the word, by a regular expression over the catalog's data.
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
      texts.addAll(r.subjects());
      if (texts.stream().anyMatch(t -> p.matcher(t).find())) {
        ids.add(r.id());
      }
    }
    return ids;
  }

  @Test
  void indexesEveryLiveSampleRecordAndRemembersTheChangeLogPosition() {
    assertEquals(sample.size(), index.size());
    assertEquals(catalog.lastChangeSeq(), index.appliedSeq());
  }

  @Test
  void aNameFindsExactlyTheRecordsThatMentionIt() {
    Set<String> expected = mentioning("Mikoyan");
    assertFalse(expected.isEmpty());
    assertEquals(expected, find("Mikoyan"));
    assertEquals(mentioning("Gromyko"), find("gromyko"));
  }

  @Test
  void hyphenatedNamesAreFoundWrittenWithAHyphenASpaceOrNeither() {
    Set<String> pak =
        sample.stream()
            .filter(r -> r.people().contains("Pak Heon-yeong"))
            .map(Record::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(pak.size() >= 5, "the sample has several documents with Pak Heon-yeong");
    assertEquals(pak, find("Heon-yeong"));
    assertEquals(pak, find("heon yeong"));
    assertEquals(pak, find("Heonyeong"));
    assertEquals(pak, find("\"pak heon-yeong\""));
  }

  @Test
  void caseAndDiacriticsAreFolded() {
    Set<String> expected = mentioning("Pásztor");
    assertEquals(1, expected.size());
    assertEquals(expected, find("pasztor"));
    assertEquals(expected, find("PÁSZTOR"));
  }

  @Test
  void phrasesMatchWordsInOrderOnly() {
    Set<String> phrase = find("\"Kim agrees\"");
    assertEquals(mentioning("Kim agrees"), phrase);
    assertTrue(find("\"agrees Kim\"").isEmpty());
  }

  @Test
  void prefixQueriesMatchWordBeginnings() {
    Set<String> expected = new TreeSet<>(mentioning("Mikoyan"));
    assertEquals(expected, find("Mikoy*"));
    assertTrue(find("shtyk*").containsAll(mentioning("Shtykov")));
  }

  @Test
  void pluralsFindTheSingular() {
    assertEquals(find("telegram"), find("telegrams"));
  }

  @Test
  void unreadableQuerySyntaxIsSearchedAsPlainWords() {
    for (String q :
        List.of(
            "\"Kim agrees",
            "Mikoyan AND",
            "((Mikoyan",
            "Mikoyan)",
            "title:",
            "*yan",
            "Mikoyan ^",
            "[1950 TO",
            "Mikoyan~~",
            "\\",
            "AND",
            ":",
            "!",
            "\"\"")) {
      SearchResult r = index.search(SearchQuery.words(q, 10));
      assertTrue(r.total() >= 0, q);
    }
    SearchResult r = index.search(SearchQuery.words("((Mikoyan", 10));
    assertTrue(r.plainWords());
    assertEquals(mentioning("Mikoyan"), ids(r));
  }

  @Test
  void unknownFieldNamesAreTakenAsWords() {
    assertEquals(mentioning("Mikoyan"), find("Mikoyan: Mikoyan"));
    assertEquals(mentioning("Mikoyan"), find("title:mikoyan"));
  }

  @Test
  void matchesAreMarkedInTitleAndSummary() {
    SearchResult r = index.search(SearchQuery.words("Mikoyan", 10));
    Hit hit = r.hits().get(0);
    assertTrue(hit.title().hasMatch());
    List<String> marked =
        hit.summary().segments().stream()
            .filter(Snippet.Segment::match)
            .map(Snippet.Segment::text)
            .toList();
    assertTrue(marked.stream().allMatch(t -> t.equalsIgnoreCase("Mikoyan")), marked.toString());
    Record record = catalog.record(hit.id()).orElseThrow();
    assertEquals(record.summary(), hit.summary().text(), "the whole summary is shown");
  }

  @Test
  void hyphenatedMatchesAreMarkedWhole() {
    SearchResult r = index.search(SearchQuery.words("Heonyeong", 10));
    for (Hit hit : r.hits()) {
      List<String> marked = new ArrayList<>();
      for (Snippet s : List.of(hit.title(), hit.summary())) {
        s.segments().stream().filter(Snippet.Segment::match).forEach(seg -> marked.add(seg.text()));
      }
      assertTrue(
          marked.stream().allMatch(t -> t.equals("Heon-yeong") || t.equals("Heonyeong")),
          marked.toString());
    }
  }

  @Test
  void facetsCountAllMatchesAndFiltersNarrowThem() {
    SearchResult all = index.search(SearchQuery.words("", 10));
    assertEquals(sample.size(), all.total());
    assertEquals(10, all.hits().size());
    long inCollection =
        sample.stream()
            .filter(r -> r.collections().contains("conversations-with-kim-il-sung"))
            .count();
    assertEquals(
        List.of(new FacetCount("conversations-with-kim-il-sung", inCollection)),
        all.facet(Facet.COLLECTION));
    long telegrams = sample.stream().filter(r -> "telegram".equals(r.type())).count();
    assertTrue(all.facet(Facet.TYPE).contains(new FacetCount("telegram", telegrams)));

    SearchResult filtered =
        index.search(
            new SearchQuery(
                "",
                Map.of(Facet.TYPE, List.of("telegram"), Facet.PERSON, List.of("Pak Heon-yeong")),
                null,
                null,
                SearchQuery.Order.DATE,
                0,
                100));
    Set<String> expected =
        sample.stream()
            .filter(r -> "telegram".equals(r.type()) && r.people().contains("Pak Heon-yeong"))
            .map(Record::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, ids(filtered));
    assertEquals(List.of(new FacetCount("telegram", expected.size())), filtered.facet(Facet.TYPE));
  }

  @Test
  void facetsOfVeryManyMatchesAreEstimatedFromASampleButTheTotalIsExact(@TempDir Path other) {
    try (SearchIndex sampling = SearchIndex.open(other.resolve("search"), 8)) {
      sampling.catchUp(catalog);
      SearchResult r = sampling.search(SearchQuery.words("kim", 10));
      long expected = index.search(SearchQuery.words("kim", 10)).total();
      assertEquals(expected, r.total());
      assertTrue(r.facetsEstimated());
      long inCollection =
          sample.stream()
              .filter(x -> x.collections().contains("conversations-with-kim-il-sung"))
              .count();
      long estimate = r.facet(Facet.COLLECTION).get(0).count();
      assertTrue(
          estimate > 0 && estimate <= Math.min(inCollection, r.total()),
          "an estimate, never more than the collection holds: " + estimate);
      assertFalse(index.search(SearchQuery.words("kim", 10)).facetsEstimated());
    }
  }

  @Test
  void sampledFacetsOfAConjunctionComeFromItsOwnMatches(@TempDir Path other) {
    // Two words: the total is counted while scoring, and the sample is cut from those matches.
    try (SearchIndex sampling = SearchIndex.open(other.resolve("search"), 8)) {
      sampling.catchUp(catalog);
      SearchQuery q = SearchQuery.words("kim conversation", 10);
      SearchResult r = sampling.search(q);
      SearchResult exact = index.search(q);
      assertTrue(exact.total() > 8, "enough matches to be sampled: " + exact.total());
      assertEquals(exact.total(), r.total());
      assertEquals(
          exact.hits().stream().map(Hit::id).toList(), r.hits().stream().map(Hit::id).toList());
      assertTrue(r.facetsEstimated());
      assertFalse(exact.facetsEstimated());
      for (Facet facet : Facet.values()) {
        for (FacetCount c : r.facet(facet)) {
          long actual =
              exact.facet(facet).stream()
                  .filter(e -> e.value().equals(c.value()))
                  .mapToLong(FacetCount::count)
                  .findFirst()
                  .orElse(0);
          if (exact.facet(facet).size() < 20) { // every value is listed
            assertTrue(actual > 0, facet + " " + c.value() + " is a value some match carries");
          }
          assertTrue(c.count() > 0 && c.count() <= r.total(), facet + " " + c);
        }
      }
    }
  }

  @Test
  void yearRangesIncludeBothEnds() {
    SearchResult r =
        index.search(new SearchQuery("", Map.of(), 1950, 1951, SearchQuery.Order.DATE, 0, 100));
    long expected =
        sample.stream()
            .filter(x -> x.date() != null && x.date().year() >= 1950 && x.date().year() <= 1951)
            .count();
    assertEquals(expected, r.total());
    assertTrue(r.hits().stream().allMatch(h -> h.date().year() >= 1950 && h.date().year() <= 1951));
    assertEquals(
        sample.stream().filter(x -> x.date() != null && x.date().year() >= 1956).count(),
        index
            .search(new SearchQuery("", Map.of(), 1956, null, SearchQuery.Order.DATE, 0, 100))
            .total());
  }

  @Test
  void dateOrderRunsOldestFirstOrNewestFirst() {
    List<Hit> up =
        index
            .search(new SearchQuery("", Map.of(), null, null, SearchQuery.Order.DATE, 0, 100))
            .hits();
    for (int i = 1; i < up.size(); i++) {
      assertFalse(up.get(i).date().start().isBefore(up.get(i - 1).date().start()));
    }
    List<Hit> down =
        index
            .search(
                new SearchQuery(
                    "", Map.of(), null, null, SearchQuery.Order.DATE_DESCENDING, 0, 100))
            .hits();
    assertEquals(up.get(0).id(), down.get(down.size() - 1).id());
  }

  @Test
  void pagesAreSlicesOfTheSameOrder() {
    List<String> all =
        index
            .search(new SearchQuery("kim", Map.of(), null, null, SearchQuery.Order.DATE, 0, 100))
            .hits()
            .stream()
            .map(Hit::id)
            .toList();
    List<String> second =
        index
            .search(new SearchQuery("kim", Map.of(), null, null, SearchQuery.Order.DATE, 10, 10))
            .hits()
            .stream()
            .map(Hit::id)
            .toList();
    assertEquals(all.subList(10, 20), second);
  }

  @Test
  void followsUpsertsAndDeletesAndSurvivesReopening(@TempDir Path other) {
    try (Catalog c = Catalog.openSqlite(other, 2)) {
      try (CatalogWriter w = c.writer()) {
        w.put(Fixtures.record("r1").title("Zebra crossing treaty").build());
        w.put(Fixtures.record("r2").title("Zebra migration").build());
        w.commit();
      }
      try (SearchIndex i = SearchIndex.open(other.resolve("search"))) {
        i.catchUp(c);
        assertEquals(2, i.search(SearchQuery.words("zebra", 10)).total());
        try (CatalogWriter w = c.writer()) {
          w.delete("r1");
          w.put(Fixtures.record("r2").title("Okapi migration").build());
          w.commit();
        }
        assertEquals(2, i.catchUp(c));
        assertEquals(0, i.search(SearchQuery.words("zebra", 10)).total());
        assertEquals(1, i.search(SearchQuery.words("okapi", 10)).total());
      }
      try (SearchIndex reopened = SearchIndex.open(other.resolve("search"))) {
        assertEquals(c.lastChangeSeq(), reopened.appliedSeq());
        assertEquals(0, reopened.catchUp(c));
        assertEquals(1, reopened.size());
      }
    }
  }

  /**
   * Lucene's lock is taken before anything is read or deleted: a rebuild cannot pull an open index
   * from under its holder.
   */
  @Test
  void rebuildingAnIndexAnotherHoldsFailsAndLeavesItIntact(@TempDir Path other) throws Exception {
    Path path = other.resolve("search");
    try (SearchIndex held = SearchIndex.open(path)) {
      held.catchUp(catalog);
      Set<String> files;
      try (var list = java.nio.file.Files.list(path)) {
        files =
            list.map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
      }
      SearchIndexException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              SearchIndexException.class, () -> SearchIndex.rebuild(path, catalog));
      assertTrue(e.inUse(), e.getMessage());
      assertTrue(e.getMessage().contains("in use by another Dossier process"), e.getMessage());
      try (var list = java.nio.file.Files.list(path)) {
        assertEquals(
            files,
            list.map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new)));
      }
      assertEquals(sample.size(), held.size());
      assertEquals(2, held.search(SearchQuery.words("Mikoyan", 10)).total());
    }
    try (SearchIndex reopened = SearchIndex.open(path)) {
      assertEquals(catalog.lastChangeSeq(), reopened.appliedSeq());
      assertEquals(sample.size(), reopened.size());
    }
  }

  @Test
  void anIndexOfAnEarlierLayoutStartsAgainFromTheCatalog(@TempDir Path other) throws Exception {
    Path path = other.resolve("search");
    try (SearchIndex i = SearchIndex.open(path)) {
      i.catchUp(catalog);
    }
    try (var dir = org.apache.lucene.store.FSDirectory.open(path);
        var w =
            new org.apache.lucene.index.IndexWriter(
                dir, new org.apache.lucene.index.IndexWriterConfig())) {
      w.setLiveCommitData(
          Map.of("seq", Long.toString(catalog.lastChangeSeq()), "format", "0").entrySet());
      w.commit();
    }
    try (SearchIndex i = SearchIndex.open(path)) {
      assertEquals(0, i.size());
      assertEquals(0, i.appliedSeq());
      i.catchUp(catalog);
      assertEquals(sample.size(), i.size());
    }
  }

  @Test
  void recentListsNewestChangesFirst() {
    List<Hit> recent = index.recent(5);
    assertEquals(5, recent.size());
    Record newest =
        sample.stream().max(java.util.Comparator.comparing(Record::datestamp)).orElseThrow();
    assertEquals(newest.datestamp(), recent.get(0).datestamp());
  }

  @Test
  void forEachRecordVisitsEveryRecordOnce() {
    Set<String> seen = new TreeSet<>();
    index.forEachRecord(0, 7, (id, stamp) -> seen.add(id));
    index.forEachRecord(7, 1000, (id, stamp) -> seen.add(id));
    assertEquals(
        sample.stream().map(Record::id).collect(Collectors.toCollection(TreeSet::new)), seen);
  }
}
