package org.dossier.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.cli.Generator;
import org.dossier.config.Settings;
import org.dossier.http.Catalogs;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A long mixed load on a generated catalog with scans, as a public endpoint meets it: OAI-PMH
 * harvesters, IIIF viewers, SPARQL clients, searchers, a crawler of the public pages and a hostile
 * client, all at once over keep-alive connections, while an importer updates or deletes 1% of the
 * records every minute. The server runs as a process of its own ({@code dossier serve}, heap set by
 * {@code --server-heap}). Prints per class of client: requests, errors (5xx, connection resets,
 * timeouts), median and p99 latency; the server's heap after a full GC and its resident set at the
 * start and the end; and then checks that an incremental OAI-PMH harvest, the search index and the
 * RDF store each reflect every change of the run exactly once. Exits 1 when a check fails or a
 * well-formed request got an error.
 */
@Command(
    name = "soak",
    description =
        "A long mixed load (harvesters, viewers, SPARQL, search, crawler, hostile client and an"
            + " importer at once) with per-class errors and latencies, memory at start and end, and"
            + " a check that every change of the run reached every protocol exactly once.")
final class SoakBench implements Callable<Integer> {
  @Option(
      names = "--minutes",
      defaultValue = "10",
      paramLabel = "M",
      description = "How long the load runs (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(
      names = "--records",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Generated records (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--scans",
      defaultValue = "24",
      paramLabel = "N",
      description =
          "Distinct scan files the records' pages are drawn from (default: ${DEFAULT-VALUE}).")
  int scans;

  @Option(
      names = "--server-heap",
      defaultValue = "512m",
      paramLabel = "SIZE",
      description = "The server's -Xmx (default: ${DEFAULT-VALUE}).")
  String serverHeap;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Keep the catalog in DIR (a new, empty directory) instead of a temporary one.")
  Path data;

  /** Records whose latest change in the run is an update in round r, by id; and the deleted. */
  private final Map<String, Integer> updatedInRound = new ConcurrentHashMap<>();

  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Map<String, Stats> stats = Collections.synchronizedMap(new TreeMap<>());
  private final List<String> vocabulary = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private final XMLInputFactory xml = new com.ctc.wstx.stax.WstxInputFactory();
  private String base;
  private CloseableHttpClient http;

  @Override
  public Integer call() throws Exception {
    if (minutes <= 0 || records < 100 || scans < 1) {
      throw new IllegalArgumentException(
          "--minutes must be positive, --records at least 100, --scans at least 1");
    }
    Path dir = data != null ? data : Files.createTempDirectory("dossier-bench-soak");
    try {
      return run(dir);
    } finally {
      if (data == null) {
        ImportBench.deleteTree(dir);
      }
    }
  }

  private Integer run(Path dir) throws Exception {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(Settings.DATA_DIR.key(), dir.toString());
    overrides.put(Settings.ARCHIVE_LOAD_SAMPLE.key(), "false");
    Settings settings = Settings.load(null, Map.of(), overrides);
    long prepareStart = System.nanoTime();
    List<int[]> sizes = writeScans(dir.resolve("images").resolve("soak"));
    fill(settings, sizes);
    System.out.printf(
        "prepared: %d records, %d scan files in %.0f s%n",
        records, scans, (System.nanoTime() - prepareStart) / 1e9);

    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(64);
    pool.setDefaultMaxPerRoute(64);
    http =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            // As a well-behaved keep-alive client does: a pooled connection idle for a while is
            // closed by the client before the server's idle timeout (30 s) closes it, so that no
            // request is ever written to a connection the server is closing at that moment.
            .evictIdleConnections(10, java.util.concurrent.TimeUnit.SECONDS)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectTimeout(10_000)
                    .setSocketTimeout(60_000)
                    .setConnectionRequestTimeout(60_000)
                    .build())
            .build();
    long startStart = System.nanoTime();
    try (ServerProcess server = ServerProcess.start(dir, List.of("-Xmx" + serverHeap))) {
      base = server.url();
      waitCaughtUp(Long.MAX_VALUE);
      System.out.printf(
          "server ready and every store caught up in: %.0f s%n",
          (System.nanoTime() - startStart) / 1e9);
      long pid = server.process().pid();
      // Warm every path once so the start's memory is the server's working state, not its boot.
      warmUp();
      Memory beforeLoad = Memory.of(pid);
      System.out.println("server before the load: " + beforeLoad);

      Instant runStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      Thread.sleep(Math.max(0, runStart.toEpochMilli() - System.currentTimeMillis()));
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String prefix = i % 2 == 0 ? "oai_dc" : "edm";
        threads.add(worker("harvester-" + i, () -> harvest(prefix)));
      }
      for (int i = 0; i < 16; i++) {
        threads.add(worker("viewer-" + i, this::view));
      }
      List<String> queries = sparqlExamples();
      for (int i = 0; i < 2; i++) {
        int first = i;
        threads.add(worker("sparql-" + i, () -> sparql(queries, first)));
      }
      for (int i = 0; i < 4; i++) {
        threads.add(worker("searcher-" + i, this::search));
      }
      threads.add(worker("crawler", this::crawl));
      threads.add(worker("hostile", this::hostile));
      threads.forEach(Thread::start);

      long runNanos = (long) (minutes * 60e9);
      long runBegin = System.nanoTime();
      // The resident set each minute, as it is (no collection, no pause): whether it levels off.
      List<long[]> everyMinute = Collections.synchronizedList(new ArrayList<>());
      Thread sampler =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    Thread.sleep(60_000);
                    everyMinute.add(Memory.resident(pid));
                  }
                } catch (Exception e) {
                  // the server is gone or the run is over: the samples so far are kept
                }
              },
              "memory-sampler");
      sampler.setDaemon(true);
      sampler.start();
      int round = 0;
      // The start's memory is taken 1.5 minutes into the load, once the bounded caches have filled
      // (what should stay flat is the working state, not the growth from an idle server to it),
      // with the clients paused so that no request's own data is counted; in a run of 10 minutes
      // or more, again 5.5 minutes in, once the JVM has also committed its heap and compiled the
      // hot code (the resident set each minute shows when that is done).
      Memory atStart = null;
      Memory warm = null;
      Map<String, long[]> warmClasses = null;
      int warmRound = minutes >= 10 ? 5 : -1;
      long pausedNanos = 0;
      // The importer: a round 30 s into each minute of the run.
      try (Catalog catalog = Catalogs.open(settings)) {
        while (true) {
          long next = runBegin + 30_000_000_000L + round * 60_000_000_000L;
          if (next >= runBegin + runNanos) {
            break;
          }
          Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
          boolean first = atStart == null && round == 1;
          if (first || (warm == null && round == warmRound)) {
            long pauseStart = System.nanoTime();
            Memory m = quiet(pid);
            pausedNanos = System.nanoTime() - pauseStart;
            runBegin += pausedNanos;
            if (first) {
              atStart = m;
              System.out.println("server 1.5 min into the load: " + m);
            } else {
              warm = m;
              warmClasses = Memory.classes(Memory.classHistogram(pid));
              System.out.println("server " + warmRound + ".5 min into the load: " + m);
            }
            continue;
          }
          round++;
          change(catalog, round, sizes);
        }
      }
      Thread.sleep(Math.max(0, (runBegin + runNanos - System.nanoTime()) / 1_000_000));
      stop.set(true);
      for (Thread t : threads) {
        t.join(120_000);
      }
      double ran = (System.nanoTime() - runBegin) / 60e9;
      // The end's memory likewise once every client has finished its last request.
      long endDeadline = System.nanoTime() + 120_000_000_000L;
      while (active.get() > 0 && System.nanoTime() < endDeadline) {
        Thread.sleep(50);
      }
      long waitStart = System.nanoTime();
      waitCaughtUp(600_000_000_000L);
      System.out.printf(
          "stores caught up after the run in: %.1f s%n", (System.nanoTime() - waitStart) / 1e9);
      Thread.sleep(1000);
      Memory atEnd = Memory.of(pid);
      if (atStart == null) {
        atStart = beforeLoad;
      }

      System.out.printf("run: %.1f min, %d importer rounds%n", ran, round);
      System.out.println(
          "class: requests, errors (5xx / resets / timeouts), 4xx, median ms, p99 ms, requests/s");
      boolean wellFormedErrors = false;
      synchronized (stats) {
        for (Map.Entry<String, Stats> e : stats.entrySet()) {
          Stats s = e.getValue();
          System.out.println(e.getKey() + ": " + s.summary(ran * 60));
          if (!e.getKey().startsWith("hostile raw") && s.errors() > 0) {
            wellFormedErrors = true;
          }
        }
      }
      System.out.println("server before the load:    " + beforeLoad);
      System.out.println("server 1.5 min into the load: " + atStart);
      if (warm != null) {
        System.out.println("server " + warmRound + ".5 min into the load: " + warm);
      }
      System.out.println("server at the end:          " + atEnd);
      System.out.println("largest classes on the server's heap at the end:");
      String histogram = Memory.classHistogram(pid);
      Memory.histogram(histogram, 12).forEach(line -> System.out.println("  " + line));
      if (warmClasses != null) {
        // What grew names what to look at when the heap after GC does not stay flat.
        System.out.println(
            "classes that grew most on the heap since " + warmRound + ".5 min (bytes, instances):");
        Memory.growth(warmClasses, Memory.classes(histogram), 12)
            .forEach(line -> System.out.println("  " + line));
      }
      if (atStart.heapAfterGc > 0) {
        System.out.printf(
            "heap after GC, end/start: %.2f; RSS end/start: %.2f (anonymous memory %.2f; the rest"
                + " is the stores' memory-mapped files, read by the queries)%n",
            (double) atEnd.heapAfterGc / atStart.heapAfterGc,
            (double) atEnd.rss / atStart.rss,
            (double) atEnd.anonymous / atStart.anonymous);
        if (warm != null && warm.heapAfterGc > 0) {
          System.out.printf(
              "against %d.5 min: heap after GC %.2f; RSS %.2f (anonymous memory %.2f)%n",
              warmRound,
              (double) atEnd.heapAfterGc / warm.heapAfterGc,
              (double) atEnd.rss / warm.rss,
              (double) atEnd.anonymous / warm.anonymous);
        }
      }

      printTimeline(everyMinute);

      boolean ok = verify(runStart);
      System.out.println(
          "well-formed requests with errors: " + (wellFormedErrors ? "some (see above)" : "none"));
      return ok && !wellFormedErrors ? 0 : 1;
    } finally {
      http.close();
    }
  }

  // ---- preparation -------------------------------------------------------------------------

  /** Scan files of A4 proportions with some drawing on them, so that JPEG has work to do. */
  private List<int[]> writeScans(Path folder) throws IOException {
    Files.createDirectories(folder);
    List<int[]> sizes = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < scans; i++) {
      int width = 1600 + random.nextInt(800);
      int height = width * 297 / 210;
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setColor(new Color(235, 228, 210));
      g.fillRect(0, 0, width, height);
      g.setColor(new Color(40, 40, 50));
      g.setFont(new Font(Font.SERIF, Font.PLAIN, 28));
      for (int y = 120; y < height - 100; y += 40) {
        StringBuilder line = new StringBuilder();
        for (int w = 0; w < 12; w++) {
          line.append("soak").append(random.nextInt(10_000)).append(' ');
        }
        g.drawString(line.toString(), 100, y);
      }
      g.dispose();
      ImageIO.write(image, "jpeg", folder.resolve("scan-" + i + ".jpg").toFile());
      sizes.add(new int[] {width, height});
    }
    return sizes;
  }

  /** Synthetic record {@code i}, its pages drawn from the scan files; a title word per round. */
  private ObjectNode record(int i, Random random, List<int[]> sizes, int round) {
    ObjectNode r = Generator.record(i, random);
    if (round > 0) {
      r.put("title", r.get("title").asString() + " soakround" + round);
    }
    ArrayNode pages = (ArrayNode) r.get("pages");
    for (int p = 0; p < pages.size(); p++) {
      int scan = (i * 7 + p) % sizes.size();
      ((ObjectNode) pages.get(p))
          .put("image", "soak/scan-" + scan + ".jpg")
          .put("width", sizes.get(scan)[0])
          .put("height", sizes.get(scan)[1]);
    }
    return r;
  }

  private void fill(Settings settings, List<int[]> sizes) {
    Random random = new Random(1);
    Set<String> words = new HashSet<>();
    Set<String> seenTypes = new HashSet<>();
    try (Catalog catalog = Catalogs.open(settings)) {
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
            ObjectNode r = record(i, random, sizes, 0);
            if (words.size() < 200) {
              for (String w : r.get("title").asString().split(" ")) {
                if (w.matches("[a-z]{4,}")) {
                  words.add(w);
                }
              }
            }
            seenTypes.add(r.get("type").asString());
            writer.put(RecordJson.record(r));
          }
          writer.commit();
        }
      }
    }
    vocabulary.addAll(words);
    Collections.sort(vocabulary);
    types.addAll(seenTypes);
    Collections.sort(types);
  }

  /** One importer round: 1% of the live records, four in five updated, one in five deleted. */
  private void change(Catalog catalog, int round, List<int[]> sizes) {
    long start = System.nanoTime();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int n = Math.max(1, records / 100);
    Set<Integer> chosen = new HashSet<>();
    while (chosen.size() < n) {
      int i = 1 + random.nextInt(records);
      if (!deleted.contains(id(i))) {
        chosen.add(i);
      }
    }
    int updates = 0;
    int deletes = 0;
    try (CatalogWriter writer = catalog.writer()) {
      for (int i : chosen) {
        if (random.nextInt(5) == 0) {
          writer.delete(id(i));
          deletes++;
        } else {
          writer.put(RecordJson.record(record(i, new Random(i), sizes, round)));
          updates++;
        }
      }
      writer.commit();
    }
    // Only once committed is a change what the protocols must show: the bookkeeping reads the
    // catalog's answer rather than the coin flips.
    for (int i : chosen) {
      if (catalog.record(id(i)).map(org.dossier.catalog.Record::deleted).orElse(true)) {
        deleted.add(id(i));
        updatedInRound.remove(id(i));
      } else {
        updatedInRound.put(id(i), round);
      }
    }
    long nanos = System.nanoTime() - start;
    stats("importer round").record(200, nanos);
    System.out.printf(
        "importer round %d: %d updated, %d deleted in %.1f s%n",
        round, updates, deletes, nanos / 1e9);
  }

  private static String id(int i) {
    return String.format("synthetic-%08d", i);
  }

  // ---- the clients --------------------------------------------------------------------------

  private Thread worker(String name, Loop loop) {
    Thread t =
        new Thread(
            () -> {
              active.incrementAndGet();
              while (!stop.get()) {
                try {
                  checkpoint();
                  loop.once();
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // A client's own mistake (a page it could not parse) must not end its load.
                  stats("client failures").record(0, 0);
                }
              }
              active.decrementAndGet();
            },
            name);
    t.setDaemon(true);
    return t;
  }

  private final AtomicBoolean paused = new AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicInteger active =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Where a client waits while the load is paused for a measurement. */
  private void checkpoint() throws InterruptedException {
    if (paused.get()) {
      active.decrementAndGet();
      try {
        while (paused.get() && !stop.get()) {
          Thread.sleep(20);
        }
      } finally {
        active.incrementAndGet();
      }
    }
  }

  /**
   * The server's memory with no request in flight: the clients pause after their current request,
   * and the server is measured once every one has (and the importer is between rounds).
   */
  private Memory quiet(long pid) throws Exception {
    paused.set(true);
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (active.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      // Nor the stores' own work: the batch a projection is applying is in memory too.
      waitCaughtUp(600_000_000_000L);
      Thread.sleep(1000);
      return Memory.of(pid);
    } finally {
      paused.set(false);
    }
  }

  @FunctionalInterface
  private interface Loop {
    void once() throws Exception;
  }

  /** A GET's status and body, timed into the class's figures; null on a reset or timeout. */
  private Got get(String kind, String pathAndQuery, String... headers) {
    return send(kind, new HttpGet(URI.create(base + pathAndQuery)), headers);
  }

  private Got send(String kind, HttpRequestBase request, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    Stats s = stats(kind);
    long start = System.nanoTime();
    try (CloseableHttpResponse response = http.execute(request)) {
      byte[] body =
          response.getEntity() == null
              ? new byte[0]
              : EntityUtils.toByteArray(response.getEntity());
      int status = response.getStatusLine().getStatusCode();
      s.record(status, System.nanoTime() - start);
      return new Got(status, body, response);
    } catch (SocketTimeoutException e) {
      if (s.timeouts.incrementAndGet() <= 3) {
        System.out.printf(
            "%s: %s %s timed out after %.1f s: %s%n",
            kind,
            request.getMethod(),
            pathAndQueryOf(request),
            (System.nanoTime() - start) / 1e9,
            e);
      }
      return null;
    } catch (IOException e) {
      if (s.resets.incrementAndGet() <= 3) {
        System.out.printf(
            "%s: %s %s failed: %s%n", kind, request.getMethod(), pathAndQueryOf(request), e);
      }
      return null;
    }
  }

  private static String pathAndQueryOf(HttpRequestBase request) {
    String s = request.getURI().getRawPath();
    String q = request.getURI().getRawQuery();
    s = q == null ? s : s + "?" + q;
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }

  private record Got(int status, byte[] body, HttpResponse response) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern TOKEN =
      Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");

  /** A full harvest, then an incremental one from the full one's start, and so on. */
  private void harvest(String prefix) throws InterruptedException {
    Instant since = null;
    while (!stop.get()) {
      Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String query = "/oai?verb=ListRecords&metadataPrefix=" + prefix;
      if (since != null) {
        query += "&from=" + since;
      }
      String kind = since == null ? "oai full " + prefix : "oai incremental " + prefix;
      while (query != null && !stop.get()) {
        checkpoint();
        Got got = get(kind, query, "Accept-Encoding", "gzip");
        if (got == null || got.status != 200) {
          Thread.sleep(1000);
          break;
        }
        Matcher m = TOKEN.matcher(got.text());
        query =
            m.find()
                ? "/oai?verb=ListRecords&resumptionToken="
                    + URLEncoder.encode(m.group(1).replace("&amp;", "&"), StandardCharsets.UTF_8)
                : null;
      }
      since = since == null ? started : null;
      if (since == null) {
        // After an incremental harvest, a pause, as a scheduled harvester has.
        Thread.sleep(5_000);
      }
    }
  }

  /** A viewer: a manifest, its first image's info.json, three tiles and a region of any size. */
  private void view() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id = id(1 + random.nextInt(records));
    Got manifest = get("viewer manifest", "/iiif/3/" + id + "/manifest");
    if (manifest == null || manifest.status != 200) {
      return;
    }
    JsonNode m = RecordJson.MAPPER.readTree(manifest.body);
    JsonNode canvases = m.path("items");
    JsonNode canvas = canvases.get(random.nextInt(canvases.size()));
    String service =
        canvas
            .path("items")
            .get(0)
            .path("items")
            .get(0)
            .path("body")
            .path("service")
            .get(0)
            .path("id")
            .asString();
    String path = URI.create(service).getRawPath();
    Got info = get("viewer info.json", path + "/info.json");
    if (info == null || info.status != 200) {
      return;
    }
    JsonNode i = RecordJson.MAPPER.readTree(info.body);
    int width = i.path("width").asInt();
    int height = i.path("height").asInt();
    JsonNode tiles = i.path("tiles").get(0);
    int tile = tiles.path("width").asInt();
    JsonNode factors = tiles.path("scaleFactors");
    for (int t = 0; t < 3; t++) {
      int sf = factors.get(random.nextInt(factors.size())).asInt();
      int span = tile * sf;
      int x = random.nextInt((width + span - 1) / span) * span;
      int y = random.nextInt((height + span - 1) / span) * span;
      int w = Math.min(span, width - x);
      int h = Math.min(span, height - y);
      int sw = (w + sf - 1) / sf;
      get(
          "viewer tile",
          path + "/" + x + "," + y + "," + w + "," + h + "/" + sw + ",/0/default.jpg");
    }
    int w = 200 + random.nextInt(width - 200);
    int h = 200 + random.nextInt(height - 200);
    int x = random.nextInt(width - w + 1);
    int y = random.nextInt(height - h + 1);
    get("viewer region", path + "/" + x + "," + y + "," + w + "," + h + "/!600,600/0/default.jpg");
  }

  private List<String> sparqlExamples() throws IOException {
    List<String> queries = new ArrayList<>();
    for (String name :
        List.of(
            "1-recent-records.rq",
            "2-people-most-named.rq",
            "3-count-by-type.rq",
            "4-who-wrote-to-whom.rq",
            "5-collection-members.rq",
            "6-describe-a-record.rq")) {
      try (InputStream in = Catalog.class.getResourceAsStream("/org/dossier/rdf/sparql/" + name)) {
        if (in == null) {
          throw new IllegalStateException(name + " is missing from the class path");
        }
        queries.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return queries;
  }

  private int sparqlTurn;

  /** The endpoint's example queries in turn. */
  private void sparql(List<String> queries, int first) {
    int n = (first + sparqlTurn++) % queries.size();
    String q = queries.get(n);
    String accept = q.contains("DESCRIBE") ? "text/turtle" : "application/sparql-results+json";
    get(
        "sparql example " + (n + 1),
        "/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
        "Accept",
        accept);
  }

  /** Random words, now and then a filter, a date order or a page (sometimes a deep one). */
  private void search() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder q = new StringBuilder("/search?q=");
    q.append(URLEncoder.encode(vocabulary.get(random.nextInt(vocabulary.size())), UTF8));
    if (random.nextBoolean()) {
      q.append("+")
          .append(URLEncoder.encode(vocabulary.get(random.nextInt(vocabulary.size())), UTF8));
    }
    switch (random.nextInt(6)) {
      case 0 ->
          q.append("&type=")
              .append(URLEncoder.encode(types.get(random.nextInt(types.size())), UTF8));
      case 1 -> q.append("&from=").append(1945 + random.nextInt(20)).append("&to=1991");
      case 2 ->
          q.append("&person=")
              .append(URLEncoder.encode("Synthetic Person " + random.nextInt(1000), UTF8));
      case 3 -> q.append("&sort=date");
      default -> {}
    }
    int page = random.nextInt(10) == 0 ? 1 + random.nextInt(1000) : 1 + random.nextInt(5);
    q.append("&page=").append(page);
    get("search", q.toString());
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private final ArrayDeque<String> crawlQueue = new ArrayDeque<>();
  private final Set<String> crawled = new HashSet<>();

  /** A crawler of the public pages: breadth first from the home page, staying on the site. */
  private void crawl() {
    if (crawlQueue.isEmpty() || crawled.size() > 20_000) {
      crawlQueue.clear();
      crawled.clear();
      crawlQueue.add("/");
    }
    String path = crawlQueue.poll();
    if (!crawled.add(path)) {
      return;
    }
    Got got = get("crawler", path, "Accept", "text/html");
    if (got == null || got.status != 200) {
      return;
    }
    String type = got.response.getFirstHeader("Content-Type").getValue();
    if (!type.startsWith("text/html")) {
      return;
    }
    Document page = Jsoup.parse(got.text(), base + path);
    for (Element a : page.select("a[href]")) {
      String href = a.absUrl("href");
      if (!href.startsWith(base + "/")) {
        continue;
      }
      String p = href.substring(base.length()).replaceAll("#.*", "");
      if (p.startsWith("/iiif")
          || p.startsWith("/oai")
          || p.startsWith("/sparql")
          || p.startsWith("/dumps")
          || p.startsWith("/static")
          || p.startsWith("/id/")) {
        continue;
      }
      if (!crawled.contains(p) && crawlQueue.size() < 5_000) {
        crawlQueue.add(p);
      }
    }
  }

  /** Malformed requests of every protocol; anything but a 4xx (or a 2xx where harmless) counts. */
  private void hostile() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id = id(1 + random.nextInt(records));
    switch (random.nextInt(16)) {
      case 0 -> get("hostile", "/records/" + id, "Accept", "garbage/type;q=x");
      case 1 -> get("hostile", "/id/" + id, "Accept", ";;;,,,q=2");
      case 2 -> get("hostile", "/oai?verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x");
      case 3 -> get("hostile", "/oai?verb=Frobnicate&verb=ListSets");
      case 4 -> get("hostile", "/oai?verb=ListRecords&metadataPrefix=edm&from=2001-13-45");
      case 5 -> get("hostile", "/iiif/3/" + id + "/manifest/../../../etc/passwd");
      case 6 -> get("hostile", "/iiif/image/3/" + id + "-p1/-5,0,10,10/max/0/default.jpg");
      case 7 -> get("hostile", "/iiif/image/3/" + id + "-p1/full/pct:100000/0/default.jpg");
      case 8 ->
          get("hostile", "/sparql?query=" + URLEncoder.encode("SELECT * WHERE { ?s ?p", UTF8));
      case 9 -> {
        HttpPost post = new HttpPost(URI.create(base + "/sparql"));
        post.setHeader("Content-Type", "application/sparql-query");
        // As curl sends a large body: asking first, so that a refusal arrives before the body.
        post.setConfig(RequestConfig.custom().setExpectContinueEnabled(true).build());
        post.setEntity(new ByteArrayEntity(new byte[4 << 20]));
        send("hostile", post);
      }
      case 10 -> get("hostile", "/search?q=" + "%22".repeat(50) + "&page=99999999999");
      case 11 -> get("hostile", "/static/..%2f..%2fpom.xml");
      case 12 -> raw("GET /records/%00" + id + " HTTP/1.1\r\nHost: x\r\n\r\n");
      case 13 -> raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      case 14 -> raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n");
      default -> raw("BREW /coffee HTTP/1.1\r\nHost: x\r\n\r\n");
    }
  }

  /** A malformed request written on a socket of its own; its status line is read and timed. */
  private void raw(String request) {
    Stats s = stats("hostile raw");
    URI uri = URI.create(base);
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before a huge request is written: read its answer.
      }
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      String[] parts = line.toString().split(" ");
      int status =
          parts.length > 1 && parts[1].matches("[0-9]{3}") ? Integer.parseInt(parts[1]) : 0;
      if (status == 0) {
        s.resets.incrementAndGet();
      } else {
        s.record(status, System.nanoTime() - start);
      }
    } catch (SocketTimeoutException e) {
      s.timeouts.incrementAndGet();
    } catch (IOException e) {
      s.resets.incrementAndGet();
    }
  }

  private void warmUp() {
    get("warm-up", "/");
    get("warm-up", "/oai?verb=ListRecords&metadataPrefix=oai_dc");
    get("warm-up", "/iiif/3/" + id(1) + "/manifest");
    get("warm-up", "/search?q=treaty");
    get("warm-up", "/sparql?query=" + URLEncoder.encode("ASK {}", UTF8));
    stats.remove("warm-up");
  }

  // ---- after the run --------------------------------------------------------------------------

  /** Polls /health until every store has applied every change (or the wait is up). */
  private void waitCaughtUp(long maxNanos) throws Exception {
    long deadline = maxNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + maxNanos;
    while (true) {
      Got got = send("health", new HttpGet(URI.create(base + "/health")));
      stats.remove("health");
      if (got != null && got.status == 200) {
        JsonNode health = RecordJson.MAPPER.readTree(got.body);
        boolean behind = false;
        for (JsonNode p : health.path("projections")) {
          behind |= p.path("changesBehind").asLong() > 0;
        }
        if (!behind) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the server's stores did not catch up: " + base + "/health");
      }
      Thread.sleep(1000);
    }
  }

  /** Every change of the run, seen once by each protocol. */
  private boolean verify(Instant runStart) throws Exception {
    boolean ok = true;
    // OAI-PMH: an incremental harvest from the run's start lists each changed record once.
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> titles = new HashMap<>();
    Set<String> seenDeleted = new HashSet<>();
    String query = "/oai?verb=ListRecords&metadataPrefix=oai_dc&from=" + runStart;
    while (query != null) {
      Got got = get("verify", query);
      if (got == null || got.status != 200) {
        throw new IllegalStateException("the incremental harvest failed: " + query);
      }
      String token = readRecords(got.body, seen, titles, seenDeleted);
      query =
          token == null
              ? null
              : "/oai?verb=ListRecords&resumptionToken="
                  + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
    Set<String> changed = new HashSet<>(updatedInRound.keySet());
    changed.addAll(deleted);
    long twice = seen.values().stream().filter(n -> n > 1).count();
    long wrongTitle =
        updatedInRound.entrySet().stream()
            .filter(
                e -> !String.valueOf(titles.get(e.getKey())).endsWith("soakround" + e.getValue()))
            .count();
    boolean oaiOk =
        seen.keySet().equals(changed)
            && twice == 0
            && seenDeleted.equals(deleted)
            && wrongTitle == 0;
    System.out.printf(
        "OAI-PMH incremental harvest from %s: %d records (%d changed in the run), %d listed more"
            + " than once, %d deleted (%d expected), %d with a stale title: %s%n",
        runStart,
        seen.size(),
        changed.size(),
        twice,
        seenDeleted.size(),
        deleted.size(),
        wrongTitle,
        oaiOk ? "ok" : "WRONG");
    ok &= oaiOk;

    // The search index: every live record once, and each round's updates found by its word.
    long live = records - deleted.size();
    long listed = searchTotal("");
    boolean searchOk = listed == live;
    Map<Integer, Long> expectedPerRound = new TreeMap<>();
    updatedInRound.values().forEach(r -> expectedPerRound.merge(r, 1L, Long::sum));
    for (Map.Entry<Integer, Long> e : expectedPerRound.entrySet()) {
      searchOk &= searchTotal("soakround" + e.getKey()) == e.getValue();
    }
    System.out.printf(
        "search index: %d documents listed (%d live), each round's updates found by their word: %s%n",
        listed, live, searchOk ? "ok" : "WRONG");
    ok &= searchOk;

    // The RDF store: as many documents as live records; each round's titles counted once.
    long documents =
        sparqlCount(
            "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> }");
    boolean rdfOk = documents == live;
    Map<Integer, Long> wrongRounds = new TreeMap<>();
    for (Map.Entry<Integer, Long> e : expectedPerRound.entrySet()) {
      long n =
          sparqlCount(
              "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> ;"
                  + " <http://purl.org/dc/terms/title> ?t FILTER(STRENDS(STR(?t), \" soakround"
                  + e.getKey()
                  + "\")) }");
      if (n != e.getValue()) {
        wrongRounds.put(e.getKey(), n);
        rdfOk = false;
      }
    }
    System.out.printf(
        "RDF store: %d documents (%d live), each round's updated titles once: %s%n",
        documents, live, rdfOk ? "ok" : "WRONG");
    if (!rdfOk) {
      rdfDifferences();
      for (Map.Entry<Integer, Long> w : wrongRounds.entrySet()) {
        roundDifferences(w.getKey(), expectedPerRound.get(w.getKey()), w.getValue());
      }
    }
    ok &= rdfOk;
    return ok;
  }

  /** What differs between the RDF store and the catalog, printed to help find why. */
  private void rdfDifferences() throws Exception {
    String cho = "<http://www.europeana.eu/schemas/edm/ProvidedCHO>";
    System.out.println(
        "  distinct documents: "
            + sparqlCount("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a " + cho + " }"));
    List<String> gone = new ArrayList<>(deleted);
    Collections.sort(gone);
    // The records' URIs are built from the server's public base URL, which Identify tells.
    Got identify = get("verify", "/oai?verb=Identify");
    Matcher m = Pattern.compile("<baseURL>(.*)/oai</baseURL>").matcher(identify.text());
    String publicBase = m.find() ? m.group(1) : base;
    StringBuilder values = new StringBuilder();
    for (String id : gone) {
      values.append(" <").append(publicBase).append("/id/record/").append(id).append('>');
    }
    System.out.println(
        "  of the "
            + gone.size()
            + " deleted, still described: "
            + sparqlCount(
                "SELECT (COUNT(?r) AS ?n) WHERE { VALUES ?r {" + values + " } ?r a " + cho + " }"));
    Got got =
        sparqlPost(
            "SELECT ?r ?g WHERE { GRAPH ?g { ?r a "
                + cho
                + " } VALUES ?r {"
                + values
                + " } } LIMIT 5",
            "text/csv");
    System.out.println("  some: " + (got == null ? "?" : got.text().replace("\r\n", " | ")));
  }

  /**
   * The records whose RDF titles name a round other than the catalog's, printed to help find why.
   */
  private void roundDifferences(int round, long expected, long got) throws Exception {
    Got titled =
        sparqlPost(
            "SELECT ?r ?t WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> ;"
                + " <http://purl.org/dc/terms/title> ?t FILTER(STRENDS(STR(?t), \" soakround"
                + round
                + "\")) }",
            "text/csv");
    Map<String, List<String>> inRdf = new TreeMap<>();
    if (titled != null) {
      String[] lines = titled.text().split("\r\n");
      for (int i = 1; i < lines.length; i++) {
        int comma = lines[i].indexOf(',');
        if (comma > 0) {
          String uri = lines[i].substring(0, comma);
          inRdf
              .computeIfAbsent(uri.substring(uri.lastIndexOf('/') + 1), k -> new ArrayList<>())
              .add(lines[i].substring(comma + 1));
        }
      }
    }
    Set<String> want = new TreeSet<>();
    updatedInRound.forEach(
        (id, r) -> {
          if (r == round) {
            want.add(id);
          }
        });
    List<String> extra = new ArrayList<>();
    List<String> twice = new ArrayList<>();
    inRdf.forEach(
        (id, titles) -> {
          if (!want.contains(id)) {
            extra.add(
                id
                    + " (catalog: round "
                    + updatedInRound.get(id)
                    + ", deleted "
                    + deleted.contains(id)
                    + ")");
          } else if (titles.size() > 1) {
            twice.add(id + " " + titles);
          }
        });
    List<String> missing = want.stream().filter(id -> !inRdf.containsKey(id)).limit(5).toList();
    System.out.printf(
        "  round %d: %d expected, %d counted; not the catalog's round: %d %s; titled more than"
            + " once: %d %s; missing: %s%n",
        round,
        expected,
        got,
        extra.size(),
        extra.stream().limit(5).toList(),
        twice.size(),
        twice.stream().limit(5).toList(),
        missing);
  }

  private String readRecords(
      byte[] body, Map<String, Integer> seen, Map<String, String> titles, Set<String> deletedSeen)
      throws Exception {
    XMLStreamReader r = xml.createXMLStreamReader(new java.io.ByteArrayInputStream(body));
    String token = null;
    String identifier = null;
    boolean isDeleted = false;
    while (r.hasNext()) {
      if (r.next() != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (r.getLocalName()) {
        case "header" -> isDeleted = "deleted".equals(r.getAttributeValue(null, "status"));
        case "identifier" -> {
          if ("http://www.openarchives.org/OAI/2.0/".equals(r.getNamespaceURI())) {
            identifier = r.getElementText();
            String id = identifier.substring(identifier.lastIndexOf(':') + 1);
            seen.merge(id, 1, Integer::sum);
            if (isDeleted) {
              deletedSeen.add(id);
            }
          }
        }
        case "title" -> {
          if (identifier != null) {
            titles.put(identifier.substring(identifier.lastIndexOf(':') + 1), r.getElementText());
          }
        }
        case "resumptionToken" -> {
          String t = r.getElementText().strip();
          token = t.isEmpty() ? null : t;
        }
        default -> {}
      }
    }
    return token;
  }

  private static final Pattern RESULTS = Pattern.compile("of ([0-9,]+)");

  private long searchTotal(String q) {
    Got got = get("verify", "/search?q=" + URLEncoder.encode(q, UTF8));
    if (got == null || got.status != 200) {
      throw new IllegalStateException("search for '" + q + "' failed");
    }
    Element heading = Jsoup.parse(got.text()).selectFirst("#results-heading");
    Matcher m = RESULTS.matcher(heading == null ? "" : heading.text());
    if (!m.find()) {
      throw new IllegalStateException("no result count on the search page for '" + q + "'");
    }
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** A query sent as the body of a POST: the verification's can be longer than a URI may be. */
  private Got sparqlPost(String query, String accept) {
    HttpPost post = new HttpPost(URI.create(base + "/sparql"));
    post.setHeader("Content-Type", "application/sparql-query");
    post.setEntity(new ByteArrayEntity(query.getBytes(StandardCharsets.UTF_8)));
    return send("verify", post, "Accept", accept);
  }

  private long sparqlCount(String query) throws Exception {
    Got got = sparqlPost(query, "application/sparql-results+json");
    if (got == null || got.status != 200) {
      throw new IllegalStateException("SPARQL failed: " + query);
    }
    return RecordJson.MAPPER
        .readTree(got.body)
        .path("results")
        .path("bindings")
        .get(0)
        .path("n")
        .path("value")
        .asLong();
  }

  // ---- figures --------------------------------------------------------------------------------

  private Stats stats(String kind) {
    return stats.computeIfAbsent(kind, k -> new Stats());
  }

  /** One class's counts and latencies. */
  private static final class Stats {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong clientErrors = new AtomicLong();
    final AtomicLong resets = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private long[] nanos = new long[1024];
    private int count;

    void record(int status, long elapsed) {
      requests.incrementAndGet();
      if (status >= 500) {
        serverErrors.incrementAndGet();
        byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
      } else if (status >= 400) {
        clientErrors.incrementAndGet();
      }
      synchronized (this) {
        if (count == nanos.length) {
          nanos = java.util.Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsed;
      }
    }

    long errors() {
      return serverErrors.get() + resets.get() + timeouts.get();
    }

    synchronized String summary(double seconds) {
      long[] sorted = java.util.Arrays.copyOf(nanos, count);
      java.util.Arrays.sort(sorted);
      double median = count == 0 ? 0 : sorted[count / 2] / 1e6;
      double p99 = count == 0 ? 0 : sorted[Math.min(count - 1, (int) (count * 0.99))] / 1e6;
      return String.format(
              "%d requests, %d errors (%d / %d / %d), %d 4xx, median %.1f ms, p99 %.1f ms, %.1f/s",
              requests.get() + resets.get() + timeouts.get(),
              errors(),
              serverErrors.get(),
              resets.get(),
              timeouts.get(),
              clientErrors.get(),
              median,
              p99,
              requests.get() / seconds)
          + (byStatus.isEmpty() ? "" : "; 5xx by status: " + new TreeMap<>(byStatus));
    }
  }

  /**
   * The resident set sampled each minute of the load, and the last sample against the one at 5
   * minutes (or a third of the run, if shorter): how much it grows once the heap has been committed
   * up to -Xmx and the JIT has compiled the hot code.
   */
  private static void printTimeline(List<long[]> everyMinute) {
    List<long[]> samples;
    synchronized (everyMinute) {
      samples = new ArrayList<>(everyMinute);
    }
    if (samples.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("RSS each minute of the load (MB, anonymous + mapped):");
    for (long[] m : samples) {
      line.append(' ').append(m[1] >> 20).append('+').append(m[2] >> 20);
    }
    System.out.println(line);
    int warm = Math.min(5, Math.max(1, samples.size() / 3)) - 1;
    long[] from = samples.get(warm);
    long[] last = samples.get(samples.size() - 1);
    System.out.printf(
        "RSS, last minute / minute %d: %.2f (anonymous %.2f, mapped files %.2f)%n",
        warm + 1,
        (double) last[0] / from[0],
        (double) last[1] / from[1],
        (double) last[2] / from[2]);
  }

  /** The server's heap after a full collection ({@code jcmd}) and resident set ({@code /proc}). */
  private record Memory(long heapAfterGc, long rss, long anonymous, long files) {
    /** VmRSS, RssAnon and RssFile of a process, in bytes (-1 where /proc does not say). */
    static long[] resident(long pid) throws IOException {
      long[] found = {-1, -1, -1};
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        long kib =
            line.matches("[A-Za-z]+:\\s+[0-9]+ kB")
                ? Long.parseLong(line.replaceAll("[^0-9]", ""))
                : -1;
        if (line.startsWith("VmRSS:")) {
          found[0] = kib * 1024;
        } else if (line.startsWith("RssAnon:")) {
          found[1] = kib * 1024;
        } else if (line.startsWith("RssFile:")) {
          found[2] = kib * 1024;
        }
      }
      return found;
    }

    static Memory of(long pid) throws Exception {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      long heap = -1;
      if (Files.isExecutable(jcmd)) {
        run(jcmd.toString(), Long.toString(pid), "GC.run");
        String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used ([0-9]+)K").matcher(info);
        if (m.find()) {
          heap = Long.parseLong(m.group(1)) * 1024;
        }
      }
      long[] resident = resident(pid);
      return new Memory(heap, resident[0], resident[1], resident[2]);
    }

    /**
     * The server's class histogram ({@code jcmd GC.class_histogram}, after a full GC), or null
     * without jcmd.
     */
    static String classHistogram(long pid) throws Exception {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      return Files.isExecutable(jcmd)
          ? run(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
          : null;
    }

    /** The first lines of a class histogram. */
    static List<String> histogram(String histogram, int lines) {
      if (histogram == null) {
        return List.of("n/a (no jcmd)");
      }
      return histogram.lines().filter(l -> l.matches("\\s*[0-9]+:.*")).limit(lines).toList();
    }

    /** The live objects of a class histogram by class: bytes and instances. */
    static Map<String, long[]> classes(String histogram) {
      Map<String, long[]> all = new java.util.HashMap<>();
      if (histogram == null) {
        return all;
      }
      Pattern row = Pattern.compile("\\s*[0-9]+:\\s+([0-9]+)\\s+([0-9]+)\\s+(\\S+).*");
      for (String line : histogram.lines().toList()) {
        Matcher m = row.matcher(line);
        if (m.matches()) {
          all.put(m.group(3), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))});
        }
      }
      return all;
    }

    /** The classes whose bytes grew most from {@code before} to {@code after}, largest first. */
    static List<String> growth(Map<String, long[]> before, Map<String, long[]> after, int lines) {
      return after.entrySet().stream()
          .map(
              e -> {
                long[] b = before.getOrDefault(e.getKey(), new long[2]);
                return Map.entry(
                    e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
              })
          .filter(e -> e.getValue()[0] > 0)
          .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]))
          .limit(lines)
          .map(e -> String.format("%+,d B %+,d %s", e.getValue()[0], e.getValue()[1], e.getKey()))
          .toList();
    }

    private static String run(String... command) throws Exception {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    }

    @Override
    public String toString() {
      return String.format(
          "heap after GC %s, RSS %d MB (anonymous %d MB, mapped files %d MB)",
          heapAfterGc < 0 ? "n/a (no jcmd)" : (heapAfterGc >> 20) + " MB",
          rss >> 20,
          anonymous >> 20,
          files >> 20);
    }
  }
}
