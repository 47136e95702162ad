package org.dossier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.cli.Generator;
import org.dossier.config.Settings;
import org.dossier.http.DossierServer;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.rdf.Projector;
import org.dossier.rdf.RdfStore;
import org.dossier.rdf.RecordRdf;
import org.dossier.rdf.Uris;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Linked-data figures: the projection rate of N generated records into a fresh LMDB store, then the
 * throughput of five fixed SPARQL queries over HTTP, on Dossier's endpoint and, side by side, on a
 * reference server (Apache Jena Fuseki, via {@code bench/rdf.sh}) loaded with Dossier's dump.
 */
@Command(
    name = "rdf",
    description =
        "Project N generated records into LMDB (records/s), then time five SPARQL queries on /sparql and on Fuseki.")
final class RdfBench implements Callable<Integer> {
  static final List<String> QUERIES =
      List.of(
          "1-lookup-by-id.rq",
          "2-date-range.rq",
          "3-count-by-type.rq",
          "4-people-documents-join.rq",
          "5-describe.rq");
  private static final String BASE = "http://bench.dossier.invalid";

  @Option(
      names = "--records",
      defaultValue = "100000",
      description = "How many records (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--store",
      defaultValue = "lmdb",
      description = "Local store to project into: lmdb or native (default: ${DEFAULT-VALUE}).")
  String store;

  @Option(
      names = "--seconds",
      defaultValue = "5",
      description = "How long each query is repeated, per server (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--clients",
      defaultValue = "2",
      description = "Concurrent clients sending queries (default: ${DEFAULT-VALUE}).")
  int clients;

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("dossier-bench-rdf");
    try {
      Path file = dir.resolve("records.jsonl");
      Generator.write(file, records, new Random(1));
      Settings settings =
          Settings.load(
              null,
              Map.of(),
              Map.of(
                  "data.dir",
                  dir.resolve("data").toString(),
                  "server.port",
                  "0",
                  "server.base-url",
                  BASE,
                  "rdf.store",
                  store,
                  "archive.load-sample",
                  "false",
                  "projection.poll-millis",
                  "3600000"));
      try (Catalog catalog = Catalog.openSqlite(settings.dataDir(), 4)) {
        long t0 = System.nanoTime();
        ImportReport report =
            new Importer(
                    catalog,
                    settings.dataDir().resolve("images"),
                    "http://rightsstatements.org/vocab/CNE/1.0/",
                    null)
                .importFiles(List.of(file), false);
        if (!report.ok()) {
          report.print(System.err);
          return 1;
        }
        System.out.printf(
            "catalog import: %d records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
        // As the command line and the server's start project: nothing else reads the store yet.
        project(catalog, settings, false);
        // As a running server's poller projects: queries may read the store meanwhile. (In a
        // directory of its own, removed after; the SPARQL figures below use the first store.)
        Settings live =
            Settings.load(
                null,
                Map.of(),
                Map.of("data.dir", dir.resolve("live").toString(), "rdf.store", store));
        project(catalog, live, true);
        ImportBench.deleteTree(dir.resolve("live"));
      }
      try {
        sparql(settings, dir);
      } catch (Exception | Error e) {
        e.printStackTrace();
        throw e;
      }
      return 0;
    } finally {
      ImportBench.deleteTree(dir);
    }
  }

