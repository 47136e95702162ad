package org.dossier.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.catalog.RecordJson;
import org.dossier.cli.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Start-up and stop of {@code serve} as a person runs it ({@code bin/dossier serve}: the jar with
 * the class-data archive beside it when there is one; {@code --no-class-data} without), each start
 * a new JVM, timed from process start to the first 200 from {@code /health}:
 *
 * <ul>
 *   <li>on a fresh data directory (the sample archive is loaded; its scans are rendered when asked
 *       for) and on one that holds it already, with resident memory (VmRSS) {@code --idle-seconds}
 *       after ready;
 *   <li>the stop: SIGTERM with idle keep-alive connections, and during a harvest (a client
 *       following OAI-PMH pages in a loop on a keep-alive connection), timed to the process's exit;
 *   <li>with {@code --base-url-change}: a catalog of {@code --records} records projected into the
 *       RDF store for one base URL (by {@code dossier import}), then {@code serve} with another:
 *       time to /health 200 and until the RDF projection has caught up again (lag 0 in /health).
 * </ul>
 */
@Command(
    name = "startup",
    description =
        "Time serve from process start to the first 200 on /health (fresh and existing data),"
            + " its idle resident memory, its exit after SIGTERM; optionally a base-URL change.")
final class StartupBench implements Callable<Integer> {
  @Option(
      names = "--runs",
      defaultValue = "5",
      description = "Number of starts of each kind (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--idle-seconds",
      defaultValue = "10",
      description = "Time after ready before memory is read (default: ${DEFAULT-VALUE}).")
  int idleSeconds;

  @Option(
      names = "--base-url-change",
      description = "Measure a start after a base-URL change instead (see --records).")
  boolean baseUrlChange;

  @Option(
      names = "--records",
      defaultValue = "100000",
      description = "Records for --base-url-change (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--java-option",
      description = "Extra JVM option for the server (repeatable), e.g. -Xmx256m.")
  List<String> javaOptions = new ArrayList<>();

  @Option(
      names = "--no-class-data",
      description =
          "Start the jar without the class-data archive beside it (dossier.jsa), which bin/dossier"
              + " uses when it is there.")
  boolean noClassData;

  private final HttpClient client = HttpClient.newHttpClient();
  private Path jar;

  @Override
  public Integer call() throws Exception {
    jar = BenchCommand.serverJar("startup");
    System.out.println("load average at start: " + loadAverage());
    Path archive = classDataArchive();
    System.out.println(
        "class-data archive: "
            + (archive != null
                ? archive + " (as bin/dossier starts the jar)"
                : "none (" + (noClassData ? "--no-class-data" : "not built") + ")"));
    Path dir = Files.createTempDirectory("dossier-bench-startup");
    try {
      if (baseUrlChange) {
        baseUrlChange(dir);
      } else {
        startAndStop(dir);
      }
      System.out.println("load average at end: " + loadAverage());
      return 0;
    } finally {
      ImportBench.deleteTree(dir);
    }
  }

  private void startAndStop(Path dir) throws Exception {
    List<Long> fresh = new ArrayList<>();
    List<Long> freshRss = new ArrayList<>();
    List<Long> existing = new ArrayList<>();
    List<Long> existingRss = new ArrayList<>();
    List<Long> stopIdle = new ArrayList<>();
    List<Long> stopHarvest = new ArrayList<>();
    Path data = dir.resolve("data");
    for (int i = 0; i < runs; i++) {
      // Fresh: a new data directory each time (the sample scans render when first asked for).
      Path freshData = dir.resolve("fresh-" + i);
      Started s = start(freshData, List.of());
      fresh.add(s.millis);
      Thread.sleep(idleSeconds * 1000L);
      freshRss.add(rss(s.process.pid()));
      stopIdle.add(stopWithIdleConnections(s));
      ImportBench.deleteTree(freshData);
    }
    // The existing directory: filled once, not measured.
    Started first = start(data, List.of());
    stop(first.process);
    for (int i = 0; i < runs; i++) {
      Started s = start(data, List.of());
      existing.add(s.millis);
      Thread.sleep(idleSeconds * 1000L);
      existingRss.add(rss(s.process.pid()));
      if (i % 2 == 0) {
        stopIdle.add(stopWithIdleConnections(s));
      } else {
        stopHarvest.add(stopDuringHarvest(s));
      }
    }
    for (int i = stopHarvest.size(); i < runs; i++) {
      stopHarvest.add(stopDuringHarvest(start(data, List.of())));
    }
    print("start-up to first 200 on /health, fresh data directory", fresh, "ms");
    print("start-up to first 200 on /health, existing data directory", existing, "ms");
    print("resident memory " + idleSeconds + " s after ready, fresh", mb(freshRss), "MB");
    print("resident memory " + idleSeconds + " s after ready, existing", mb(existingRss), "MB");
    print("exit after SIGTERM, 4 idle keep-alive connections", stopIdle, "ms");
    print("exit after SIGTERM during a harvest", stopHarvest, "ms");
  }

