package org.dossier.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.cli.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Two {@code serve} processes on one PostgreSQL catalog (a new database on the server given): the
 * OAI-PMH harvest rate of four harvesters all on one node and spread over both, and how long the
 * writer lease takes to move when the node that holds it is killed.
 */
@Command(
    name = "cluster",
    description =
        "Two nodes on one PostgreSQL: harvest rate of 4 harvesters on 1 node vs spread over 2, and"
            + " the seconds a failover of the writer takes.")
final class ClusterBench implements Callable<Integer> {
  @Option(
      names = "--catalog-url",
      required = true,
      description =
          "A PostgreSQL server (jdbc:postgresql://HOST:PORT/postgres) whose user may create"
              + " databases; bench/embedded-postgres.sh starts one.")
  String catalogUrl;

  @Option(names = "--user", defaultValue = "postgres", description = "Database user.")
  String user;

  @Option(
      names = "--store-url",
      defaultValue = "",
      description =
          "A SPARQL endpoint to use as the shared RDF store (rdf.store=sparql); empty: each node"
              + " keeps an in-memory store and the writer keeps the OAI renditions only.")
  String storeUrl;

  @Option(names = "--update-url", defaultValue = "", description = "Its update endpoint.")
  String updateUrl;

  @Option(names = "--records", defaultValue = "5000", description = "Records imported.")
  int records;

  @Option(names = "--runs", defaultValue = "3", description = "Harvest runs and failovers.")
  int runs;

  private static final Pattern TOKEN =
      Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");
  private static final Pattern HEADER = Pattern.compile("<header[ >]");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Override
  public Integer call() throws Exception {
    System.out.println("load average at start: " + loadAverage());
    String database = "dossier_cluster_bench_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(catalogUrl, user, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    String url = catalogUrl.substring(0, catalogUrl.lastIndexOf('/') + 1) + database;
    Path dir = Files.createTempDirectory("dossier-cluster-bench");
    Map<String, String> env = new HashMap<>();
    env.put("DOSSIER_CATALOG_URL", url);
    env.put("DOSSIER_CATALOG_USER", user);
    env.put("DOSSIER_SERVER_BASE_URL", "http://archive.cluster.bench");
    env.put("DOSSIER_OAI_TOKEN_SECRET", "cluster-bench-secret-0123456789abcdef");
    env.put("DOSSIER_PROJECTION_POLL_MILLIS", "200");
    env.put("DOSSIER_ARCHIVE_LOAD_SAMPLE", "false");
    if (storeUrl.isEmpty()) {
      env.put("DOSSIER_RDF_STORE", "memory");
    } else {
      env.put("DOSSIER_RDF_STORE", "sparql");
      env.put("DOSSIER_RDF_STORE_URL", storeUrl);
      env.put("DOSSIER_RDF_UPDATE_URL", updateUrl.isEmpty() ? storeUrl : updateUrl);
    }

    Path file = dir.resolve("records.jsonl");
    Generator.write(file, records, new Random(3));
    Map<String, String> importEnv = new HashMap<>(env);
    importEnv.put("DOSSIER_RDF_STORE", "memory");
    long t0 = System.nanoTime();
    ProcessBuilder importer =
        new ProcessBuilder(
                ServerProcess.command(
                    "import", "--data", dir.resolve("import").toString(), file.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("import.log").toFile());
    importer.environment().putAll(importEnv);
    if (importer.start().waitFor() != 0) {
      throw new IllegalStateException("the import failed: see " + dir.resolve("import.log"));
    }
    System.out.printf("imported %d records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);

    ServerProcess[] nodes = {start(dir, "a", env), start(dir, "b", env)};
    try {
      // Measured once both nodes' stores (the renditions OAI-PMH copies among them) are current,
      // and after one harvest per node has warmed both JVMs up.
      for (ServerProcess n : nodes) {
        awaitCaughtUp(n);
      }
      harvest(List.of(nodes[0].url(), nodes[1].url()));
      List<Double> one = new ArrayList<>();
      List<Double> two = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        double single = harvest(List.of(nodes[0].url()));
        double spread = harvest(List.of(nodes[0].url(), nodes[1].url()));
        one.add(single);
        two.add(spread);
        System.out.printf(
            "run %d: 4 harvesters on 1 node %.0f records/s, spread over 2 nodes %.0f records/s"
                + " (load %s)%n",
            run, single, spread, loadAverage());
      }
      System.out.printf("harvest, 4 harvesters on 1 node: median %.0f records/s%n", median(one));
      System.out.printf("harvest, 4 harvesters over 2 nodes: median %.0f records/s%n", median(two));

      List<Double> failovers = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        int writer = awaitOneWriter(nodes);
        int other = 1 - writer;
        long killed = System.nanoTime();
        nodes[writer].process().destroyForcibly();
        nodes[writer].process().waitFor(10, TimeUnit.SECONDS);
        while (!isWriter(nodes[other])) {
          if (System.nanoTime() - killed > TimeUnit.SECONDS.toNanos(60)) {
            throw new IllegalStateException("no takeover within 60 s");
          }
          Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - killed) / 1e9;
        failovers.add(seconds);
        System.out.printf(
            "failover %d: node %s killed, node %s held the writer lease after %.2f s%n",
            run, name(writer), name(other), seconds);
        nodes[writer] = start(dir, name(writer), env);
      }
      System.out.printf("writer failover: median %.2f s%n", median(failovers));
    } finally {
      for (ServerProcess n : nodes) {
        n.close();
      }
    }
    System.out.println("load average at end: " + loadAverage());
    return 0;
  }

