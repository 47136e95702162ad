package org.dossier.catalog;

import org.dossier.testing.Postgres;
import org.dossier.testing.SteppingClock;

/** The catalog contract against a real PostgreSQL server (see {@link Postgres}). */
class PostgresCatalogTest extends CatalogContract {
  @Override
  protected Catalog openEmpty(SteppingClock clock) throws Exception {
    return Catalog.open(Postgres.freshDatabaseUrl(), Postgres.USER, "", 4, clock);
  }
}
