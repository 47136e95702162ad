package org.dossier.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.dossier.api.Scope;
import org.dossier.api.TokenCheck;
import org.dossier.api.Tokens;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.RecordJson;
import org.dossier.cli.Generator;
import org.dossier.config.Settings;
import org.dossier.http.DossierServer;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The admin API's figures, on SQLite: PUT /api/v1/records/{id} with one client (records/s), POST
 * /api/v1/imports of N generated records against the command line's import of the same file into a
 * fresh catalog (as {@code bench import} does it), and what the token check adds to a request
 * (timed alone, from the token's bytes to the stored token: cached as the server keeps it, and with
 * the catalog lookup it makes when the cache has it not).
 */
@Command(
    name = "api",
    description =
        "Admin API: PUT records/s (one client), POST /imports vs command-line import rate, token check time.")
final class ApiBench implements Callable<Integer> {
  @Option(
      names = "--records",
      defaultValue = "100000",
      description =
          "Records imported, by the command line and over HTTP (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--puts",
      defaultValue = "3000",
      description =
          "Timed PUTs of new records, after --warm-up untimed (default: ${DEFAULT-VALUE}).")
  int puts;

  @Option(
      names = "--warm-up",
      defaultValue = "300",
      description =
          "Untimed PUTs into the new catalog before the timed ones (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(
      names = "--checks",
      defaultValue = "20000",
      description = "Timed token checks (default: ${DEFAULT-VALUE}).")
  int checks;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("dossier-bench-api");
    try {
      Path file = dir.resolve("records.jsonl");
      Generator.write(file, records, new Random(1));
      System.out.printf("generated: %d records, %.1f MB%n", records, Files.size(file) / 1e6);
      System.out.printf("load average at start: %.2f%n", loadAverage());

      double cliRate = commandLineImport(dir.resolve("cli"), file);
      System.out.printf("command-line import rate: %.0f records/s%n", cliRate);

      Settings settings =
          Settings.load(
              null,
              // DOSSIER_* variables apply, as to a server (DOSSIER_PROJECTION_POLL_MILLIS, say).
              System.getenv(),
              Map.of(
                  Settings.DATA_DIR.key(), dir.resolve("server").toString(),
                  Settings.SERVER_PORT.key(), "0",
                  Settings.ARCHIVE_LOAD_SAMPLE.key(), "false"));
      try (DossierServer server = DossierServer.start(settings)) {
        String token = new Tokens(server.catalog().apiTokens()).create("bench", Scope.WRITE);
        String base = "http://127.0.0.1:" + server.port() + "/api/v1";
        HttpClient client =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        double seconds;
        for (int c = 1; c <= 10; c++) {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create(base + "/collections/synthetic-" + c))
                      .header("Authorization", "Bearer " + token)
                      .header("Content-Type", "application/json")
                      .PUT(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"title\":\"Synthetic " + c + "\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 201) {
            throw new IllegalStateException("PUT collection answered " + r.statusCode());
          }
        }
        Random random = new Random(2);
        try (OneConnection one = new OneConnection("127.0.0.1", server.port())) {
          for (int i = 1; i <= warmUp; i++) {
            one.put("/api/v1", token, Generator.record(records + i, random));
          }
          timedPuts(
              one, token, records + warmUp, random, "a new catalog (after " + warmUp + " untimed)");
        }
        long start = System.nanoTime();
        int viaJdk = Math.min(puts, 300);
        for (int i = 1; i <= viaJdk; i++) {
          put(client, base, token, Generator.record(records + warmUp + puts + i, random));
        }
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "PUT /records/{id} rate with java.net.http.HttpClient: %.0f records/s (it sends the"
                + " headers and the body apart)%n",
            viaJdk / seconds);