  private static String name(int i) {
    return i == 0 ? "a" : "b";
  }

  private static ServerProcess start(Path dir, String name, Map<String, String> env)
      throws Exception {
    Map<String, String> e = new HashMap<>(env);
    e.put("DOSSIER_CLUSTER_NODE_NAME", name);
    Path data = dir.resolve("node-" + name);
    Files.createDirectories(data);
    return ServerProcess.start(data, List.of("-Xmx512m"), e, List.of());
  }

  /**
   * Four harvesters, each a whole ListRecords (oai_dc) harvest; harvester i sends every page to
   * {@code urls[i % urls.size()]}. Returns records per second over all four.
   */
  private double harvest(List<String> urls) throws Exception {
    AtomicLong total = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int h = 0; h < 4; h++) {
      String base = urls.get(h % urls.size());
      Thread t =
          new Thread(
              () -> {
                try {
                  total.addAndGet(harvestOnce(base));
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (total.get() != 4L * records) {
      throw new IllegalStateException("harvested " + total.get() + " of " + 4L * records);
    }
    return total.get() / seconds;
  }

  private long harvestOnce(String base) throws Exception {
    long n = 0;
    String token = null;
    do {
      String path =
          token == null
              ? "/oai?verb=ListRecords&metadataPrefix=oai_dc"
              : "/oai?verb=ListRecords&resumptionToken="
                  + URLEncoder.encode(token, StandardCharsets.UTF_8);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + ": " + r.statusCode());
      }
      Matcher h = HEADER.matcher(r.body());
      while (h.find()) {
        n++;
      }
      Matcher m = TOKEN.matcher(r.body());
      token = m.find() ? m.group(1) : null;
    } while (token != null);
    return n;
  }

  private void awaitCaughtUp(ServerProcess node) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(node.url() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 && !BEHIND.matcher(r.body()).find()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the stores did not catch up within 10 min");
  }

  private static final Pattern BEHIND = Pattern.compile("\"changesBehind\":[1-9]");

  private int awaitOneWriter(ServerProcess[] nodes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      boolean a = isWriter(nodes[0]);
      boolean b = isWriter(nodes[1]);
      if (a != b) {
        return a ? 0 : 1;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no single writer within 60 s");
  }

  private boolean isWriter(ServerProcess node) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(node.url() + "/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("\"writer\":true");
    } catch (Exception e) {
      return false;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
