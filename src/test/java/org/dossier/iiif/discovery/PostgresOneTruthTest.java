package org.dossier.iiif.discovery;

import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.Postgres;
import org.dossier.testing.TestServer;

/** {@link OneTruthContract} on a PostgreSQL catalog (see {@link Postgres}). */
class PostgresOneTruthTest extends OneTruthContract {
  @Override
  protected TestServer start() throws Exception {
    return TestServer.start(
        SqliteOneTruthTest.settings(
            Map.of(
                Settings.CATALOG_URL.key(),
                Postgres.freshDatabaseUrl(),
                Settings.CATALOG_USER.key(),
                Postgres.USER)));
  }
}
