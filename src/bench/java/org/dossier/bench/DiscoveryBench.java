package org.dossier.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.cli.Generator;
import org.dossier.config.Settings;
import org.dossier.http.DossierServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * IIIF Change Discovery over a long change log: the median latency of the last page of the stream
 * of all changes, of its first, and of a page {@code --deep} changes deep, the ratio deep/last, and
 * the rate of one harvester walking the whole stream from {@code last} back to {@code first}
 * (reading each page's activities), with the heap before and after. The catalog (SQLite in {@code
 * --data}, or PostgreSQL) is filled with synthetic records until its log holds {@code --changes}
 * entries, a whole number of pages, so that the last page is as full as the others.
 */
@Command(
    name = "discovery",
    description = "Measure IIIF Change Discovery page latency (last, deep) and full-walk rate.")
final class DiscoveryBench implements Callable<Integer> {

  @Option(
      names = "--changes",
      defaultValue = "1000000",
      paramLabel = "N",
      description = "Change-log entries (activities) in the stream (default: ${DEFAULT-VALUE}).")
  int changes;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory for the SQLite catalog (default: a new temporary one).")
  Path data;

  @Option(
      names = "--postgres-url",
      paramLabel = "JDBC-URL",
      description = "Run against PostgreSQL at this JDBC URL instead of SQLite.")
  String postgresUrl;

  @Option(
      names = "--postgres-user",
      defaultValue = "",
      paramLabel = "USER",
      description = "PostgreSQL user.")
  String postgresUser;

  @Option(
      names = "--postgres-password",
      defaultValue = "",
      paramLabel = "PASSWORD",
      description = "PostgreSQL password.")
  String postgresPassword;

  @Option(
      names = "--page-size",
      defaultValue = "500",
      paramLabel = "N",
      description = "iiif.discovery.page-size (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(
      names = "--deep",
      defaultValue = "900000",
      paramLabel = "N",
      description =
          "How many changes deep the deep page starts, from the oldest (default: ${DEFAULT-VALUE}).")
  long deep;

  @Option(
      names = "--samples",
      defaultValue = "50",
      paramLabel = "N",
      description = "Requests per latency median (default: ${DEFAULT-VALUE}).")
  int samples;

