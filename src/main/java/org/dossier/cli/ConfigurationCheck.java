package org.dossier.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.catalog.CatalogException;
import org.dossier.catalog.CatalogProbe;
import org.dossier.catalog.ClusterNodes;
import org.dossier.catalog.SqliteFiles;
import org.dossier.config.Settings;
import org.dossier.http.ClusterSettings;
import org.dossier.rdf.RdfStore;
import org.dossier.urls.Urls;

/**
 * What {@code dossier check} looks at: every problem of a configuration that would stop a server or
 * make it misbehave, found without starting one and without writing anything but a probe file that
 * is deleted at once.
 */
final class ConfigurationCheck {
  /** How long the catalog may take to answer. */
  static final int CATALOG_TIMEOUT_SECONDS = 5;

  /** Shortest explicit OAI token secret accepted: it is an HMAC key. */
  static final int MIN_SECRET_LENGTH = 16;

  private static final Pattern POSTGRES_URL =
      Pattern.compile("jdbc:postgresql://(\\[[^\\]]*\\]|[^/:?]*)(?::([0-9]*))?(/.*)?");

  private ConfigurationCheck() {}

  /**
   * Checks the configuration made of a file (or null), the environment and command-line values, as
   * serve would load it.
   *
   * @param info where what was found is described, for a configuration without problems
   * @return every problem found; empty when the configuration is fine
   */
  static List<String> run(
      Path file, Map<String, String> environment, Map<String, String> overrides, PrintStream info) {
    List<String> problems = new ArrayList<>();
    if (file != null && !Files.isRegularFile(file)) {
      problems.add("configuration file " + file + " does not exist");
      file = null;
    }
    Settings.Checked checked = Settings.check(file, environment, overrides);
    problems.addAll(checked.problems());
    Settings settings = checked.settings();

    String base = settings.get(Settings.SERVER_BASE_URL);
    if (!base.isEmpty()) {
      String problem = httpUrlProblem(base);
      if (problem == null && base.endsWith("/")) {
        problem = "must not end with a slash";
      }
      if (problem == null) {
        try {
          new Urls(base);
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
      if (problem != null) {
        problems.add(
            "server.base-url: '"
                + base
                + "' "
                + problem
                + " (give an absolute http or https URL such as https://archive.example.org)");
      }
    }

    Path data = settings.dataDir();
    String dataProblem = writableDirectoryProblem(data);
    if (dataProblem != null) {
      problems.add("data.dir: " + data + " " + dataProblem);
    } else {
      info.println("data directory: " + data.toAbsolutePath() + " (writable)");
    }
    tokenSecret(settings, problems);
    catalog(settings, dataProblem == null, problems, info);
    rdfStore(settings, problems);
    return problems;
  }

  private static void catalog(
      Settings settings, boolean dataWritable, List<String> problems, PrintStream info) {
    String url = settings.get(Settings.CATALOG_URL);
    if (url.isEmpty() || url.startsWith("jdbc:sqlite:")) {
      Path file = BackupArchive.sqliteFile(settings);
      if (!url.isEmpty()) {
        Path dir = file.toAbsolutePath().getParent();
        String problem = writableDirectoryProblem(dir);
        if (problem != null) {
          problems.add("catalog.url: the folder of " + file + ", " + dir + ", " + problem);
          return;
        }
      } else if (!dataWritable) {
        return; // said above
      }
      if (!Files.exists(file)) {
        info.println("catalog: " + file + " (created at the first start)");
        return;
      }
      try {
        SqliteFiles.Facts facts = SqliteFiles.facts(file);
        info.println(
            "catalog: "
                + file
                + " (schema version "
                + facts.schemaVersion()
                + ", "
                + facts.records()
                + " records)");
      } catch (CatalogException e) {
        problems.add("catalog: " + e.getMessage());
      }
      return;
    }
    Matcher m = POSTGRES_URL.matcher(url);
    if (!m.matches()) {
      problems.add(
          "catalog.url: '"
              + url.replaceAll("(?i)(password=)[^&;]*", "$1***")
              + "' is neither jdbc:sqlite:FILE nor jdbc:postgresql://HOST[:PORT]/DATABASE");
      return;
    }
    if (m.group(2) != null && !portInRange(m.group(2))) {
      problems.add("catalog.url: port '" + m.group(2) + "' is outside 1..65535");
      return;
    }
    if (tokenSecretOrEmpty(settings).isEmpty()) {
      problems.add(
          "oai.token-secret: a PostgreSQL catalog may be shared by several servers, so the"
              + " resumption-token secret must be configured (oai.token-secret or"
              + " DOSSIER_OAI_TOKEN_SECRET, or a file named by oai.token-secret-file), the same on every one, rather than made at random by"
              + " each; generate one with: openssl rand -hex 32");
    }
    if (settings.get(Settings.SERVER_BASE_URL).isEmpty()) {
      problems.add(
          "server.base-url: a PostgreSQL catalog may be shared by several nodes behind one"
              + " address, so give that public address (the same on every node) rather than each"
              + " node's own http://localhost:PORT");
    }
    String password = settings.get(Settings.CATALOG_PASSWORD);
    int port = settings.get(Settings.SERVER_PORT);
    CatalogProbe.ClusterQuestion cluster =
        new CatalogProbe.ClusterQuestion(
            ClusterSettings.nodeName(settings, port),
            ClusterSettings.of(settings, settings.baseUrl(port)),
            settings.get(Settings.CLUSTER_NODE_TIMEOUT_SECONDS),
            new ArrayList<>());
    CatalogProbe.Answer answer =
        CatalogProbe.postgres(
            url, settings.get(Settings.CATALOG_USER), password, CATALOG_TIMEOUT_SECONDS, cluster);
    for (ClusterNodes.Difference d : cluster.differences()) {
      problems.add(d.describe());
    }
    String shown = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    if (!answer.reachable()) {
      String hint =
          password.isEmpty() && answer.detail().toLowerCase(Locale.ROOT).contains("password")
              ? " (set catalog.password, better as DOSSIER_CATALOG_PASSWORD)"
              : "";
      problems.add(
          "catalog.url: cannot reach "
              + shown
              + " within "
              + CATALOG_TIMEOUT_SECONDS
              + " s: "
              + answer.detail()
              + hint);
    } else {
      info.println("catalog: " + shown + " (" + answer.detail() + ")");
    }
  }

  private static String tokenSecretOrEmpty(Settings settings) {
    try {
      return settings.tokenSecret();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static void tokenSecret(Settings settings, List<String> problems) {
    String secret;
    try {
      secret = settings.tokenSecret();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return;
    }
    if (!secret.isEmpty()) {
      if (secret.length() < MIN_SECRET_LENGTH) {
        problems.add(
            "oai.token-secret: "
                + secret.length()
                + " characters are too few for a signing key; give at least "
                + MIN_SECRET_LENGTH
                + " (openssl rand -hex 32 makes one)");
      }
      return;
    }
    Path file = settings.dataDir().resolve(BackupArchive.TOKEN_SECRET);
    if (Files.exists(file)) {
      try {
        HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
      } catch (IOException | IllegalArgumentException e) {
        problems.add(
            "oai.token-secret: "
                + file
                + " does not hold a readable hexadecimal secret; delete it to have a new one made ("
                + e.getMessage()
                + ")");
      }
    }
  }

  private static void rdfStore(Settings settings, List<String> problems) {
    String store = settings.get(Settings.RDF_STORE);
    RdfStore.Kind kind = null;
    for (RdfStore.Kind k : RdfStore.Kind.values()) {
      if (k.name().equalsIgnoreCase(store.strip())) {
        kind = k;
      }
    }
    if (kind == null) {
      problems.add("rdf.store: '" + store + "' is not one of lmdb, native, memory, sparql, rdf4j");
      return;
    }
    if (kind == RdfStore.Kind.SPARQL || kind == RdfStore.Kind.RDF4J) {
      String url = settings.get(Settings.RDF_STORE_URL);
      String problem = url.isEmpty() ? "is needed by rdf.store=" + store : httpUrlProblem(url);
      if (problem != null) {
        problems.add("rdf.store-url: '" + url + "' " + problem);
      }
    }
    String update = settings.get(Settings.RDF_UPDATE_URL);
    if (!update.isEmpty() && httpUrlProblem(update) != null) {
      problems.add("rdf.update-url: '" + update + "' " + httpUrlProblem(update));
    }
  }

  /** Why a text is not an absolute http(s) URL without query and fragment, or null. */
  static String httpUrlProblem(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return "is not a URL (" + e.getReason() + ")";
    }
    if (!uri.isAbsolute()
        || !("http".equalsIgnoreCase(uri.getScheme())
            || "https".equalsIgnoreCase(uri.getScheme()))) {
      return "is not an absolute http or https URL";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "names no host";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not hold a user name or password";
    }
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      return "has a port outside 1..65535";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "must have no query (?) or fragment (#)";
    }
    return null;
  }

  private static boolean portInRange(String text) {
    try {
      int port = Integer.parseInt(text);
      return port >= 1 && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Why a directory (or the one that would be created there) cannot be written, or null: the
   * nearest existing folder on its path must be a directory in which a file can really be created
   * (permission bits alone say nothing for root).
   */
  static String writableDirectoryProblem(Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return "cannot be created: no part of its path exists";
    }
    if (!Files.isDirectory(existing)) {
      return "cannot be created: " + existing + " is not a directory";
    }
    try {
      Files.delete(Files.createTempFile(existing, ".dossier-check-", ".tmp"));
    } catch (IOException e) {
      return "is not writable (" + existing + ": " + e + ")";
    }
    return null;
  }
}
