package org.dossier.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
}
