package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.dossier.testing.Fixtures;
import org.dossier.testing.SteppingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class SqliteCatalogTest extends CatalogContract {
  @TempDir Path dir;

  @Override
  protected Catalog openEmpty(SteppingClock clock) {
    return Catalog.open("jdbc:sqlite:" + dir.resolve("catalog.db"), "", "", 4, clock);
  }

  @Override
  protected Catalog openWithASmallImpatientPool() {
    return Catalog.open("jdbc:sqlite:" + dir.resolve("catalog.db"), "", "", SMALL_POOL, clock, 200);
  }

  @Override
  protected Connection holdTheWriteLock() throws Exception {
    SQLiteConfig config = new SQLiteConfig();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection c = config.createConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
    c.setAutoCommit(false); // BEGIN IMMEDIATE: SQLite's one write lock, until this closes
    return c;
  }

  @Test
  void aWriteFindsTheEndOfTheChangeLogWithoutScanningIt() throws Exception {
    try (Catalog catalog = openEmpty(clock)) {
      catalog.count(Selection.ALL); // opened and migrated
    }
    try (Connection c =
            new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
        Statement s = c.createStatement();
        java.sql.ResultSet plan =
            s.executeQuery("EXPLAIN QUERY PLAN " + CatalogWriter.LAST_SEQ_AND_POS)) {
      List<String> steps = new ArrayList<>();
      while (plan.next()) {
        steps.add(plan.getString("detail"));
      }
      // A SEARCH reads one end of an index; a SCAN reads the whole log, on every write.
      assertTrue(
          steps.stream().noneMatch(d -> d.startsWith("SCAN changes")), "the query plan: " + steps);
      assertTrue(
          steps.stream().filter(d -> d.startsWith("SEARCH changes")).count() == 2, "" + steps);
    }
  }

  @Test
  void everyConnectionLeavesTheLogToGrowPastTheDefaultBeforeACommitCheckpointsIt()
      throws Exception {
    try (Catalog catalog = openEmpty(clock)) {
      long[] pages = {0};
      long[] limit = {0};
      catalog.query("PRAGMA wal_autocheckpoint", List.of(), rs -> pages[0] = rs.getLong(1));
      catalog.query("PRAGMA journal_size_limit", List.of(), rs -> limit[0] = rs.getLong(1));
      assertEquals(Catalog.WAL_CHECKPOINT_PAGES, pages[0]);
      assertEquals(Catalog.JOURNAL_SIZE_LIMIT_BYTES, limit[0]);
    }
  }

  @Test
  void aWriterWhoseFirstQueryFailsHandsItsConnectionBack() throws Exception {
    // A database without the catalog's tables: the writer's look at the change log fails.
    Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("bare.db"));
    c.setAutoCommit(false);
    List<Connection> discarded = new ArrayList<>();
    assertThrows(
        CatalogException.class,
        () -> new CatalogWriter(c, discarded::add, Catalog.Dialect.SQLITE, clock));
    assertTrue(c.isClosed() || discarded.contains(c), "the connection is closed or discarded");
    c.close();
  }

  @Test
  void aCommitThatFailsLeavesNothingBehind() throws Exception {
    try (Connection c =
            new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
        Statement s = c.createStatement()) {
      // A real failure at the last step of a commit: stamping the change log.
      s.execute(
          "CREATE TRIGGER refuse BEFORE UPDATE ON changes BEGIN SELECT RAISE(ABORT, 'refused'); END");
    }
    try (CatalogWriter w = catalog.writer()) {
      w.put(Fixtures.collection("c1"));
      assertThrows(CatalogException.class, w::commit);
    }
    assertEquals(List.of(), catalog.collections());
    assertEquals(0, catalog.lastChangeSeq());
  }
}
