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
    if (url.isEmpty()) {
      return Catalog.openSqlite(settings.dataDir(), pool);
    }
    return Catalog.open(
        url, settings.get(Settings.CATALOG_USER), settings.get(Settings.CATALOG_PASSWORD), pool);
  }
}
