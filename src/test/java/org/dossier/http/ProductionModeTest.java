package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.dossier.config.Settings;
import org.dossier.sample.SampleArchive;
import org.dossier.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demo mode and production mode: the sample archive goes only into the embedded catalog of a new
 * data directory, or wherever {@code serve --sample} asks; never unasked into an empty PostgreSQL
 * catalog or a data directory that held anything. Each case is a real server on a real port, and
 * what it holds is asked over OAI-PMH.
 */
class ProductionModeTest {
  private static final int SAMPLE_RECORDS =
      (int)
          SampleArchive.items().stream()
              .filter(i -> !"collection".equals(i.path("kind").asString("")))
              .count();

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  private static DossierServer start(Path data, boolean sample, Map<String, String> extra) {
    Map<String, String> s = new HashMap<>(extra);
    s.put(Settings.SERVER_PORT.key(), "0");
    s.put(Settings.SERVER_HOST.key(), "127.0.0.1");
    s.put(Settings.DATA_DIR.key(), data.toString());
    s.put(Settings.PROJECTION_STARTUP.key(), "catch-up");
    return DossierServer.start(Settings.load(null, Map.of(), s), sample);
  }

  /** How many records (tombstones included) a full ListIdentifiers harvest of the server finds. */
  private int harvested(DossierServer server) throws Exception {
    int n = 0;
    String query = "verb=ListIdentifiers&metadataPrefix=oai_dc";
    while (true) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/oai?" + query))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      if (r.body().contains("noRecordsMatch")) {
        return n;
      }
      n += r.body().split("<header", -1).length - 1;
      java.util.regex.Matcher token =
          java.util.regex.Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>")
              .matcher(r.body());
      if (!token.find()) {
        return n;
      }
      query = "verb=ListIdentifiers&resumptionToken=" + token.group(1);
    }
  }

  @Test
  void aNewSqliteDataDirectoryGetsTheSample() throws Exception {
    try (DossierServer server = start(dir.resolve("new"), false, Map.of())) {
      assertEquals(SAMPLE_RECORDS, harvested(server));
    }
  }

  @Test
  void anEmptyExistingDirectoryCountsAsNew() throws Exception {
    Path data = Files.createDirectory(dir.resolve("empty"));
    try (DossierServer server = start(data, false, Map.of())) {
      assertEquals(SAMPLE_RECORDS, harvested(server));
    }
  }

  @Test
  void aDirectoryHoldingOnlyTheServersLogCountsAsNew() throws Exception {
    Path data = Files.createDirectory(dir.resolve("logged"));
    Files.writeString(data.resolve("server.log"), "started by a script that logs here\n");
    try (DossierServer server = start(data, false, Map.of())) {
      assertEquals(SAMPLE_RECORDS, harvested(server));
    }
  }

  @Test
  void anEmptiedDataDirectoryDoesNotGetTheSampleAgain() throws Exception {
    Path data = dir.resolve("data");
    try (DossierServer server = start(data, false, Map.of())) {
      assertEquals(SAMPLE_RECORDS, harvested(server));
    }
    // The catalog is removed; the OCR files, indexes and secret stay behind.
    try (Stream<Path> files = Files.list(data)) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("catalog.db")).toList()) {
        Files.delete(f);
      }
    }
    assertTrue(Files.exists(data.resolve("ocr")), "the data directory still holds files");
    try (DossierServer server = start(data, false, Map.of())) {
      assertTrue(server.catalog().isEmpty());
      assertEquals(0, harvested(server));
    }
  }

  @Test
  void loadSampleFalseTurnsDemoModeOff() throws Exception {
    try (DossierServer server =
        start(dir.resolve("new"), false, Map.of(Settings.ARCHIVE_LOAD_SAMPLE.key(), "false"))) {
      assertEquals(0, harvested(server));
    }
  }

  @Test
  void anEmptyPostgresCatalogGetsNoSampleUnasked() throws Exception {
    Map<String, String> pg =
        Map.of(
            Settings.CATALOG_URL.key(),
            Postgres.freshDatabaseUrl(),
            Settings.CATALOG_USER.key(),
            Postgres.USER);
    // Even with a new data directory and archive.load-sample=true (the default).
    try (DossierServer server = start(dir.resolve("new"), false, pg)) {
      assertTrue(server.catalog().isEmpty());
      assertEquals(0, harvested(server));
    }
  }

  @Test
  void sampleFlagLoadsTheSampleIntoAnEmptyPostgresCatalog() throws Exception {
    Path data = Files.createDirectories(dir.resolve("existing"));
    Files.writeString(data.resolve("something"), "not new");
    Map<String, String> pg =
        Map.of(
            Settings.CATALOG_URL.key(),
            Postgres.freshDatabaseUrl(),
            Settings.CATALOG_USER.key(),
            Postgres.USER,
            Settings.ARCHIVE_LOAD_SAMPLE.key(),
            "false");
    try (DossierServer server = start(data, true, pg)) {
      assertEquals(SAMPLE_RECORDS, harvested(server));
    }
  }
}