  private final HttpClient client = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    Path dir = data != null ? data : Files.createTempDirectory("dossier-bench-discovery");
    try {
      return run(dir);
    } finally {
      // A catalog made for this run only is not left behind (a million records take gigabytes).
      if (data == null) {
        ImportBench.deleteTree(dir);
      }
    }
  }

  private Integer run(Path dir) throws Exception {
    if (changes % pageSize != 0 || changes < 2L * pageSize) {
      throw new IllegalArgumentException(
          "--changes must be a multiple of --page-size, and at least two pages");
    }
    Map<String, String> overrides = new HashMap<>();
    overrides.put(Settings.DATA_DIR.key(), dir.toString());
    overrides.put(Settings.SERVER_PORT.key(), "0");
    overrides.put(Settings.SERVER_HOST.key(), "127.0.0.1");
    overrides.put(Settings.ARCHIVE_LOAD_SAMPLE.key(), "false");
    overrides.put(Settings.IIIF_DISCOVERY_PAGE_SIZE.key(), Integer.toString(pageSize));
    // The streams are read from the catalog alone: the derived stores stay idle (as in the OAI
    // benchmark), so their projection of the records written here does not share the cores.
    overrides.put(Settings.PROJECTION_POLL_MILLIS.key(), "86400000");
    if (postgresUrl != null) {
      overrides.put(Settings.CATALOG_URL.key(), postgresUrl);
      overrides.put(Settings.CATALOG_USER.key(), postgresUser);
      overrides.put(Settings.CATALOG_PASSWORD.key(), postgresPassword);
    }
    Settings settings = Settings.load(null, Map.of(), overrides);
    System.out.println("catalog: " + (postgresUrl != null ? "postgresql" : "sqlite"));
    System.out.println("heap max: " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");

    try (DossierServer server = DossierServer.start(settings)) {
      fill(server.catalog());
      long total = server.catalog().streamSize();
      String base = "http://127.0.0.1:" + server.port();
      String stream = base + "/iiif/discovery/activity/all-changes";
      JsonNode collection = RecordJson.MAPPER.readTree(get(stream).body);
      String last = local(base, server, collection.get("last").get("id").asString());
      String first = local(base, server, collection.get("first").get("id").asString());
      long deepPage = Math.min(deep / pageSize, (total - 1) / pageSize);
      String deepUrl = base + "/iiif/discovery/activity/page/" + deepPage;
      for (int i = 0; i < 20; i++) {
        get(last);
        get(deepUrl);
        get(first);
      }
      List<Long> lastNanos = new ArrayList<>();
      List<Long> deepNanos = new ArrayList<>();
      List<Long> firstNanos = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        lastNanos.add(get(last).nanos);
        deepNanos.add(get(deepUrl).nanos);
        firstNanos.add(get(first).nanos);
      }

      long heapBefore = usedHeapAfterGc();
      long peakHeap = 0;
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      long activities = 0;
      long pages = 0;
      String url = last;
      while (url != null) {
        JsonNode page = RecordJson.MAPPER.readTree(get(url).body);
        activities += page.get("orderedItems").size();
        pages++;
        url = page.has("prev") ? local(base, server, page.get("prev").get("id").asString()) : null;
        peakHeap =
            Math.max(
                peakHeap, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      long heapAfter = usedHeapAfterGc();
      if (activities != total) {
        throw new IllegalStateException("the walk read " + activities + " activities of " + total);
      }

      System.out.println("activities: " + total + " in " + pages + " pages of " + pageSize);
      System.out.printf("last page latency (median): %.2f ms%n", median(lastNanos));
      System.out.printf(
          "deep page latency, page %d (%d changes deep) (median): %.2f ms%n",
          deepPage, deepPage * pageSize, median(deepNanos));
      System.out.printf("first page latency (median): %.2f ms%n", median(firstNanos));
      System.out.printf("deep/last ratio: %.2f%n", median(deepNanos) / median(lastNanos));
      System.out.printf("full walk, last to first: %.1f s%n", seconds);
      System.out.printf("full walk rate: %.0f activities/s%n", activities / seconds);
      System.out.printf("full walk CPU (server and client together): %.1f s%n", cpuSeconds);
      System.out.printf(
          "system load average at end: %.1f%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("heap used before walk (after GC): " + heapBefore / (1 << 20) + " MB");
      System.out.println("heap used after walk (after GC): " + heapAfter / (1 << 20) + " MB");
      System.out.println("heap used peak during walk: " + peakHeap / (1 << 20) + " MB");
    }
    return 0;
  }

  /** The URL a page id names, on the port this server really listens on. */
  private static String local(String base, DossierServer server, String id) {
    return base + id.substring(server.baseUrl().length());
  }

  /**
   * Writes collections and synthetic records until the change log holds {@link #changes} entries:
   * 10 collections, then records, 10,000 per transaction.
   */
  private void fill(Catalog catalog) {
    long have = catalog.streamSize();
    if (have >= changes) {
      System.out.println("catalog already holds " + have + " changes");
      return;
    }
    long start = System.nanoTime();
    Random random = new Random(1);
    if (have == 0) {
      try (CatalogWriter writer = catalog.writer()) {
        for (int c = 1; c <= 10; c++) {
          writer.put(
              new ArchiveCollection(
                  "synthetic-" + c,
                  "Synthetic collection " + c,
                  "Generated for benchmarks; not archival data.",
                  null));
        }
        writer.commit();
      }
    }
    long records = changes - catalog.streamSize() + catalog.recordCount();
    for (long i = catalog.recordCount() + 1; i <= records; ) {
      try (CatalogWriter writer = catalog.writer()) {
        for (long end = Math.min(records, i + 9_999); i <= end; i++) {
          writer.put(RecordJson.record(Generator.record((int) i, random)));
        }
        writer.commit();
      }
      if (i % 100_000 == 1) {
        System.err.println("written " + (i - 1) + " records");
      }
    }
    System.out.printf(
        "catalog filled: %d changes in %.1f s%n",
        catalog.streamSize(), (System.nanoTime() - start) / 1e9);
  }

  private record Fetched(long nanos, byte[] body) {}

  private Fetched get(String url) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    long nanos = System.nanoTime() - start;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + " for " + url);
    }
    return new Fetched(nanos, response.body());
  }

  private static double median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2) / 1e6;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
