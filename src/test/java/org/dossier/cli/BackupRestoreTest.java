package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.SqliteFiles;
import org.dossier.config.Settings;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dossier backup} and {@code dossier restore} on real SQLite files and real servers: a
 * backup taken while an import writes holds whole transactions only, and a restored server answers
 * an OAI-PMH harvest as the original did, resumption tokens included.
 */
class BackupRestoreTest {
  private static final int BATCHES = 150;
  private static final int PER_BATCH = 40;

  @TempDir Path dir;

  /**
   * One import transaction per batch, each a collection and its records, written by another thread
   * while backups are taken: every backup must hold each batch whole or not at all, a change-log
   * entry for each record and collection it holds and none for one it lacks, and pass SQLite's
   * integrity check.
   */
  @Test
  void aBackupTakenWhileAnImportWritesHoldsWholeTransactionsOnly() throws Exception {
    Path data = dir.resolve("data");
    AtomicInteger committed = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Path> backups = new ArrayList<>();
    try (Catalog catalog = Catalog.openSqlite(data, 4)) {
      Importer importer =
          new Importer(
              catalog,
              data.resolve("images"),
              Settings.ARCHIVE_DEFAULT_RIGHTS.defaultText(),
              new PrintStream(OutputStream.nullOutputStream()));
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int b = 0; b < BATCHES; b++) {
                    ImportReport report = importer.importItems("batch " + b, batch(b), false);
                    if (!report.ok()) {
                      throw new AssertionError("batch " + b + " was refused");
                    }
                    committed.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "import");
      writer.start();
      while (committed.get() == 0 && writer.isAlive()) {
        Thread.sleep(5);
      }
      int n = 0;
      while (writer.isAlive() || n == 0) {
        Path out = dir.resolve("backup-" + (++n) + ".zip");
        assertEquals(0, Main.run("backup", "--data", data.toString(), "--out", out.toString()));
        backups.add(out);
      }
      writer.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("the import failed", failure.get());
    }
    boolean sawPartialImport = false;
    for (Path backup : backups) {
      Path db = dir.resolve(backup.getFileName() + ".db");
      try (ZipFile zip = new ZipFile(backup.toFile())) {
        Files.copy(zip.getInputStream(zip.getEntry("catalog.db")), db);
      }
      assertEquals("ok", SqliteFiles.integrityCheck(db), backup.toString());
      int batches = checkWholeBatches(db);
      sawPartialImport |= batches > 0 && batches < BATCHES;
    }
    assertTrue(
        sawPartialImport,
        "at least one of " + backups.size() + " backups was taken in the middle of the import");
  }

  private static List<ObjectNode> batch(int b) {
    List<ObjectNode> items = new ArrayList<>();
    String collection = String.format("batch-%04d", b);
    items.add(
        RecordJson.MAPPER
            .createObjectNode()
            .put("kind", "collection")
            .put("id", collection)
            .put("title", "Batch " + b));
    for (int i = 0; i < PER_BATCH; i++) {
      ObjectNode r =
          RecordJson.MAPPER
              .createObjectNode()
              .put("id", String.format("b%04d-r%03d", b, i))
              .put("title", "Record " + i + " of batch " + b)
              .put("date", "1950-04-0" + (1 + i % 9));
      r.putArray("collections").add(collection);
      items.add(r);
    }
    return items;
  }

  /** Checks that every batch in the copy is whole; returns how many batches it holds. */
  private static int checkWholeBatches(Path db) throws Exception {
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      Map<String, Integer> perBatch = new HashMap<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT substr(id, 1, 5), COUNT(*) FROM records GROUP BY substr(id, 1, 5)")) {
        while (r.next()) {
          perBatch.put(r.getString(1), r.getInt(2));
        }
      }
      perBatch.forEach((batch, n) -> assertEquals(PER_BATCH, n, db + ": records of " + batch));
      assertEquals(
          perBatch.size(),
          count(s, "SELECT COUNT(*) FROM collections"),
          db + ": one collection per batch");
      assertEquals(
          perBatch.size() * (long) PER_BATCH,
          count(s, "SELECT COUNT(*) FROM memberships"),
          db + ": memberships");
      assertEquals(
          0,
          count(
              s,
              "SELECT COUNT(*) FROM records r WHERE NOT EXISTS"
                  + " (SELECT 1 FROM changes c WHERE c.entity = 'record' AND c.entity_id = r.id)"),
          db + ": a record without its change");
      assertEquals(
          0,
          count(
              s,
              "SELECT COUNT(*) FROM changes c WHERE c.entity = 'record' AND NOT EXISTS"
                  + " (SELECT 1 FROM records r WHERE r.id = c.entity_id)"),
          db + ": a change without its record");
      assertEquals(
          0,
          count(
              s,
              "SELECT COUNT(*) FROM changes c WHERE c.entity = 'collection' AND NOT EXISTS"
                  + " (SELECT 1 FROM collections k WHERE k.id = c.entity_id)"),
          db + ": a change without its collection");
      assertEquals(
          count(s, "SELECT COUNT(*) FROM changes"),
          count(s, "SELECT COALESCE(MAX(seq), 0) FROM changes"),
          db + ": the change log has no gap");
      return perBatch.size();
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * The sample archive, more records and some tombstones, backed up while the server runs and
   * restored into a new data directory: the restored server answers a full ListIdentifiers harvest
   * (paged by resumption tokens) with the same identifiers, datestamps and statuses, and it takes a
   * resumption token that the original issued.
   */
  @Test
  void aRestoredServerAnswersAHarvestAsTheOriginalDid() throws Exception {
    Map<String, String> settings = Map.of(Settings.OAI_PAGE_SIZE.key(), "7");
    Path backup = dir.resolve("dossier.zip");
    Path restored = dir.resolve("restored");
    List<String> original;
    String secondPageToken;
    String secondPage;
    try (TestServer server = TestServer.start(settings)) {
      try (CatalogWriter w = server.server().catalog().writer()) {
        for (int i = 0; i < 20; i++) {
          w.put(Fixtures.record(String.format("extra-%02d", i)).build());
        }
        w.delete("extra-03");
        w.delete("extra-11");
        w.commit();
      }
      original = harvest(server);
      assertTrue(original.size() > 40, original.toString());
      HttpResponse<String> first = server.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc");
      secondPageToken = token(first.body());
      secondPage =
          headers(server.get("/oai?verb=ListIdentifiers&resumptionToken=" + secondPageToken).body())
              .toString();
      assertEquals(
          0, Main.run("backup", "--data", server.dataDir().toString(), "--out", backup.toString()));
    }
    assertEquals(0, Main.run("restore", backup.toString(), "--data", restored.toString()));
    assertTrue(Files.isRegularFile(restored.resolve("oai-token-secret")));
    assertFalse(Files.exists(restored.resolve("search")), "no derived store is restored");
    try (TestServer server = TestServer.start(restored, settings)) {
      assertEquals(original, harvest(server));
      HttpResponse<String> resumed =
          server.get("/oai?verb=ListIdentifiers&resumptionToken=" + secondPageToken);
      assertEquals(200, resumed.statusCode());
      assertFalse(resumed.body().contains("badResumptionToken"), resumed.body());
      assertEquals(secondPage, headers(resumed.body()).toString());
      // The search index was rebuilt from the restored catalog.
      HttpResponse<String> search = server.get("/search?q=extra");
      assertEquals(200, search.statusCode());
      assertTrue(
          search.body().contains(" of 18</span>"),
          "the search index was rebuilt: 20 extra records, 2 of them deleted");
      // And so was the RDF store.
      HttpResponse<String> ask =
          server.get(
              "/sparql?query="
                  + java.net.URLEncoder.encode(
                      "ASK { <" + server.baseUrl() + "/id/record/extra-05> ?p ?o }",
                      java.nio.charset.StandardCharsets.UTF_8),
              "Accept",
              "application/sparql-results+json");
      assertEquals(200, ask.statusCode(), ask.body());
      assertTrue(
          RecordJson.read(ask.body()).get("boolean").asBoolean(), "the RDF store was rebuilt");
    }
  }

  @Test
  void restoreRefusesADataDirectoryThatIsNotEmpty() throws Exception {
    Path data = dir.resolve("data");
    try (Catalog catalog = Catalog.openSqlite(data, 1);
        CatalogWriter w = catalog.writer()) {
      w.put(Fixtures.record("a").build());
      w.commit();
    }
    Path backup = dir.resolve("b.zip");
    assertEquals(0, Main.run("backup", "--data", data.toString(), "--out", backup.toString()));
    assertNotEquals(
        0,
        Main.run("backup", "--data", data.toString(), "--out", backup.toString()),
        "an existing backup file is not overwritten");
    Path busy = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(busy.resolve("keep.txt"), "mine");
    assertEquals(Main.USAGE, Main.run("restore", backup.toString(), "--data", busy.toString()));
    try (var files = Files.list(busy)) {
      assertEquals(List.of(busy.resolve("keep.txt")), files.toList(), "nothing was written");
    }
    assertEquals(
        Main.USAGE, Main.run("restore", dir.resolve("none.zip").toString(), "--data", "x"));
  }

  @Test
  void backupOfAPostgresCatalogRefusesAndNamesPgDump() throws Exception {
    Path config = dir.resolve("pg.properties");
    Files.writeString(
        config,
        "catalog.url=jdbc:postgresql://db.example.org:5433/archive\ncatalog.user=dossier\n");
    Path out = dir.resolve("pg.zip");
    assertEquals(
        Main.USAGE,
        Main.run(
            "backup",
            "--config",
            config.toString(),
            "--data",
            dir.resolve("d").toString(),
            "--out",
            out.toString()));
    assertFalse(Files.exists(out));
    String advice = BackupCommand.postgresAdvice(Settings.load(config, Map.of(), Map.of()));
    assertTrue(
        advice.contains(
            "pg_dump --format=custom --file=dossier.dump --host=db.example.org --port=5433"
                + " --username=dossier archive"),
        advice);
    assertTrue(advice.contains("oai.token-secret"), advice);
  }

  // ---- OAI-PMH ----

  private static final Pattern HEADER =
      Pattern.compile(
          "<header( status=\"deleted\")?>\\s*<identifier>([^<]+)</identifier>\\s*<datestamp>([^<]+)</datestamp>");

  private static List<String> headers(String body) {
    List<String> found = new ArrayList<>();
    Matcher m = HEADER.matcher(body);
    while (m.find()) {
      found.add(m.group(2) + " " + m.group(3) + (m.group(1) == null ? "" : " deleted"));
    }
    return found;
  }

  private static String token(String body) {
    Matcher m = Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>").matcher(body);
    return m.find() ? m.group(1) : null;
  }

  /** A full ListIdentifiers harvest: identifier, datestamp and status of every header. */
  private static List<String> harvest(TestServer server) throws Exception {
    List<String> all = new ArrayList<>();
    String query = "verb=ListIdentifiers&metadataPrefix=oai_dc";
    for (int pages = 0; pages < 1000; pages++) {
      HttpResponse<String> r = server.get("/oai?" + query);
      assertEquals(200, r.statusCode(), r.body());
      List<String> page = headers(r.body());
      assertFalse(page.isEmpty(), r.body());
      all.addAll(page);
      String next = token(r.body());
      if (next == null) {
        return all;
      }
      query = "verb=ListIdentifiers&resumptionToken=" + next;
    }
    throw new AssertionError("the harvest did not end");
  }
}