  private void baseUrlChange(Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path file = dir.resolve("records.jsonl");
    Generator.write(file, records, new Random(1));
    long t0 = System.nanoTime();
    Process importer =
        new ProcessBuilder(command(List.of("import", "--data", data.toString(), file.toString())))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("import.log").toFile())
            .start();
    if (importer.waitFor() != 0) {
      throw new IllegalStateException("import failed: see " + dir.resolve("import.log"));
    }
    System.out.printf(
        "import of %d records with the RDF store projected for http://localhost:8080: %.1f s%n",
        records, (System.nanoTime() - t0) / 1e9);
    List<Long> ready = new ArrayList<>();
    List<Long> caughtUp = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      // Each run moves the archive to another address: the store holds the previous one's URIs.
      Started s = start(data, List.of("--base-url", "https://moved-" + i + ".example.org"));
      ready.add(s.millis);
      String lag = "";
      while (true) {
        JsonNode rdf = rdfLag(s.port);
        if (rdf.get("changesBehind").asLong() == 0) {
          caughtUp.add((System.nanoTime() - s.startNanos) / 1_000_000);
          break;
        }
        if (lag.isEmpty()) {
          lag = rdf.toString();
        }
        Thread.sleep(50);
      }
      System.out.println("run " + (i + 1) + ": rdf in /health when ready: " + lag);
      stop(s.process);
    }
    print("start-up after a base-URL change, to first 200 on /health", ready, "ms");
    print("start-up after a base-URL change, to the RDF projection caught up", caughtUp, "ms");
  }

  private JsonNode rdfLag(int port) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    for (JsonNode p : RecordJson.read(r.body()).get("projections")) {
      if (p.get("name").asString().equals("rdf")) {
        return p;
      }
    }
    throw new IllegalStateException("no rdf projection in /health: " + r.body());
  }

  /** The archive bin/dossier would use, or null (none built, or --no-class-data). */
  private Path classDataArchive() {
    Path archive = jar.resolveSibling("dossier.jsa");
    return noClassData || !Files.isRegularFile(archive) ? null : archive;
  }

  private record Started(Process process, int port, long startNanos, long millis, Path log) {}

  private List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    Path archive = classDataArchive();
    if (archive != null) {
      // As bin/dossier starts the jar.
      command.add("-XX:SharedArchiveFile=" + archive);
      command.add("-Xlog:cds=off");
      command.add("-Xlog:cds+dynamic=off");
    }
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }

  private Started start(Path data, List<String> extra) throws IOException, InterruptedException {
    Files.createDirectories(data);
    int port = freePort();
    List<String> args =
        new ArrayList<>(
            List.of("serve", "--port", Integer.toString(port), "--data", data.toString()));
    args.addAll(extra);
    Path log = data.resolve("server-" + System.nanoTime() + ".log");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(command(args))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    long deadline = t0 + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return new Started(p, port, t0, (System.nanoTime() - t0) / 1_000_000, log);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("serve exited with " + p.exitValue() + "; see " + log);
      }
      Thread.sleep(5);
    }
    p.destroyForcibly();
    throw new IllegalStateException("serve did not answer /health within 120 s");
  }

  /** SIGTERM with four keep-alive connections that each answered a request and sit idle. */
  private static long stopWithIdleConnections(Started s) throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Socket socket = new Socket("127.0.0.1", s.port);
        idle.add(socket);
        get(socket, "/oai?verb=Identify");
      }
      return stop(s.process);
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
  }

  /** SIGTERM while a harvester follows ListRecords pages (10 a page) on a keep-alive connection. */
  private long stopDuringHarvest(Started s) throws Exception {
    AtomicBoolean go = new AtomicBoolean(true);
    int[] pages = new int[1];
    Thread harvester =
        new Thread(
            () -> {
              try (Socket socket = new Socket("127.0.0.1", s.port)) {
                Pattern token = Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");
                String next = "/oai?verb=ListRecords&metadataPrefix=oai_dc";
                while (go.get()) {
                  String body = get(socket, next);
                  pages[0]++;
                  Matcher m = token.matcher(body);
                  next =
                      m.find()
                          ? "/oai?verb=ListRecords&resumptionToken=" + m.group(1)
                          : "/oai?verb=ListRecords&metadataPrefix=oai_dc";
                }
              } catch (IOException stopped) {
                // the server closed the connection after its last answer
              }
            },
            "harvester");
    harvester.start();
    Thread.sleep(1000);
    long millis = stop(s.process);
    go.set(false);
    harvester.join(10_000);
    return millis;
  }

  /** One GET on a kept-alive connection; the body as text. */
  private static String get(Socket socket, String path) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    var in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed");
      }
      head.append((char) c);
    }
    String h = head.toString().toLowerCase(java.util.Locale.ROOT);
    Matcher length = Pattern.compile("content-length: *(\\d+)").matcher(h);
    if (length.find()) {
      return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }
    if (h.contains("transfer-encoding: chunked")) {
      StringBuilder body = new StringBuilder();
      while (true) {
        StringBuilder size = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
          if (c < 0) {
            throw new IOException("closed");
          }
          size.append((char) c);
        }
        int n = Integer.parseInt(size.toString().trim(), 16);
        if (n == 0) {
          in.readNBytes(2);
          return body.toString();
        }
        body.append(new String(in.readNBytes(n), StandardCharsets.UTF_8));
        in.readNBytes(2);
      }
    }
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** SIGTERM; milliseconds until the process has exited. */
  private static long stop(Process p) throws InterruptedException {
    long t0 = System.nanoTime();
    p.destroy();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static List<Long> mb(List<Long> kb) {
    List<Long> mb = new ArrayList<>();
    kb.forEach(k -> mb.add(Math.round(k / 1024.0)));
    return mb;
  }

  private static void print(String name, List<Long> values, String unit) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    System.out.println(name + ": runs " + values + " " + unit);
    System.out.println(name + " (median): " + sorted.get(sorted.size() / 2) + " " + unit);
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
