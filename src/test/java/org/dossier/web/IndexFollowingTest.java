package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.search.SearchIndex;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The server's search index follows changes that another process (a command-line import or delete)
 * writes to the catalog, without a request to prompt it; a deleted search index is rebuilt at the
 * next start.
 */
class IndexFollowingTest {

  /**
   * A data directory of the test's own, left in place after it: TestServer deletes only its own.
   */
  static Path freshDataDir() throws java.io.IOException {
    return java.nio.file.Files.createTempDirectory("dossier-test");
  }

  static void awaitIndexed(SearchIndex index, long seq) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (index.appliedSeq() < seq) {
      assertTrue(
          System.nanoTime() < deadline,
          "the index caught up within 10 s (at " + index.appliedSeq() + " of " + seq + ")");
      Thread.sleep(50);
    }
  }

  static String heading(TestServer server, String query) throws Exception {
    return Pages.get(server, "/search?q=" + query).selectFirst("#results-heading").text();
  }

  @Test
  void changesMadeByAnotherProcessAreSearchableWithinSeconds() throws Exception {
    Path dir = freshDataDir();
    try (TestServer server = TestServer.start(dir, Map.of());
        Catalog other = Catalog.openSqlite(dir, 1)) {
      SearchIndex index = server.server().searchIndex();
      try (CatalogWriter w = other.writer()) {
        w.put(Fixtures.record("quagga-1").title("A telegram about the quagga").build());
        w.commit();
      }
      awaitIndexed(index, other.lastChangeSeq());
      assertEquals("Results: 1 - 1 of 1", heading(server, "quagga"));

      try (CatalogWriter w = other.writer()) {
        w.delete("quagga-1");
        w.commit();
      }
      awaitIndexed(index, other.lastChangeSeq());
      assertEquals("Results: 0 of 0", heading(server, "quagga"));
    }
  }

  @Test
  void aDeletedIndexIsRebuiltAtTheNextStart() throws Exception {
    Path dir = freshDataDir();
    try (TestServer server = TestServer.start(dir, Map.of())) {
      assertEquals("Results: 1 - 2 of 2", heading(server, "Mikoyan"));
    }
    SearchIndexFiles.delete(dir.resolve("search"));
    try (TestServer server = TestServer.start(dir, Map.of())) {
      assertEquals("Results: 1 - 2 of 2", heading(server, "Mikoyan"));
    }
  }

  /** Removes a directory tree. */
  static final class SearchIndexFiles {
    static void delete(Path dir) throws java.io.IOException {
      try (var walk = java.nio.file.Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
  }
}
