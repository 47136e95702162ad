package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.dossier.testing.Postgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A catalog written before the change log was numbered for the activity streams (migration V3) gets
 * positions without gaps (where PostgreSQL's sequence left some), Create told from Update from each
 * entity's previous entry, and collection streams from its records' memberships as they are.
 */
class StreamMigrationTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anOlderChangeLogIsNumberedAndToldCreateFromUpdate(String dialect) throws Exception {
    String url =
        dialect.equals("sqlite")
            ? "jdbc:sqlite:" + dir.resolve("catalog.db")
            : Postgres.freshDatabaseUrl();
    String user = dialect.equals("sqlite") ? "" : Postgres.USER;
    Flyway.configure()
        .dataSource(url, user, "")
        .locations("classpath:db/migration/" + dialect.toLowerCase(Locale.ROOT))
        .target("2")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO collections (id, title, content_hash, datestamp) VALUES ('c1', 'C', 'h', 10)");
      for (String id : List.of("a", "b")) {
        s.execute(
            "INSERT INTO records (id, title, body, content_hash, datestamp, deleted) VALUES ('"
                + id
                + "', 't', '{}', 'h', 10, 0)");
      }
      s.execute("INSERT INTO memberships (collection_id, record_id) VALUES ('c1', 'a')");
      String insert =
          dialect.equals("sqlite")
              ? "INSERT INTO changes (seq, entity, entity_id, operation, datestamp) VALUES "
              : "INSERT INTO changes (seq, entity, entity_id, operation, datestamp) OVERRIDING SYSTEM VALUE VALUES ";
      // seq 3 and 6 are missing, as a rolled-back import leaves them on PostgreSQL.
      s.execute(
          insert
              + "(1, 'collection', 'c1', 'upsert', 10), (2, 'record', 'a', 'upsert', 10),"
              + " (4, 'record', 'b', 'upsert', 11), (5, 'record', 'a', 'upsert', 12),"
              + " (7, 'record', 'b', 'delete', 13), (8, 'record', 'b', 'upsert', 14)");
      if (dialect.equals("postgresql")) {
        s.execute("SELECT setval(pg_get_serial_sequence('changes', 'seq'), 8)");
      }
    }
    try (Catalog catalog = Catalog.open(url, user, "", 2)) {
      List<StreamEntry> all = catalog.stream(0, 100);
      assertEquals(
          List.of(1L, 2L, 3L, 4L, 5L, 6L), all.stream().map(StreamEntry::position).toList());
      assertEquals(
          List.of("CREATED c1", "CREATED a", "CREATED b", "UPDATED a", "DELETED b", "CREATED b"),
          all.stream().map(e -> e.kind() + " " + e.id()).toList());
      assertEquals(
          List.of("CREATED c1", "CREATED a", "UPDATED a"),
          catalog.collectionStream("c1", 0, 100).stream()
              .map(e -> e.kind() + " " + e.id())
              .toList());
      // The next writer continues both numberings.
      try (CatalogWriter w = catalog.writer()) {
        w.put(org.dossier.testing.Fixtures.record("z").in("c1").build());
        w.commit();
      }
      assertEquals(7, catalog.streamSize());
      assertEquals(4, catalog.collectionStreamSize("c1"));
    }
  }
}
