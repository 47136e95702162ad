package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The empty catalog the build makes, which a fresh data directory starts from. */
class EmptyCatalogTest {
  @TempDir Path dir;

  @Test
  void theBuiltEmptyCatalogHasEveryBundledMigrationSoAFreshStartSkipsFlyway() throws Exception {
    assertNotNull(EmptyCatalog.class.getResource(EmptyCatalog.RESOURCE), "made at process-classes");
    EmptyCatalog.copyIfNew("jdbc:sqlite:" + dir.resolve("catalog.db"));
    assertTrue(Files.exists(dir.resolve("catalog.db")));
    assertTrue(Files.notExists(dir.resolve("catalog.db.part")));
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + dir.resolve("catalog.db"));
    assertTrue(Migrations.allApplied(source, "db/migration/sqlite"));
    try (Catalog catalog = Catalog.openSqlite(dir, 2)) {
      assertTrue(catalog.isEmpty());
      assertEquals(0, catalog.recordCount());
    }
    // Nothing instance-specific is in the copy every installation shares: no token, user or
    // session, no record, no change.
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      for (String table :
          new String[] {
            "api_tokens",
            "api_audit",
            "users",
            "sessions",
            "records",
            "changes",
            "renditions",
            "projection_state"
          }) {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          assertEquals(0, r.getInt(1), table);
        }
      }
    }
  }

  @Test
  void aCatalogInADataDirectoryNotMadeYetIsTheCopyToo() throws Exception {
    Path data = dir.resolve("new").resolve("data");
    try (Catalog catalog = Catalog.openSqlite(data, 2)) {
      assertTrue(catalog.isEmpty());
    }
    // The copy is the bundled file, byte for byte as far as its schema history goes: the build
    // ran Flyway, not this start.
    byte[] bundled;
    try (var in = EmptyCatalog.class.getResourceAsStream(EmptyCatalog.RESOURCE)) {
      bundled = in.readAllBytes();
    }
    Path copy = Files.write(dir.resolve("bundled.db"), bundled);
    assertEquals(
        history("jdbc:sqlite:" + copy), history("jdbc:sqlite:" + data.resolve("catalog.db")));
  }

  /** Each applied migration with the time Flyway applied it. */
  private static java.util.List<String> history(String url) throws Exception {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl(url);
    java.util.List<String> rows = new java.util.ArrayList<>();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT version, installed_on FROM flyway_schema_history ORDER BY installed_rank")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getString(2));
      }
    }
    assertTrue(rows.size() > 1, rows.toString());
    return rows;
  }

  @Test
  void anExistingCatalogIsNeverReplaced() throws Exception {
    Path file = Files.writeString(dir.resolve("catalog.db"), "not a copy");
    EmptyCatalog.copyIfNew("jdbc:sqlite:" + file);
    assertEquals("not a copy", Files.readString(file));
  }
}
