package org.dossier.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dossier.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "check",
    description = {
      "Check a configuration as serve would load it (--config, --data, DOSSIER_* variables, --port,"
          + " --base-url) and list every problem: bad or unknown settings, a malformed base URL, a"
          + " data directory that cannot be written, a catalog that does not answer within "
          + ConfigurationCheck.CATALOG_TIMEOUT_SECONDS
          + " s, a missing secret.",
      "Prints \"configuration OK\" and exits 0, or lists the problems and exits 1."
    })
final class CheckCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--port", paramLabel = "N", description = "As serve --port.")
  String port;

  @Option(names = "--base-url", paramLabel = "URL", description = "As serve --base-url.")
  String baseUrl;

  @Override
  public Integer call() {
    Map<String, String> overrides = new HashMap<>();
    if (port != null) {
      overrides.put(Settings.SERVER_PORT.key(), port);
    }
    if (baseUrl != null) {
      overrides.put(Settings.SERVER_BASE_URL.key(), baseUrl);
    }
    if (common.data != null) {
      overrides.put(Settings.DATA_DIR.key(), common.data.toString());
    }
    List<String> problems =
        ConfigurationCheck.run(common.config, System.getenv(), overrides, System.out);
    if (problems.isEmpty()) {
      System.out.println("configuration OK");
      return 0;
    }
    for (String problem : problems) {
      System.out.println("problem: " + problem);
    }
    System.out.println(problems.size() + " problem(s) found");
    return Main.INVALID_INPUT;
  }
}
