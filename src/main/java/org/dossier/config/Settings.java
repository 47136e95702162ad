package org.dossier.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's configuration: every key it knows, with its default, loaded once from (in rising
 * precedence) the defaults below, an optional properties file, {@code DOSSIER_*} environment
 * variables and explicit overrides from the command line. Immutable; passed to whoever needs it.
 */
public final class Settings {

  public static final Setting<String> SERVER_HOST = Setting.text("server.host", "127.0.0.1",
      "Address the HTTP server binds to; 0.0.0.0 listens on every interface.");
  public static final Setting<Integer> SERVER_PORT = Setting.integer("server.port", 8080, 0, 65535,
      "TCP port of the HTTP server; 0 picks a free one.");
  public static final Setting<String> SERVER_BASE_URL = Setting.text("server.base-url", "",
      "Public base URL every absolute link is built from (no trailing slash); empty means http://localhost:{port}.");
  public static final Setting<Integer> SERVER_SHUTDOWN_GRACE_SECONDS = Setting.integer("server.shutdown-grace-seconds", 30, 0, 3600,
      "On SIGTERM, how long requests in flight may take to finish before the server stops anyway.");
  public static final Setting<String> DATA_DIR = Setting.text("data.dir", "data",
      "Data directory: the SQLite catalog, page scans (images/) and derived stores live here.");
  public static final Setting<String> CATALOG_URL = Setting.text("catalog.url", "",
      "JDBC URL of the catalog; empty means a SQLite file {data.dir}/catalog.db. Give jdbc:postgresql://host/db for PostgreSQL.");
  public static final Setting<String> CATALOG_USER = Setting.text("catalog.user", "",
      "Database user for a PostgreSQL catalog.");
  public static final Setting<String> CATALOG_PASSWORD = Setting.text("catalog.password", "",
      "Database password for a PostgreSQL catalog (prefer the DOSSIER_CATALOG_PASSWORD environment variable).");
  public static final Setting<Integer> CATALOG_POOL_SIZE = Setting.integer("catalog.pool-size", 8, 1, 512,
      "Largest number of open database connections.");
  public static final Setting<String> ARCHIVE_NAME = Setting.text("archive.name", "Dossier Sample Archive",
      "The archive's name, shown on pages and in protocol descriptions.");
  public static final Setting<String> ARCHIVE_DEFAULT_RIGHTS = Setting.text("archive.default-rights", "http://rightsstatements.org/vocab/CNE/1.0/",
      "Rights statement URI for records that carry none (default: Copyright Not Evaluated).");
  public static final Setting<Boolean> ARCHIVE_LOAD_SAMPLE = Setting.bool("archive.load-sample", true,
      "Load the bundled sample archive when serve finds an empty catalog.");
  public static final Setting<String> RDF_STORE = Setting.text("rdf.store", "lmdb",
      "Where the RDF projection lives: lmdb or native (in {data.dir}/rdf), memory (rebuilt at each start), sparql or rdf4j (remote, see rdf.store-url).");
  public static final Setting<String> RDF_STORE_URL = Setting.text("rdf.store-url", "",
      "For rdf.store=sparql the SPARQL 1.1 query endpoint; for rdf.store=rdf4j the repository URL (http://host/rdf4j-server/repositories/ID).");
  public static final Setting<String> RDF_UPDATE_URL = Setting.text("rdf.update-url", "",
      "For rdf.store=sparql the SPARQL 1.1 update endpoint; empty means rdf.store-url.");
  public static final Setting<Integer> RDF_POLL_SECONDS = Setting.integer("rdf.poll-seconds", 5, 1, 86400,
      "How often the server looks in the catalog's change log for imports and deletions to project into RDF.");
  public static final Setting<String> RDF_LICENSE = Setting.text("rdf.license", "http://creativecommons.org/publicdomain/zero/1.0/",
      "Licence of the metadata published as linked data (dumps, SPARQL), stated in the VoID description.");
  public static final Setting<Integer> SPARQL_TIMEOUT_SECONDS = Setting.integer("sparql.timeout-seconds", 30, 1, 3600,
      "Longest time a SPARQL query may run before it is stopped and answered with an error.");
  public static final Setting<Integer> SPARQL_MAX_RESULTS = Setting.integer("sparql.max-results", 10000, 1, 10_000_000,
      "Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) one SPARQL answer may hold; larger results are refused with an error.");

  /** Every key, in the order {@code conf/dossier.properties} documents them. */
  public static final List<Setting<?>> ALL = List.of(SERVER_HOST, SERVER_PORT, SERVER_BASE_URL,
      SERVER_SHUTDOWN_GRACE_SECONDS, DATA_DIR, CATALOG_URL, CATALOG_USER, CATALOG_PASSWORD,
      CATALOG_POOL_SIZE, ARCHIVE_NAME, ARCHIVE_DEFAULT_RIGHTS, ARCHIVE_LOAD_SAMPLE,
      RDF_STORE, RDF_STORE_URL, RDF_UPDATE_URL, RDF_POLL_SECONDS, RDF_LICENSE, SPARQL_TIMEOUT_SECONDS, SPARQL_MAX_RESULTS);

  private final Map<String, Object> values;

  private Settings(Map<String, Object> values) {
    this.values = values;
  }

  /** Only the defaults: what a run with no file, no environment and no options gets. */
  public static Settings defaults() {
    return resolve(Map.of());
  }

  /**
   * Loads the configuration.
   *
   * @param file a properties file, or null for none
   * @param environment the process environment (only {@code DOSSIER_*} variables are read)
   * @param overrides values given on the command line, by key
   * @throws IllegalArgumentException for an unreadable file, an unknown key or a bad value
   */
  public static Settings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> texts = new HashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage());
      }
      for (String key : properties.stringPropertyNames()) {
        if (ALL.stream().noneMatch(s -> s.key().equals(key))) {
          throw new IllegalArgumentException(file + ": unknown configuration key '" + key + "'");
        }
        texts.put(key, properties.getProperty(key));
      }
    }
    for (Setting<?> setting : ALL) {
      String fromEnvironment = environment.get(setting.environmentVariable());
      if (fromEnvironment != null) {
        texts.put(setting.key(), fromEnvironment);
      }
    }
    texts.putAll(overrides);
    return resolve(texts);
  }

  private static Settings resolve(Map<String, String> texts) {
    Map<String, Object> values = new HashMap<>();
    for (Setting<?> setting : ALL) {
      values.put(setting.key(), setting.parser().apply(texts.getOrDefault(setting.key(), setting.defaultText())));
    }
    return new Settings(Map.copyOf(values));
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) values.get(setting.key());
  }

  /** A copy with one value replaced, as the command line does for --port and friends. */
  public <T> Settings with(Setting<T> setting, String text) {
    Map<String, Object> copy = new HashMap<>(values);
    copy.put(setting.key(), setting.parser().apply(text));
    return new Settings(Map.copyOf(copy));
  }

  public Path dataDir() {
    return Path.of(get(DATA_DIR));
  }

  /** The public base URL without a trailing slash, given the port the server really listens on. */
  public String baseUrl(int actualPort) {
    String configured = get(SERVER_BASE_URL);
    if (configured.isEmpty()) {
      return "http://localhost:" + actualPort;
    }
    return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
  }
}
