package org.dossier.catalog;

import static org.dossier.testing.Fixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.dossier.testing.Postgres;
import org.dossier.testing.SteppingClock;

/** The catalog contract against a real PostgreSQL server (see {@link Postgres}). */
class PostgresCatalogTest extends CatalogContract {
  private String url;

  @Override
  protected Catalog openEmpty(SteppingClock clock) throws Exception {
    url = Postgres.freshDatabaseUrl();
    return Catalog.open(url, Postgres.USER, "", 4, clock);
  }

  @Override
  protected Catalog openWithASmallImpatientPool() {
    // The server's lock_timeout, passed as a connection option: a writer's LOCK TABLE gives up.
    String impatient = url + (url.contains("?") ? "&" : "?") + "options=-c%20lock_timeout%3D200";
    return Catalog.open(impatient, Postgres.USER, "", SMALL_POOL, clock);
  }

  @Override
  protected Connection holdTheWriteLock() throws Exception {
    Connection c = DriverManager.getConnection(url, Postgres.USER, "");
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE changes IN EXCLUSIVE MODE"); // the lock every writer takes first
    }
    return c;
  }

  /**
   * The members of a changed collection whose renditions are rendered again are found by an
   * anti-join: the NOT IN it replaced ran as a subplan scanned once per member whenever the changes
   * did not fit in work_mem, which a million of them do not.
   */
  @org.junit.jupiter.api.Test
  void membersUnchangedSinceIsAJoinEvenWhenTheChangesDoNotFitInWorkMem() throws Exception {
    try (Connection c = DriverManager.getConnection(url, Postgres.USER, "");
        Statement s = c.createStatement()) {
      s.execute("SET work_mem = '64kB'");
      StringBuilder plan = new StringBuilder();
      try (ResultSet r =
          s.executeQuery(
              "EXPLAIN "
                  + Renditions.MEMBERS_UNCHANGED_SINCE
                      .replaceFirst("\\?", "0")
                      .replaceFirst("\\?", "'c1'"))) {
        while (r.next()) {
          plan.append(r.getString(1)).append('\n');
        }
      }
      assertFalse(plan.toString().contains("SubPlan"), plan.toString());
      assertTrue(plan.toString().contains("Join"), plan.toString());
    }
  }

  /**
   * A rendition longer than PostgreSQL's TOAST threshold (about 2 kB) is kept as it is, so that a
   * ListRecords page does not decompress a hundred of them: PostgreSQL compressed such a row's xml
   * with pglz before V8.
   */
  @org.junit.jupiter.api.Test
  void aRenditionOfSomeKilobytesIsStoredUncompressed() throws Exception {
    try (CatalogWriter w = catalog.writer()) {
      w.put(record("a").build());
      w.commit();
    }
    Renditions store = catalog.renditions();
    store.restart("p", "x");
    Renditions.Source source = store.sources(List.of("a")).get(0);
    byte[] xml =
        "<record>words of a summary </record>".repeat(120).getBytes(StandardCharsets.UTF_8);
    store.write(
        "p",
        1,
        List.of(
            new Renditions.Rendition(
                "a", "oai_dc", source.contentHash(), source.record().datestamp(), xml, xml)),
        catalog.lastChangeSeq(),
        catalog.lastChangeSeq());
    try (Connection c = DriverManager.getConnection(url, Postgres.USER, "");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pg_column_compression(xml), pg_column_size(xml), octet_length(xml)"
                    + " FROM renditions")) {
      r.next();
      assertNull(r.getString(1), "compressed with " + r.getString(1));
      assertEquals(xml.length, r.getInt(3));
      assertEquals(r.getInt(3), r.getInt(2), "stored at its own size");
    }
  }
}