        long[] gets = new long[1000];
        String path = base + "/records/" + String.format("synthetic-%08d", records + 1);
        for (int i = -200; i < gets.length; i++) {
          long t = System.nanoTime();
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create(path))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + r.statusCode());
          }
          if (i >= 0) {
            gets[i] = System.nanoTime() - t;
          }
        }
        System.out.printf("GET /records/{id} with a token, median: %.3f ms%n", median(gets) / 1e6);

        TokenCheck cached = new TokenCheck(server.catalog().apiTokens(), Duration.ofSeconds(300));
        TokenCheck uncached = new TokenCheck(server.catalog().apiTokens(), Duration.ZERO);
        System.out.printf(
            "token check, median: %.4f ms cached (as served; target <= 0.2 ms), %.4f ms with the catalog lookup%n",
            median(time(cached, token)) / 1e6, median(time(uncached, token)) / 1e6);

        // The stores catch up with the PUTs before the import is timed, so it has the machine.
        long waited = System.nanoTime();
        while (!server.derivedStores().lag().stream().allMatch(l -> l.current())) {
          Thread.sleep(200);
        }
        System.out.printf(
            "derived stores current after the PUTs in %.1f s%n",
            (System.nanoTime() - waited) / 1e9);
        start = System.nanoTime();
        HttpResponse<String> imported =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/imports"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(file))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        seconds = (System.nanoTime() - start) / 1e9;
        JsonNode report = RecordJson.read(imported.body());
        if (imported.statusCode() != 200 || report.get("inserted").asInt() != records) {
          System.err.println("bench api: the import failed: " + imported.body());
          return 1;
        }
        double apiRate = records / seconds;
        System.out.printf("POST /imports rate: %.0f records/s (%.2f s)%n", apiRate, seconds);
        System.out.printf(
            "POST /imports vs command line: %.0f %% (target >= 80 %%)%n", 100 * apiRate / cliRate);

        // Once more into the catalog the import filled, as an archive's cataloguing system would.
        waited = System.nanoTime();
        while (!server.derivedStores().lag().stream().allMatch(l -> l.current())) {
          Thread.sleep(200);
        }
        System.out.printf(
            "derived stores current after the import in %.1f s%n",
            (System.nanoTime() - waited) / 1e9);
        try (OneConnection one = new OneConnection("127.0.0.1", server.port())) {
          timedPuts(
              one,
              token,
              records + warmUp + puts + viaJdk,
              random,
              "a catalog of " + (records + warmUp + puts + viaJdk) + " records");
        }
      }
      System.out.printf("load average at end: %.2f%n", loadAverage());
      return 0;
    } finally {
      ImportBench.deleteTree(dir);
    }
  }

  /** {@code puts} timed PUTs of new records numbered after {@code after}; prints their figures. */
  private void timedPuts(OneConnection one, String token, int after, Random random, String into)
      throws java.io.IOException {
    long[] each = new long[puts];
    long t0 = System.nanoTime();
    for (int i = 1; i <= puts; i++) {
      JsonNode record = Generator.record(after + i, random);
      long t = System.nanoTime();
      one.put("/api/v1", token, record);
      each[i - 1] = System.nanoTime() - t;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long[] sorted = each.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "PUT /records/{id} rate into %s: %.0f records/s, one client, SQLite (target >= 500/s)%n",
        into, puts / seconds);
    System.out.printf(
        "PUT /records/{id} latency: median %.2f ms, p10 %.2f ms, p90 %.2f ms (1000 / median ="
            + " %.0f records/s)%n",
        sorted[puts / 2] / 1e6,
        sorted[puts / 10] / 1e6,
        sorted[puts * 9 / 10] / 1e6,
        1e9 / sorted[puts / 2]);
  }

  private double commandLineImport(Path dataDir, Path file) throws Exception {
    Files.createDirectories(dataDir);
    try (Catalog catalog = Catalog.openSqlite(dataDir, 4)) {
      Importer importer =
          new Importer(
              catalog,
              dataDir.resolve("images"),
              "http://rightsstatements.org/vocab/CNE/1.0/",
              null);
      long start = System.nanoTime();
      ImportReport report = importer.importFiles(List.of(file), false);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!report.ok()) {
        report.print(System.err);
        throw new IllegalStateException("the command-line import failed");
      }
      return records / seconds;
    }
  }

  /**
   * One keep-alive HTTP/1.1 connection that sends each request in one write, with Nagle's algorithm
   * off, as curl and most HTTP libraries do for a small body.
   */
  private static final class OneConnection implements AutoCloseable {
    private final java.net.Socket socket;
    private final java.io.OutputStream out;
    private final java.io.DataInputStream in;
    private final String host;

    OneConnection(String host, int port) throws java.io.IOException {
      this.socket = new java.net.Socket(host, port);
      socket.setTcpNoDelay(true);
      this.out = socket.getOutputStream();
      this.in =
          new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
      this.host = host + ":" + port;
    }

    void put(String api, String token, JsonNode record) throws java.io.IOException {
      byte[] body = RecordJson.write(record).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String head =
          "PUT "
              + api
              + "/records/"
              + record.get("id").asString()
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      byte[] h = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(h, h.length + body.length);
      System.arraycopy(body, 0, request, h.length, body.length);
      out.write(request);
      out.flush();
      String status = line();
      if (!status.startsWith("HTTP/1.1 201")) {
        throw new IllegalStateException("PUT answered " + status);
      }
      long length = -1;
      boolean chunked = false;
      for (String l = line(); !l.isEmpty(); l = line()) {
        String lower = l.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(l.substring(15).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      if (chunked) {
        for (long n = Long.parseLong(line().strip(), 16);
            n > 0;
            n = Long.parseLong(line().strip(), 16)) {
          in.skipNBytes(n);
          line();
        }
        line();
      } else if (length > 0) {
        in.skipNBytes(length);
      }
    }

    private String line() throws java.io.IOException {
      StringBuilder s = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new java.io.EOFException("the server closed the connection");
        }
        if (c != '\r') {
          s.append((char) c);
        }
      }
      return s.toString();
    }

    @Override
    public void close() throws java.io.IOException {
      socket.close();
    }
  }

  private static void put(HttpClient client, String base, String token, JsonNode record)
      throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/records/" + record.get("id").asString()))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(RecordJson.write(record)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("PUT answered " + r.statusCode() + ": " + r.body());
    }
  }

  private long[] time(TokenCheck check, String token) {
    for (int i = 0; i < 2000; i++) {
      check.check(token);
    }
    long[] times = new long[checks];
    for (int i = 0; i < checks; i++) {
      long t = System.nanoTime();
      if (check.check(token).isEmpty()) {
        throw new IllegalStateException("the token was refused");
      }
      times[i] = System.nanoTime() - t;
    }
    return times;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
