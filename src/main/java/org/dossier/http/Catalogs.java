package org.dossier.http;

import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;

/**
 * Opens the catalog the settings name: the configured JDBC URL, or the SQLite file in the data
 * directory.
 */
public final class Catalogs {
  private Catalogs() {}

  public static Catalog open(Settings settings) {
    String url = settings.get(Settings.CATALOG_URL);
    int pool = settings.get(Settings.CATALOG_POOL_SIZE);
    long timeout = settings.get(Settings.CATALOG_CONNECT_TIMEOUT_MILLIS);
    if (url.isEmpty()) {
      url = "jdbc:sqlite:" + settings.dataDir().resolve("catalog.db");
      return Catalog.open(url, "", "", pool, timeout);
    }
    Catalog catalog =
        Catalog.open(
            url,
            settings.get(Settings.CATALOG_USER),
            settings.get(Settings.CATALOG_PASSWORD),
            pool,
            timeout);
    String readUrl = settings.get(Settings.CATALOG_READ_URL);
    if (!readUrl.isEmpty()) {
      try {
        catalog.attachReplica(
            readUrl,
            settings.get(Settings.CATALOG_USER),
            settings.get(Settings.CATALOG_PASSWORD),
            pool);
      } catch (RuntimeException e) {
        catalog.close();
        throw e;
      }
    }
    return catalog;
  }
}
