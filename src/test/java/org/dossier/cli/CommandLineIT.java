package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dossier.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as a real process, as a person or a script runs it: exit statuses, messages,
 * a kill -9 in the middle of an import, and SIGTERM on a serving process.
 */
class CommandLineIT {
  static final Path JAR = Path.of(System.getProperty("dossier.jar", "target/dossier.jar"));

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  private Result run(String... args) throws Exception {
    Process p = process(args).start();
    p.getOutputStream().close();
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private ProcessBuilder process(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile());
  }

  private Path data() {
    return dir.resolve("data");
  }

  @Test
  void importOfValidFileSucceedsAndReportsCounts() throws Exception {
    Files.writeString(
        dir.resolve("ok.jsonl"),
        "{\"id\":\"a\",\"title\":\"A\"}\n{\"id\":\"b\",\"title\":\"B\"}\n");
    Result r = run("import", "--data", data().toString(), "ok.jsonl");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2 new"), r.out());
  }

  @Test
  void invalidImportExitsNonZeroWithAReportAndWritesNothing() throws Exception {
    Files.writeString(
        dir.resolve("bad.json"),
        "[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"date\":\"1950-13-45\",\"title\":\"B\"},{\"id\":\"c\"}]");
    Result r = run("import", "--data", data().toString(), "bad.json");
    assertEquals(1, r.exit());
    assertTrue(
        r.err().contains("bad.json:line 1")
            && r.err().contains("$.date")
            && r.err().contains("$.title"),
        r.err());
    assertTrue(r.err().contains("nothing was written"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    try (Catalog catalog = Catalog.openSqlite(data(), 1)) {
      assertTrue(catalog.isEmpty());
    }
  }

  @Test
  void missingPathIsAUsageError() throws Exception {
    Result r = run("import", "--data", data().toString(), "nope.jsonl");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("nope.jsonl: no such file"), r.err());
  }

  @Test
  void unreachableDatabaseIsAnEnvironmentError() throws Exception {
    Files.writeString(
        dir.resolve("c.properties"), "catalog.url=jdbc:postgresql://127.0.0.1:1/none\n");
    Files.writeString(dir.resolve("ok.jsonl"), "{\"id\":\"a\",\"title\":\"A\"}\n");
    Result r = run("import", "--config", "c.properties", "ok.jsonl");
    assertEquals(3, r.exit());
    assertTrue(r.err().contains("cannot open the catalog"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void deleteOfAnUnknownIdDeletesNothing() throws Exception {
    Files.writeString(dir.resolve("ok.jsonl"), "{\"id\":\"a\",\"title\":\"A\"}\n");
    assertEquals(0, run("import", "--data", data().toString(), "ok.jsonl").exit());
    Result r = run("delete", "--data", data().toString(), "a", "ghost");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("'ghost'"), r.err());
    try (Catalog catalog = Catalog.openSqlite(data(), 1)) {
      assertFalse(catalog.record("a").orElseThrow().deleted());
    }
    assertEquals(0, run("delete", "--data", data().toString(), "a").exit());
    try (Catalog catalog = Catalog.openSqlite(data(), 1)) {
      assertTrue(catalog.record("a").orElseThrow().deleted(), "a tombstone is kept");
    }
  }

  @Test
  void killDashNineDuringALargeImportLeavesTheCatalogAsItWas() throws Exception {
    Files.writeString(
        dir.resolve("first.jsonl"), "{\"id\":\"before\",\"title\":\"Imported before\"}\n");
    assertEquals(0, run("import", "--data", data().toString(), "first.jsonl").exit());
    Path big = dir.resolve("big.jsonl");
    Generator.write(big, 300_000, new Random(7));

    Process importer =
        process("import", "--data", data().toString(), big.toString())
            .redirectErrorStream(true)
            .start();
    // Progress appears once the import has run a second: by then it has written thousands of rows.
    BufferedReader output =
        new BufferedReader(
            new InputStreamReader(importer.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    int c;
    while ((c = output.read()) >= 0
        && !seen.toString().matches("(?s).*import: [0-9,]{5,} items.*")) {
      seen.append((char) c);
    }
    assertTrue(importer.isAlive(), "the import must still be running when it is killed: " + seen);
    importer.destroyForcibly(); // SIGKILL on Linux
    importer.waitFor(30, TimeUnit.SECONDS);
    assertEquals(137, importer.exitValue(), "killed by signal 9");

    try (Catalog catalog = Catalog.openSqlite(data(), 1)) {
      assertEquals(1, catalog.recordCount());
      assertTrue(catalog.record("before").isPresent());
      assertTrue(catalog.collections().isEmpty());
      assertEquals(1, catalog.lastChangeSeq());
    }
  }

  @Test
  void servePortInUseExitsWithAMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Result r =
          run(
              "serve",
              "--data",
              data().toString(),
              "--port",
              Integer.toString(taken.getLocalPort()));
      assertEquals(3, r.exit());
      assertTrue(r.err().contains("already in use"), r.err());
    }
  }

  @Test
  void sigtermStopsServeGracefullyAndClosesTheCatalog() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server =
        process(
                "serve",
                "--data",
                data().toString(),
                "--port",
                Integer.toString(port),
                "--base-url",
                "https://archive.example.org")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("serve.log").toFile())
            .start();
    HttpClient client = HttpClient.newHttpClient();
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    // Not listening yet (a refused connection) and listening but not ready (503) both mean: wait.
    int status = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (status != 200 && server.isAlive() && System.nanoTime() < deadline) {
      try {
        status =
            client
                .send(
                    HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
      } catch (IOException notYet) {
        status = 0;
      }
      if (status != 200) {
        Thread.sleep(100);
      }
    }
    assertEquals(200, status, "ready within 120 s: " + Files.readString(dir.resolve("serve.log")));
    assertTrue(Files.readString(dir.resolve("serve.log")).contains("https://archive.example.org"));
    server.destroy(); // SIGTERM
    assertTrue(server.waitFor(60, TimeUnit.SECONDS));
    assertEquals(143, server.exitValue(), "terminated by SIGTERM after the shutdown hook ran");
    // SQLite removes its write-ahead log when the last connection closes cleanly.
    assertFalse(Files.exists(data().resolve("catalog.db-wal")), "the catalog was closed cleanly");
  }
}