  /** Projects the whole catalog into a fresh store and prints the rate. */
  private void project(Catalog catalog, Settings settings, boolean shared) {
    String mode = shared ? "shared with queries" : "alone";
    try (RdfStore store = RdfStore.open(settings)) {
      if (shared) {
        store.share();
      }
      Projector projector =
          new Projector(catalog, store, new RecordRdf(new Uris(BASE), "Bench Archive"));
      java.lang.management.ThreadMXBean cpu =
          java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu0 = cpu.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Projector.Result r = projector.catchUp();
      double s = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
      long triples;
      try (var c = store.connection()) {
        triples = c.size();
      }
      System.out.printf(
          "projection into %s (%s): %d records, %d triples in %.1f s%n",
          this.store, mode, r.records(), triples, s);
      System.out.printf(
          "projection rate (%s): %.0f records/s, %.0f triples/s%n",
          mode, r.records() / s, triples / s);
      // On a shared machine the wall clock includes waiting for a core; the thread's own CPU time
      // does not.
      System.out.printf(
          "projection cpu time (%s): %.1f s on the writing thread (%.0f records per cpu-second)%n",
          mode, cpuSeconds, r.records() / cpuSeconds);
      System.out.printf(
          "load average after it: %.1f%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private void sparql(Settings settings, Path dir) throws Exception {
    List<String[]> queries = new ArrayList<>();
    for (String name : QUERIES) {
      try (InputStream in = RdfBench.class.getResourceAsStream("rdf/" + name)) {
        queries.add(
            new String[] {
              name.replaceAll("^\\d-|\\.rq$", ""),
              new String(in.readAllBytes(), StandardCharsets.UTF_8)
            });
      }
    }
    try (DossierServer server = DossierServer.start(settings)) {
      OaiBench.awaitSearchIndex(server);
      String dossier = "http://127.0.0.1:" + server.port() + "/sparql";
      ReferenceEndpoint reference =
          ServiceLoader.load(ReferenceEndpoint.class).findFirst().orElse(null);
      String other = null;
      if (reference == null) {
        System.out.println(
            "reference server: none on the class path (run bench/rdf.sh for Apache Jena Fuseki)");
      } else {
        Path dump = dir.resolve("dataset.nt.gz");
        long t0 = System.nanoTime();
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/dumps/dataset.nt.gz"))
                .build(),
            HttpResponse.BodyHandlers.ofFile(dump));
        System.out.printf(
            "dump (gzipped N-Triples): %.1f MB in %.1f s%n",
            Files.size(dump) / 1e6, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        other = reference.start(dump, dir);
        System.out.printf(
            "%s loaded the dump in %.1f s%n", reference.name(), (System.nanoTime() - t0) / 1e9);
      }
      try {
        for (String[] q : queries) {
          Figure d = measure(dossier, q[1]);
          System.out.printf(
              "sparql %s, dossier: %.1f queries/s (%d results, median %.1f ms)%n",
              q[0], d.perSecond(), d.results(), d.medianMillis());
          if (other != null) {
            Figure f = measure(other, q[1]);
            System.out.printf(
                "sparql %s, fuseki: %.1f queries/s (%d results, median %.1f ms)%n",
                q[0], f.perSecond(), f.results(), f.medianMillis());
          }
        }
      } finally {
        if (reference != null) {
          reference.close();
        }
      }
    }
  }

  record Figure(double perSecond, long results, double medianMillis) {}

  /** Warms up, then has {@code clients} clients send the query back to back for {@code seconds}. */
  private Figure measure(String endpoint, String query) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Accept",
                query.contains("DESCRIBE") ? "application/n-triples" : "text/tab-separated-values")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
            .build();
    // Warm up for a second (JIT, caches) before measuring; both servers get the same.
    long results = send(request);
    long warm = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < warm) {
      send(request);
    }
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    Exception[] failure = {null};
    long start = System.nanoTime();
    for (int t = 0; t < clients; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    send(request);
                    latencies.add(System.nanoTime() - t0);
                  }
                } catch (Exception e) {
                  failure[0] = e;
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    java.util.Collections.sort(sorted);
    return new Figure(sorted.size() / elapsed, results, sorted.get(sorted.size() / 2) / 1e6);
  }

  /** Sends the query and counts the lines of the answer past the header: rows, or triples. */
  private long send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<java.util.stream.Stream<String>> r =
        http.send(request, HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "query answered " + r.statusCode() + ": " + String.join("\n", r.body().toList()));
    }
    boolean tsv =
        r.headers().firstValue("Content-Type").orElse("").startsWith("text/tab-separated-values");
    long lines = r.body().filter(l -> !l.isBlank()).count();
    return tsv ? lines - 1 : lines;
  }
}
