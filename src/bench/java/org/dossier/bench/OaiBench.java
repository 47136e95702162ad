package org.dossier.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.cli.Generator;
import org.dossier.config.Settings;
import org.dossier.http.DossierServer;
import org.dossier.oai.OaiRenditions;
import org.dossier.projection.Projection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * OAI-PMH harvesting speed over a generated catalog, in one metadata format ({@code --prefix},
 * oai_dc unless told): the median latency of a ListRecords page at the start of the list and a
 * million records deep, and the rate of a full harvest by one harvester following resumption
 * tokens, with the heap before and after. The catalog is SQLite in {@code --data}, or PostgreSQL at
 * {@code --postgres-url}; it is filled with synthetic records (those of {@code dossier generate})
 * unless it already holds enough.
 */
@Command(
    name = "oai",
    description = "Measure OAI-PMH ListRecords page latency and full-harvest rate.")
final class OaiBench implements Callable<Integer> {

  @Option(
      names = "--records",
      defaultValue = "1000000",
      paramLabel = "N",
      description = "Records in the catalog (default: ${DEFAULT-VALUE}).")
  int records;

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
      defaultValue = "100",
      paramLabel = "N",
      description = "oai.page-size (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(
      names = "--prefix",
      defaultValue = "oai_dc",
      paramLabel = "PREFIX",
      description =
          "metadataPrefix harvested: oai_dc, edm, mods or oai_qdc (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Option(
      names = "--deep-cursor",
      defaultValue = "900000",
      paramLabel = "N",
      description = "Cursor of the deep page measured (default: ${DEFAULT-VALUE}).")
  long deepCursor;

  @Option(
      names = "--samples",
      defaultValue = "25",
      paramLabel = "N",
      description = "Requests per latency median (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--harvests",
      defaultValue = "3",
      paramLabel = "N",
      description = "Full harvests, one after the other; the median rate is printed too.")
  int harvests;

  @Option(
      names = "--warmup-records",
      defaultValue = "300000",
      paramLabel = "N",
      description =
          "Records harvested at least before the measured harvests, following tokens and"
              + " starting the list again at its end; more while the JIT compiler takes over a"
              + " tenth of the time (up to ten times as many). Their rate is printed but not"
              + " counted: the first harvests of a new process run while the JIT compiler is still"
              + " compiling the server's code (default: ${DEFAULT-VALUE}; 0 measures from a cold"
              + " start).")
  long warmupRecords;

  @Option(
      names = "--on-request",
      description =
          "Render every record on its request, as before records were rendered ahead (for"
              + " comparison).")
  boolean onRequest;

  /**
   * The harvester's HTTP client: Apache HttpClient's blocking one, one keep-alive connection. (The
   * JDK's client hands every response between threads, which on two cores cost the harvest more
   * than the server's own work.)
   */
  private final CloseableHttpClient client =
      HttpClients.custom()
          .setMaxConnPerRoute(1)
          .setMaxConnTotal(1)
          .disableContentCompression()
          .build();

  /** A GET's status, body and time to the last byte. */
  private record Got(int status, byte[] body, long nanos) {}

  private Got get(URI uri) throws IOException {
    long start = System.nanoTime();
    try (CloseableHttpResponse response = client.execute(new HttpGet(uri))) {
      byte[] body = EntityUtils.toByteArray(response.getEntity());
      return new Got(response.getStatusLine().getStatusCode(), body, System.nanoTime() - start);
    }
  }

  private final XMLInputFactory xml = new com.ctc.wstx.stax.WstxInputFactory();

  @Override
  public Integer call() throws Exception {
    Path dir = data != null ? data : Files.createTempDirectory("dossier-bench-oai");
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
    Map<String, String> overrides = new HashMap<>();
    overrides.put(Settings.DATA_DIR.key(), dir.toString());
    overrides.put(Settings.SERVER_PORT.key(), "0");
    overrides.put(Settings.SERVER_HOST.key(), "127.0.0.1");
    overrides.put(Settings.ARCHIVE_LOAD_SAMPLE.key(), "false");
    overrides.put(Settings.OAI_PAGE_SIZE.key(), Integer.toString(pageSize));
    // OAI-PMH is measured in the steady state: the follower's lanes stay idle after their first
    // round, and every store is caught up before anything is measured.
    overrides.put(Settings.PROJECTION_POLL_MILLIS.key(), "86400000");
    // A fixed base URL: the renditions carry it, so a catalog kept with --data is rendered once.
    overrides.put(Settings.SERVER_BASE_URL.key(), "https://bench.example.org");
    if (postgresUrl != null) {
      overrides.put(Settings.CATALOG_URL.key(), postgresUrl);
      overrides.put(Settings.CATALOG_USER.key(), postgresUser);
      overrides.put(Settings.CATALOG_PASSWORD.key(), postgresPassword);
    }
    Settings settings = Settings.load(null, Map.of(), overrides);
    System.out.println("catalog: " + (postgresUrl != null ? "postgresql" : "sqlite"));
    System.out.println("metadata prefix: " + prefix);
    System.out.println("heap max: " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");

    try (DossierServer server = DossierServer.start(settings)) {
      fill(server.catalog());
      // Likewise the search index and the OAI renditions, which follow the catalog in the
      // background: each catches up here (once, for a catalog kept with --data). The RDF store's
      // lane made its first round before the catalog was filled and then stays idle: projecting a
      // million records takes long and would share the cores with the harvest. (A catalog kept
      // with --data starts its RDF lane behind, which then works during the measurement: the
      // lag printed below says so.)
      OaiRenditions renditions = server.derivedStores().oaiRenditions();
      if (onRequest) {
        renditions.rebuild(server.catalog());
        System.out.println("records rendered: on each request");
      }
      for (Projection<?> p : server.derivedStores().follower().projections()) {
        if ((onRequest && p == renditions) || p == server.linkedData().projector()) {
          continue;
        }
        long waitStart = System.nanoTime();
        server.derivedStores().follower().catchUpNow(p);
        System.out.printf(
            "%s caught up in: %.1f s (before measuring)%n",
            p.name(), (System.nanoTime() - waitStart) / 1e9);
      }
      if (postgresUrl != null) {
        vacuum();
      }
      server.derivedStores().lag().stream()
          .filter(l -> !l.current())
          .forEach(
              l ->
                  System.out.println(
                      l.name() + ": " + l.changesBehind() + " changes behind, left idle"));
      String endpoint = "http://127.0.0.1:" + server.port() + "/oai";
      for (int i = 0; i < 5; i++) {
        fetch(endpoint, "verb", "ListRecords", "metadataPrefix", prefix);
      }
      List<Long> first = new ArrayList<>();
      List<Long> firstCounted = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        // A from the server has not seen: the same list, but its size is counted afresh.
        String from = java.time.Instant.EPOCH.plusSeconds(i + 1).toString();
        firstCounted.add(
            fetch(endpoint, "verb", "ListRecords", "metadataPrefix", prefix, "from", from).nanos);
      }
      for (int i = 0; i < samples; i++) {
        first.add(fetch(endpoint, "verb", "ListRecords", "metadataPrefix", prefix).nanos);
      }

      long heapBefore = usedHeapAfterGc();
      long peakHeap = 0;
      String secondToken = null;
      String deepToken = null;
      long harvested = 0;
      List<Double> rates = new ArrayList<>();
      List<Double> cpuRates = new ArrayList<>();
      if (warmupRecords > 0) {
        warmUp(endpoint);
      }
      for (int run = 1; run <= harvests; run++) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        harvested = 0;
        Page page = scan(endpoint, "verb", "ListRecords", "metadataPrefix", prefix);
        while (true) {
          harvested += page.records;
          peakHeap =
              Math.max(
                  peakHeap, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
          if (page.token == null || page.token.isEmpty()) {
            break;
          }
          if (secondToken == null) {
            secondToken = page.token;
          }
          if (deepToken == null && harvested >= deepCursor) {
            deepToken = page.token;
          }
          page = scan(endpoint, "verb", "ListRecords", "resumptionToken", page.token);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        rates.add(harvested / seconds);
        cpuRates.add(harvested / cpuSeconds);
        System.out.printf(
            "full harvest %d: %d records in %.1f s = %.0f records/s (%.0f per CPU second)%n",
            run, harvested, seconds, harvested / seconds, harvested / cpuSeconds);
      }
      long heapAfter = usedHeapAfterGc();
      List<Long> second = new ArrayList<>();
      List<Long> deep = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        if (secondToken != null) {
          second.add(fetch(endpoint, "verb", "ListRecords", "resumptionToken", secondToken).nanos);
        }
        if (deepToken != null) {
          deep.add(fetch(endpoint, "verb", "ListRecords", "resumptionToken", deepToken).nanos);
        }
      }
      System.out.println("records: " + harvested + " records");
      System.out.printf("first page latency (median): %.2f ms%n", median(first));
      System.out.printf(
          "first page latency, list size counted afresh (median): %.2f ms%n", median(firstCounted));
      if (!second.isEmpty()) {
        System.out.printf("second page latency (median): %.2f ms%n", median(second));
      }
      if (!deep.isEmpty()) {
        System.out.printf(
            "deep page latency at cursor >= %d (median): %.2f ms%n", deepCursor, median(deep));
        System.out.printf("deep/first ratio: %.2f%n", median(deep) / median(first));
        System.out.printf(
            "deep/first ratio, size counted afresh: %.2f%n", median(deep) / median(firstCounted));
        if (!second.isEmpty()) {
          System.out.printf("deep/second ratio: %.2f%n", median(deep) / median(second));
        }
      }
      System.out.printf(
          "full harvest rate (median of %d): %.0f records/s%n", rates.size(), medianOf(rates));
      // Server and harvester share this process; on a busy machine CPU time is the steadier figure.
      System.out.printf(
          "full harvest records per CPU second, server and harvester together (median): %.0f%n",
          medianOf(cpuRates));
      System.out.printf(
          "system load average at end: %.1f%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("heap used before harvest (after GC): " + heapBefore / (1 << 20) + " MB");
      System.out.println("heap used after harvest (after GC): " + heapAfter / (1 << 20) + " MB");
      System.out.println("heap used peak during harvest: " + peakHeap / (1 << 20) + " MB");
    }
    return 0;
  }

  /** Records harvested between two looks at the JIT compiler during the warm-up. */
  private static final long WARMUP_STEP = 100_000;

  /**
   * The warm-up goes on while the JIT compiler's time exceeds this share of the last step's: the
   * harvest's code is then still being compiled (on two cores, beside the harvest).
   */
  private static final double WARMUP_JIT_SHARE = 0.10;

  /**
   * Harvests, untimed, at least {@link #warmupRecords} records and then on while the JIT compiler
   * is still busy (at most ten times as many), following tokens and starting the list again at its
   * end.
   */
  private void warmUp(String endpoint) throws Exception {
    java.lang.management.CompilationMXBean jit =
        java.lang.management.ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    long warmed = 0;
    String token = null;
    double share = 1;
    while (warmed < warmupRecords || (share > WARMUP_JIT_SHARE && warmed < 10 * warmupRecords)) {
      long stepStart = System.nanoTime();
      long compiledBefore = jit.getTotalCompilationTime();
      for (long step = 0; step < WARMUP_STEP; ) {
        Page page =
            token == null
                ? scan(endpoint, "verb", "ListRecords", "metadataPrefix", prefix)
                : scan(endpoint, "verb", "ListRecords", "resumptionToken", token);
        step += page.records;
        warmed += page.records;
        token = page.token == null || page.token.isEmpty() ? null : page.token;
      }
      double stepMillis = (System.nanoTime() - stepStart) / 1e6;
      share = (jit.getTotalCompilationTime() - compiledBefore) / stepMillis;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "warm-up harvesting (not counted): %d records in %.1f s = %.0f records/s; JIT compiler"
            + " time in its last %d records: %.0f%% of theirs%n",
        warmed, seconds, warmed / seconds, WARMUP_STEP, share * 100);
  }

  /**
   * Vacuums and analyses the tables a harvest reads, as autovacuum would soon after a bulk load:
   * otherwise it does so during the first harvests, and they measure it.
   */
  private void vacuum() throws java.sql.SQLException {
    long start = System.nanoTime();
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(postgresUrl, postgresUser, postgresPassword);
        java.sql.Statement s = c.createStatement()) {
      s.execute("VACUUM (ANALYZE) records, renditions, changes, memberships");
    }
    System.out.printf(
        "tables vacuumed and analysed in: %.1f s (before measuring)%n",
        (System.nanoTime() - start) / 1e9);
  }

  /** Writes synthetic records until the catalog holds {@link #records}, 10,000 per transaction. */
  private void fill(Catalog catalog) {
    long have = catalog.recordCount();
    if (have >= records) {
      System.out.println("catalog already holds " + have + " records");
      return;
    }
    long start = System.nanoTime();
    Random random = new Random(1);
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
    for (int i = 1; i <= records; ) {
      try (CatalogWriter writer = catalog.writer()) {
        for (int end = Math.min(records, i + 9_999); i <= end; i++) {
          writer.put(RecordJson.record(Generator.record(i, random)));
        }
        writer.commit();
      }
      if (i % 100_000 == 1) {
        System.err.println("written " + (i - 1) + " records");
      }
    }
    System.out.printf(
        "catalog filled: %d records in %.1f s%n",
        catalog.recordCount(), (System.nanoTime() - start) / 1e9);
  }

  private record Page(long nanos, int records, String token) {}

  /** GET the endpoint with these arguments (name, value, name, value…); anything but 200 fails. */
  private Got request(String endpoint, String... arguments) throws IOException {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      parts.add(arguments[i] + "=" + URLEncoder.encode(arguments[i + 1], StandardCharsets.UTF_8));
    }
    URI uri = URI.create(endpoint + "?" + String.join("&", parts));
    Got response = get(uri);
    if (response.status() != 200) {
      throw new IllegalStateException("HTTP " + response.status() + " for " + uri);
    }
    return response;
  }

  private Page fetch(String endpoint, String... arguments) throws Exception {
    Got response = request(endpoint, arguments);
    long nanos = response.nanos();
    // Read the page as a harvester does: every record, and the token to continue with.
    XMLStreamReader reader = xml.createXMLStreamReader(new ByteArrayInputStream(response.body()));
    int count = 0;
    String token = null;
    while (reader.hasNext()) {
      if (reader.next() == XMLStreamConstants.START_ELEMENT) {
        switch (reader.getLocalName()) {
          case "record" -> count++;
          case "resumptionToken" -> token = reader.getElementText();
          case "error" ->
              throw new IllegalStateException(
                  "OAI error " + reader.getAttributeValue(null, "code") + " for " + arguments[1]);
          default -> {}
        }
      }
    }
    return new Page(nanos, count, token);
  }

  private static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * A page as a harvester that only follows tokens reads it: the records counted by their start
   * tags and the token found by its element, without parsing (the tests check the XML).
   */
  private Page scan(String endpoint, String... arguments) throws Exception {
    Got response = request(endpoint, arguments);
    long nanos = response.nanos();
    String body = new String(response.body(), StandardCharsets.ISO_8859_1);
    int count = 0;
    for (int at = body.indexOf("<record>"); at >= 0; at = body.indexOf("<record>", at + 8)) {
      count++;
    }
    String token = null;
    int tag = body.lastIndexOf("<resumptionToken");
    if (tag >= 0) {
      int open = body.indexOf('>', tag);
      token = body.charAt(open - 1) == '/' ? "" : body.substring(open + 1, body.indexOf('<', open));
    } else if (body.contains("<error")) {
      throw new IllegalStateException("OAI error for " + String.join(" ", arguments));
    }
    return new Page(nanos, count, token);
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

  /**
   * Catches the server's search index up with its catalog (through the server's follower, on this
   * thread), so that its indexing does not share the cores with what is measured.
   */
  static void awaitSearchIndex(DossierServer server) throws InterruptedException {
    long waitStart = System.nanoTime();
    server.searchIndex().catchUp(server.catalog());
    System.out.printf(
        "search index caught up in: %.1f s (before measuring)%n",
        (System.nanoTime() - waitStart) / 1e9);
  }
}
