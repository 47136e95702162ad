package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The check that lets a catalog whose schema is current open without starting Flyway. */
class MigrationsTest {
  @TempDir Path dir;

  @Test
  void findsTheBundledMigrationsOfEachDialect() {
    assertTrue(
        Migrations.bundled("db/migration/sqlite").containsAll(java.util.Set.of("1", "2", "3")));
    assertTrue(Migrations.bundled("db/migration/postgresql").contains("1"));
    assertTrue(Migrations.bundled("db/migration/none").isEmpty());
  }

  @Test
  void aSchemaIsCurrentOnlyWhenEveryBundledMigrationWasApplied() throws Exception {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + dir.resolve("catalog.db"));
    assertFalse(Migrations.allApplied(source, "db/migration/sqlite"), "no schema yet");
    Catalog.openSqlite(dir, 2).close();
    assertTrue(Migrations.allApplied(source, "db/migration/sqlite"), "migrated");
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '3'");
    }
    assertFalse(Migrations.allApplied(source, "db/migration/sqlite"), "one missing");
  }
}
