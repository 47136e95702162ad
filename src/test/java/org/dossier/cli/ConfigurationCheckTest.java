package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.ClusterNodes;
import org.dossier.config.Settings;
import org.dossier.http.ClusterSettings;
import org.dossier.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dossier check} on real configuration files, real directories and real databases: each kind
 * of bad configuration is reported, all of them at once, and a sound one passes.
 */
class ConfigurationCheckTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream info = new ByteArrayOutputStream();

  private List<String> check(String properties, Map<String, String> environment) throws Exception {
    Path file = dir.resolve("dossier-" + System.nanoTime() + ".properties");
    Files.writeString(file, properties);
    return ConfigurationCheck.run(
        file, environment, Map.of(), new PrintStream(info, true, StandardCharsets.UTF_8));
  }

  private String data() {
    return "data.dir=" + dir.resolve("data") + "\n";
  }

  private static void assertHas(List<String> problems, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(
          problems.stream().anyMatch(p -> p.contains(fragment)),
          "a problem mentioning '" + fragment + "' in " + problems);
    }
  }

  @Test
  void aSoundConfigurationHasNoProblem() throws Exception {
    assertEquals(
        List.of(), check(data() + "server.base-url=https://archive.example.org\n", Map.of()));
    assertTrue(info.toString(StandardCharsets.UTF_8).contains("created at the first start"));
    // An existing catalog is looked at without being changed.
    try (Catalog c = Catalog.openSqlite(dir.resolve("data"), 1)) {
      assertTrue(c.isEmpty());
    }
    assertEquals(List.of(), check(data(), Map.of()));
    assertTrue(
        info.toString(StandardCharsets.UTF_8).matches("(?s).*schema version [0-9]+.*"),
        info.toString());
  }

  @Test
  void everyBadSettingIsListedNotOnlyTheFirst() throws Exception {
    List<String> problems =
        check(
            data()
                + "server.port=70000\n"
                + "server.max-threads=many\n"
                + "archive.load-sample=perhaps\n"
                + "oai.admin-email=nobody\n"
                + "no.such.key=1\n"
                + "rdf.poll-seconds=5\n"
                + "rdf.store=berkeley\n",
            Map.of("DOSSIER_OAI_PAGE_SIZE", "0"));
    assertHas(
        problems,
        "server.port: 70000 is outside 0..65535",
        "server.max-threads: 'many' is not a whole number",
        "archive.load-sample: 'perhaps'",
        "oai.admin-email",
        "unknown configuration key 'no.such.key'",
        "'rdf.poll-seconds' was replaced",
        "rdf.store: 'berkeley'",
        "environment variable DOSSIER_OAI_PAGE_SIZE: oai.page-size: 0 is outside");
    assertEquals(8, problems.size(), problems.toString());
  }

  @Test
  void aMissingConfigurationFileIsAProblem() {
    List<String> problems =
        ConfigurationCheck.run(
            dir.resolve("absent.properties"), Map.of(), Map.of(), new PrintStream(info));
    assertHas(problems, "absent.properties does not exist");
  }

  @Test
  void malformedBaseUrlsAreRefused() throws Exception {
    for (String bad :
        List.of(
            "archive.example.org",
            "/archive",
            "ftp://archive.example.org",
            "https://archive.example.org/",
            "https://archive.example.org/dossier/",
            "https://archive.example.org/?lang=en",
            "https://archive.example.org/archive#top",
            "http:///archive",
            "https://archive.example.org:99999",
            "https://user:pw@archive.example.org",
            "https://archive example.org")) {
      List<String> problems = check(data() + "server.base-url=" + bad + "\n", Map.of());
      assertEquals(1, problems.size(), bad + ": " + problems);
      assertHas(problems, "server.base-url: '" + bad + "'");
    }
    for (String good :
        List.of("http://localhost:8080", "https://archive.example.org/dossier", "")) {
      assertEquals(List.of(), check(data() + "server.base-url=" + good + "\n", Map.of()), good);
    }
  }

  /**
   * A data directory under a regular file can be written by nobody, root included (permission bits
   * do not stop root, so they would prove nothing when the tests run as root).
   */
  @Test
  void aDataDirectoryThatCannotBeWrittenIsAProblem() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    List<String> problems = check("data.dir=" + file.resolve("data") + "\n", Map.of());
    assertHas(problems, "data.dir: " + file.resolve("data") + " cannot be created");
    problems = check("data.dir=" + file + "\n", Map.of());
    assertHas(problems, "data.dir: " + file);
    problems =
        check(data() + "catalog.url=jdbc:sqlite:" + file.resolve("catalog.db") + "\n", Map.of());
    assertHas(problems, "catalog.url: the folder of");
  }

  @Test
  void aDamagedCatalogOrTokenSecretIsAProblem() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("catalog.db"), "this is not a database, only text long enough");
    Files.writeString(data.resolve("oai-token-secret"), "not hex\n");
    List<String> problems = check(data(), Map.of());
    assertHas(problems, "catalog: ", "oai-token-secret does not hold");
    assertEquals(2, problems.size(), problems.toString());
  }

  @Test
  void anUnreachablePostgresCatalogIsAProblem() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort(); // nothing listens there once closed
    }
    long t0 = System.nanoTime();
    List<String> problems =
        check(
            data()
                + "catalog.url=jdbc:postgresql://127.0.0.1:"
                + closed
                + "/dossier\noai.token-secret=0123456789abcdef0123\n"
                + "server.base-url=https://archive.example.org\n",
            Map.of());
    assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "answered within the short timeout");
    assertHas(problems, "catalog.url: cannot reach jdbc:postgresql://127.0.0.1:" + closed);
    assertEquals(1, problems.size(), problems.toString());

    problems = check(data() + "catalog.url=jdbc:postgresql://127.0.0.1:70000/db\n", Map.of());
    assertHas(problems, "port '70000' is outside 1..65535");
    problems = check(data() + "catalog.url=jdbc:mysql://127.0.0.1/db\n", Map.of());
    assertHas(problems, "is neither jdbc:sqlite:FILE nor jdbc:postgresql");
  }

  @Test
  void aPostgresCatalogNeedsAnExplicitTokenSecret() throws Exception {
    String url = Postgres.freshDatabaseUrl();
    String pg =
        data()
            + "catalog.url="
            + url
            + "\ncatalog.user="
            + Postgres.USER
            + "\nserver.base-url=https://archive.example.org\n";
    List<String> problems = check(pg, Map.of());
    assertHas(problems, "oai.token-secret: a PostgreSQL catalog");
    assertEquals(1, problems.size(), problems.toString());
    assertHas(check(pg + "oai.token-secret=short\n", Map.of()), "too few");
    assertEquals(
        List.of(),
        check(
            pg, Map.of("DOSSIER_OAI_TOKEN_SECRET", "a-long-enough-shared-secret-for-every-node")));
    assertTrue(
        info.toString(StandardCharsets.UTF_8).contains("an empty database"), info.toString());
  }

  @Test
  void theTokenSecretMayComeFromAFileThatEveryNodeMounts() throws Exception {
    String url = Postgres.freshDatabaseUrl();
    String pg =
        data()
            + "catalog.url="
            + url
            + "\ncatalog.user="
            + Postgres.USER
            + "\nserver.base-url=https://archive.example.org\n";
    Path secret = Files.writeString(dir.resolve("secret"), "  a-secret-mounted-on-every-node\n");
    assertEquals(List.of(), check(pg + "oai.token-secret-file=" + secret + "\n", Map.of()));
    List<String> problems =
        check(pg + "oai.token-secret-file=" + dir.resolve("missing") + "\n", Map.of());
    assertHas(problems, "oai.token-secret-file: cannot read");
  }

  @Test
  void aPostgresCatalogNeedsTheSharedBaseUrlAndSettingsThatRunningNodesHave() throws Exception {
    String url = Postgres.freshDatabaseUrl();
    String pg =
        data()
            + "catalog.url="
            + url
            + "\ncatalog.user="
            + Postgres.USER
            + "\noai.token-secret=a-long-enough-shared-secret-for-every-node\n";
    assertHas(check(pg, Map.of()), "server.base-url: a PostgreSQL catalog may be shared");
    String node = pg + "server.base-url=https://archive.example.org\n";
    assertEquals(List.of(), check(node, Map.of()));
    // A node runs with another repository identifier and another secret.
    try (Catalog catalog = Catalog.open(url, Postgres.USER, "", 2)) {
      Settings running =
          Settings.load(
              null,
              Map.of(),
              Map.of(
                  "oai.repository-identifier", "other.example.org",
                  "oai.token-secret", "another-secret-of-enough-length",
                  "data.dir", dir.resolve("other").toString()));
      ClusterNodes.register(
          catalog, "node-b", ClusterSettings.of(running, "https://archive.example.org"), 60);
    }
    List<String> problems = check(node, Map.of());
    assertHas(problems, "oai.repository-identifier: ");
    assertHas(problems, "on node node-b");
    assertHas(problems, "oai.token-secret: sha256:");
    assertEquals(2, problems.size(), problems.toString());
  }

  @Test
  void theCommandPrintsOkOrExitsNonZero() throws Exception {
    Path ok = Files.writeString(dir.resolve("ok.properties"), data());
    assertEquals(0, Main.run("check", "--config", ok.toString()));
    assertEquals(
        Main.INVALID_INPUT,
        Main.run("check", "--config", ok.toString(), "--base-url", "https://example.org/"));
    assertEquals(Main.INVALID_INPUT, Main.run("check", "--config", ok.toString(), "--port", "-1"));
    assertEquals(
        Settings.defaults().get(Settings.SERVER_PORT), Integer.valueOf(8080), "defaults intact");
  }
}
