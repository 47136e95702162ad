package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.config.Settings;
import org.dossier.sample.SampleArchive;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchQuery;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dossier rebuild} recreates the search index from the catalog. */
class RebuildCommandTest {

  @Test
  void rebuildsTheSearchIndexFromTheCatalogWithoutDeletedRecords(@TempDir Path dir)
      throws Exception {
    long live;
    long lastSeq;
    try (Catalog catalog = Catalog.openSqlite(dir, 2)) {
      SampleArchive.load(
          catalog, Settings.load(null, Map.of(), Map.of(Settings.DATA_DIR.key(), dir.toString())));
      try (CatalogWriter w = catalog.writer()) {
        w.delete("1956-09-21-telegram-mikoyan-cpsu-central-committee");
        w.commit();
      }
      live = catalog.recordCount();
      lastSeq = catalog.lastChangeSeq();
    }
    // Something stale and unreadable where the index lives: rebuild starts from nothing.
    Files.createDirectories(dir.resolve("search"));
    Files.writeString(dir.resolve("search/segments_9"), "not an index");

    assertEquals(0, Main.run("rebuild", "--data", dir.toString()));

    try (SearchIndex index = SearchIndex.open(dir.resolve("search"))) {
      assertEquals(live, index.size());
      assertEquals(lastSeq, index.appliedSeq());
      assertEquals(
          1,
          index.search(SearchQuery.words("Mikoyan", 10)).total(),
          "the deleted telegram is gone");
    }
  }

  @Test
  void refreshStreamReissuesEveryLiveResourceAfterARefreshWithoutMovingDatestamps(@TempDir Path dir)
      throws Exception {
    long live;
    long before;
    java.time.Instant earliest;
    try (Catalog catalog = Catalog.openSqlite(dir, 2)) {
      SampleArchive.load(
          catalog, Settings.load(null, Map.of(), Map.of(Settings.DATA_DIR.key(), dir.toString())));
      live = catalog.recordCount() + catalog.collections().size();
      before = catalog.streamSize();
      earliest = catalog.earliestDatestamp().orElseThrow();
    }
    assertEquals(0, Main.run("rebuild", "--data", dir.toString()));
    try (Catalog catalog = Catalog.openSqlite(dir, 2)) {
      assertEquals(before, catalog.streamSize(), "a plain rebuild changes no published resource");
    }
    assertEquals(0, Main.run("rebuild", "--refresh-stream", "--data", dir.toString()));
    try (Catalog catalog = Catalog.openSqlite(dir, 2)) {
      var added = catalog.stream(before, 1_000_000);
      assertEquals(1 + live, added.size());
      assertEquals(org.dossier.catalog.StreamEntry.Kind.REFRESH, added.get(0).kind());
      assertEquals(
          java.util.Set.of(org.dossier.catalog.StreamEntry.Kind.UPDATED),
          added.stream()
              .skip(1)
              .map(org.dossier.catalog.StreamEntry::kind)
              .collect(java.util.stream.Collectors.toSet()));
      assertEquals(earliest, catalog.earliestDatestamp().orElseThrow());
      try (SearchIndex index = SearchIndex.open(dir.resolve("search"))) {
        assertEquals(catalog.lastChangeSeq(), index.appliedSeq(), "the stores are rebuilt past it");
      }
    }
  }

  /**
   * With an RDF store that has no lock (memory), the search index's own lock is what stops the
   * rebuild: it refuses before it deletes anything.
   */
  @Test
  void refusesWhileAServerHoldsTheIndexEvenWithAnRdfStoreWithoutALock() throws Exception {
    Path dir = Files.createTempDirectory("dossier-test");
    Path config = dir.resolve("memory.properties");
    Files.writeString(config, "rdf.store=memory\n");
    try (TestServer server =
        TestServer.start(dir.resolve("data"), Map.of(Settings.RDF_STORE.key(), "memory"))) {
      Map<String, String> files = files(dir.resolve("data/search"));
      assertEquals(
          Main.ENVIRONMENT,
          Main.run(
              "rebuild", "--data", dir.resolve("data").toString(), "--config", config.toString()));
      assertEquals(
          files,
          files(dir.resolve("data/search")),
          "no file of the server's index was deleted or written");
      assertEquals(30, server.server().searchIndex().size());
    }
  }

  /**
   * Each file of a directory with a digest of its content (a rebuilt index has new segment ids).
   */
  static Map<String, String> files(Path directory) throws Exception {
    Map<String, String> digests = new java.util.TreeMap<>();
    try (var list = Files.list(directory)) {
      for (Path p : list.toList()) {
        byte[] digest =
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        digests.put(p.getFileName().toString(), java.util.HexFormat.of().formatHex(digest));
      }
    }
    return digests;
  }

  /**
   * (A data directory of its own, left in place as TestServer's are: sample scans may still be
   * written as it closes.)
   */
  @Test
  void refusesWhileAServerHoldsTheIndex() throws Exception {
    Path dir = Files.createTempDirectory("dossier-test");
    try (TestServer server = TestServer.start(dir, Map.of())) {
      assertEquals(Main.ENVIRONMENT, Main.run("rebuild", "--data", dir.toString()));
      assertEquals(30, server.server().searchIndex().size(), "the server's index is untouched");
    }
  }
}
