package org.dossier.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dossier.config.Settings;
import org.dossier.http.DossierServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    description = {
      "Start the server.",
      "Demo mode: with the embedded SQLite catalog and a new (missing or empty) data directory, the"
          + " bundled sample archive is loaded first (archive.load-sample=false turns that off)."
          + " Otherwise (production mode) nothing is loaded unasked, not even into an empty"
          + " PostgreSQL catalog."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port (default: server.port, 8080; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Public base URL for absolute links (default: http://localhost:{port}).")
  String baseUrl;

  @Option(
      names = "--sample",
      description =
          "Load the bundled sample archive into the catalog if it is empty, whatever the catalog"
              + " and data directory (and archive.load-sample).")
  boolean sample;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new HashMap<>();
    if (port != null) {
      overrides.put(Settings.SERVER_PORT.key(), port.toString());
    }
    if (baseUrl != null) {
      if (!baseUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
        throw new IllegalArgumentException(
            "--base-url must be an http(s) URL without query, such as https://archive.example.org");
      }
      overrides.put(Settings.SERVER_BASE_URL.key(), baseUrl);
    }
    Settings settings = common.settings(overrides);
    DossierServer server;
    try {
      server = DossierServer.start(settings, sample);
    } catch (DossierServer.ServerStartException e) {
      System.err.println("dossier: " + e.getMessage());
      return Main.ENVIRONMENT;
    }
    // SIGTERM and Ctrl-C: let requests in flight finish, then close the catalog cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.err.println(
        "Dossier is ready at "
            + server.baseUrl()
            + "/ (data: "
            + settings.dataDir().toAbsolutePath()
            + ")");
    server.join();
    return 0;
  }
}
