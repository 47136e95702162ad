package org.dossier.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.http.Catalogs;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --config}, taken the same way by every sub-command. */
final class CommonOptions {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: data.dir of the configuration, \"data\").")
  Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (properties); see conf/dossier.properties.")
  Path config;

  /**
   * The settings: defaults, then the file, then DOSSIER_* variables, then these options and {@code
   * extra}.
   */
  Settings settings(Map<String, String> extra) {
    if (config != null && !java.nio.file.Files.isRegularFile(config)) {
      throw new IllegalArgumentException("configuration file " + config + " does not exist");
    }
    Map<String, String> overrides = new HashMap<>(extra);
    if (data != null) {
      overrides.put(Settings.DATA_DIR.key(), data.toString());
    }
    return Settings.load(config, System.getenv(), overrides);
  }

  Settings settings() {
    return settings(Map.of());
  }

  Catalog openCatalog(Settings settings) {
    return Catalogs.open(settings);
  }
}
