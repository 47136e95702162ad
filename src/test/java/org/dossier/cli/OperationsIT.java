package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.dossier.catalog.SqliteFiles;
import org.dossier.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The operations commands on the packaged jar, each a real process as an operator runs it: the
 * README's demo start, backups taken by one process while a server and import processes write,
 * restore and a server on the restored directory, backup's refusal of PostgreSQL, {@code check},
 * and the mode line a server logs on PostgreSQL.
 */
class OperationsIT {
  private static final int FILES = 5;
  private static final int PER_FILE = 400;

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  record Result(int exit, String out, String err) {}

  private ProcessBuilder java(Map<String, String> environment, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CommandLineIT.JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
    b.environment().keySet().removeIf(k -> k.startsWith("DOSSIER_"));
    b.environment().putAll(environment);
    return b;
  }

  private Result run(String... args) throws Exception {
    Path out = Files.createTempFile(dir, "out-", ".txt");
    Path err = Files.createTempFile(dir, "err-", ".txt");
    Process p =
        java(Map.of(), args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "ended: " + List.of(args));
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** {@code serve} on a free port, ready (200 from /health). */
  private record Serve(Process process, int port, Path log) implements AutoCloseable {
    String text() throws IOException {
      return Files.readString(log);
    }

    @Override
    public void close() {
      process.destroy(); // SIGTERM
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private Serve serve(String log, Map<String, String> environment, String... args)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> all = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
    all.addAll(List.of(args));
    Path logFile = dir.resolve(log);
    Process p =
        java(environment, all.toArray(String[]::new))
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    Serve serve = new Serve(p, port, logFile);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        if (get(serve, "/health").statusCode() == 200) {
          return serve;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    serve.close();
    throw new AssertionError("serve did not turn ready: " + serve.text());
  }

  private HttpResponse<String> get(Serve serve, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The README's start ({@code serve} in a folder without {@code ./data}) loads the sample; one
   * process backs up while the server runs and other processes import; every backup holds each
   * import whole or not at all; the last one restores into a server in production mode that answers
   * OAI-PMH as the original does.
   */
  @Test
  void backupsTakenWhileServeAndImportsRunAreConsistentAndRestore() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      Path file = dir.resolve("batch-" + f + ".jsonl");
      try (Writer w = Files.newBufferedWriter(file)) {
        for (int i = 0; i < PER_FILE; i++) {
          w.write(
              String.format(
                  "{\"id\":\"f%d-%04d\",\"title\":\"Record %d of file %d\",\"date\":\"1951\"}%n",
                  f, i, i, f));
        }
      }
      files.add(file);
    }
    List<Path> backups = new ArrayList<>();
    Path restored = dir.resolve("restored");
    String original;
    try (Serve serve = serve("serve.log", Map.of())) {
      assertTrue(
          serve.text().contains("demo mode: loading the sample archive into a new data directory"),
          serve.text());
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread imports =
          new Thread(
              () -> {
                try {
                  for (Path file : files) {
                    Result r = run("import", file.getFileName().toString());
                    assertEquals(0, r.exit(), r.err());
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      imports.start();
      while (imports.isAlive()) {
        Path out = dir.resolve("backup-" + backups.size() + ".zip");
        Result r = run("backup", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        backups.add(out);
      }
      imports.join();
      if (failure.get() != null) {
        throw new AssertionError("an import failed", failure.get());
      }
      Path last = dir.resolve("backup-last.zip");
      Result r = run("backup", "--out", last.toString());
      assertEquals(0, r.exit(), r.err());
      backups.add(last);
      original = harvestHeaders(serve);
    }
    for (Path backup : backups) {
      Path db = dir.resolve(backup.getFileName() + ".db");
      try (ZipFile zip = new ZipFile(backup.toFile())) {
        Files.copy(zip.getInputStream(zip.getEntry("catalog.db")), db);
      }
      assertEquals("ok", SqliteFiles.integrityCheck(db));
      try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + db);
          Statement s = c.createStatement()) {
        for (int f = 0; f < FILES; f++) {
          try (ResultSet rs =
              s.executeQuery("SELECT COUNT(*) FROM records WHERE id LIKE 'f" + f + "-%'")) {
            rs.next();
            int n = rs.getInt(1);
            assertTrue(n == 0 || n == PER_FILE, backup + ": file " + f + " has " + n + " records");
          }
        }
      }
    }
    Result r = run("restore", backups.get(backups.size() - 1).toString(), "--data", "restored");
    assertEquals(0, r.exit(), r.err());
    try (Serve serve = serve("restored.log", Map.of(), "--data", restored.toString())) {
      assertTrue(
          serve.text().contains("production mode: catalog jdbc:sqlite:")
              && serve.text().contains("(" + (30 + FILES * PER_FILE) + " records)"),
          serve.text());
      assertEquals(original, harvestHeaders(serve));
    }
  }

  /** The identifiers and datestamps of a whole ListIdentifiers harvest. */
  private String harvestHeaders(Serve serve) throws Exception {
    StringBuilder all = new StringBuilder();
    String query = "verb=ListIdentifiers&metadataPrefix=oai_dc";
    Pattern header = Pattern.compile("<identifier>([^<]+)</identifier>\\s*<datestamp>([^<]+)<");
    Pattern token = Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");
    for (int pages = 0; pages < 1000; pages++) {
      String body = get(serve, "/oai?" + query).body();
      Matcher m = header.matcher(body);
      while (m.find()) {
        all.append(m.group(1)).append(' ').append(m.group(2)).append('\n');
      }
      Matcher t = token.matcher(body);
      if (!t.find()) {
        return all.toString();
      }
      query = "verb=ListIdentifiers&resumptionToken=" + t.group(1);
    }
    throw new AssertionError("the harvest did not end");
  }

  @Test
  void backupRefusesAPostgresCatalogAndNamesPgDump() throws Exception {
    Files.writeString(
        dir.resolve("pg.properties"), "catalog.url=jdbc:postgresql://127.0.0.1:1/archive\n");
    Result r = run("backup", "--config", "pg.properties", "--out", "x.zip");
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err()
            .contains(
                "pg_dump --format=custom --file=dossier.dump --host=127.0.0.1 --port=1 archive"),
        r.err());
    assertTrue(!Files.exists(dir.resolve("x.zip")));
  }

  @Test
  void checkPrintsOkOrEveryProblem() throws Exception {
    Result ok = run("check");
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(ok.out().contains("configuration OK"), ok.out());
    Files.writeString(
        dir.resolve("bad.properties"), "server.port=99999\nserver.base-url=archive.example.org\n");
    Result bad = run("check", "--config", "bad.properties");
    assertEquals(1, bad.exit(), bad.out() + bad.err());
    assertEquals(2, bad.out().split("problem: ", -1).length - 1, bad.out());
    assertTrue(bad.out().contains("2 problem(s) found"), bad.out());
  }

  /**
   * On an empty PostgreSQL catalog the server says it runs in production mode and loads nothing.
   */
  @Test
  void serveOnAnEmptyPostgresCatalogLogsProductionModeUnlessAskedForTheSample() throws Exception {
    for (boolean sample : new boolean[] {false, true}) {
      Map<String, String> pg =
          Map.of(
              "DOSSIER_CATALOG_URL",
              Postgres.freshDatabaseUrl(),
              "DOSSIER_CATALOG_USER",
              Postgres.USER);
      String[] args =
          sample
              ? new String[] {"--data", "pg-data-" + sample, "--sample"}
              : new String[] {"--data", "pg-data-" + sample};
      try (Serve serve = serve("pg-" + sample + ".log", pg, args)) {
        String log = serve.text();
        String identifiers = get(serve, "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc").body();
        if (sample) {
          assertTrue(
              log.contains("demo mode: loading the sample archive into the empty catalog"), log);
          assertTrue(identifiers.contains("<identifier>"), identifiers);
        } else {
          assertTrue(log.contains("production mode: catalog jdbc:postgresql://"), log);
          assertTrue(identifiers.contains("noRecordsMatch"), identifiers);
        }
      }
    }
  }
}
