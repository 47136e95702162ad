package org.dossier.cli;

import java.nio.file.Path;
import org.dossier.config.Settings;

/** The names inside a backup file, shared by {@code backup} and {@code restore}. */
final class BackupArchive {
  /** Version of the layout below; restore refuses another. */
  static final String FORMAT = "1";

  /** The manifest (a properties file): version, time, schema version, what the backup holds. */
  static final String MANIFEST = "dossier-backup.properties";

  static final String CATALOG = "catalog.db";

  /** The token secret's file name, in the data directory and in the backup alike. */
  static final String TOKEN_SECRET = "oai-token-secret";

  /** Folder of the backup holding the configuration file given with --config. */
  static final String CONFIG_DIR = "config/";

  /** Folder, in the backup and in the data directory, of the page scans. */
  static final String IMAGES_DIR = "images/";

  /** Where restore puts the configuration file of the backup, in the data directory. */
  static final String RESTORED_CONFIG_DIR = "config-at-backup";

  private BackupArchive() {}

  /** The SQLite file of the configured catalog, or null when the catalog is not SQLite. */
  static Path sqliteFile(Settings settings) {
    String url = settings.get(Settings.CATALOG_URL);
    if (url.isEmpty()) {
      return settings.dataDir().resolve(CATALOG);
    }
    if (url.startsWith("jdbc:sqlite:")) {
      String file = url.substring("jdbc:sqlite:".length());
      int query = file.indexOf('?');
      return Path.of(query < 0 ? file : file.substring(0, query));
    }
    return null;
  }
}
