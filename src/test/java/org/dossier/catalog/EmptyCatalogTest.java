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
  void anExistingCatalogIsNeverReplaced() throws Exception {
    Path file = Files.writeString(dir.resolve("catalog.db"), "not a copy");
    EmptyCatalog.copyIfNew("jdbc:sqlite:" + file);
    assertEquals("not a copy", Files.readString(file));
  }
}
