package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.http.Catalogs;
import org.dossier.ingest.Importer;
import org.dossier.testing.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kill -9} of {@code serve} while it is harvested, read and fed changes, then a restart on
 * the same data directory: the server comes back by itself, the SQLite catalog holds exactly the
 * writes that were committed, the derived stores (search index, RDF store, OAI renditions) catch up
 * with it, and a harvester that kept its last resumption token goes on where it stopped and misses
 * nothing.
 */
class KillDuringLoadIT {
  private static final int RECORDS = 2000;
  private static final int PAGE_SIZE = 40;
  private static final String WORD = "phoenixrevised";
  private static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";
  private static final String REPOSITORY = "dossier.example.org";

  /** How long the restarted server may take to answer /health with 200. */
  private static final long READY_LIMIT_SECONDS = 60;

  /** How long its stores may take to catch up with the catalog after that. */
  private static final long CATCH_UP_LIMIT_SECONDS = 90;

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void killedServerRestartsConsistentAndTheHarvestGoesOnFromItsLastToken() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Settings settings = Settings.load(null, Map.of(), Map.of("data.dir", data.toString()));
    Path records = dir.resolve("records.jsonl");
    Generator.write(records, RECORDS, new Random(11));
    try (Catalog catalog = Catalogs.open(settings)) {
      new Importer(
              catalog, data.resolve("images"), "http://rightsstatements.org/vocab/CNE/1.0/", null)
          .importFiles(List.of(records), false);
    }
    Set<String> allIds = new HashSet<>();
    for (int i = 1; i <= RECORDS; i++) {
      allIds.add(id(i));
    }

    Serve serve = Serve.start(dir, data, "first.log", 0);
    awaitReady(serve, 120);
    awaitCaughtUp(serve, 120);

    Load load = new Load(serve.port, settings);
    try {
      load.start();
      // A few seconds of load, and the harvest some pages in, before the kill.
      long loadStart = System.nanoTime();
      while (System.nanoTime() - loadStart < TimeUnit.SECONDS.toNanos(3)
          || (load.harvestPages.get() < 2
              && System.nanoTime() - loadStart < TimeUnit.SECONDS.toNanos(30))) {
        Thread.sleep(50);
      }
      assertTrue(load.harvestPages.get() >= 2, "harvested pages before the kill");
      assertTrue(load.harvester.isAlive(), "the harvest is still going when the server is killed");
      long killedAt = System.nanoTime();
      serve.process.destroyForcibly(); // SIGKILL
      assertTrue(serve.process.waitFor(10, TimeUnit.SECONDS));
      assertEquals(137, serve.process.exitValue(), "killed by SIGKILL");
      int pagesBeforeKill = load.harvestPages.get();
      // The importer goes on writing while no server runs.
      int updatesAtKill = load.updates.get();
      while (System.nanoTime() - killedAt < TimeUnit.MILLISECONDS.toNanos(1500)) {
        Thread.sleep(100);
      }
      load.stopWriting();
      assertTrue(
          load.updates.get() > updatesAtKill, "the importer wrote while the server was down");

      // On the same port, as a supervisor restarts it: the public base URL is the same, so the
      // stores only have the backlog to apply.
      serve = Serve.start(dir, data, "second.log", serve.port);
      long readyMillis = awaitReady(serve, READY_LIMIT_SECONDS);
      long caughtUpMillis = awaitCaughtUp(serve, CATCH_UP_LIMIT_SECONDS);
      System.out.printf(
          "KillDuringLoadIT: %d harvest pages before the kill; ready %d ms after the restart"
              + " (process start included), stores caught up %d ms later; %d updates, %d deletes"
              + " committed%n",
          pagesBeforeKill, readyMillis, caughtUpMillis, load.updated.size(), load.deleted.size());
      load.harvester.join(120_000);
      assertTrue(!load.harvester.isAlive(), "the harvest finished after the restart");
      assertEquals(null, load.harvestFailure, "harvest");
      assertTrue(
          load.harvestPages.get() > pagesBeforeKill,
          "pages were harvested after the restart, from the last token");
      load.stopReading();
      assertEquals(List.of(), load.serverErrors, "no 500 answers to the readers");

      // The catalog: intact, with exactly the committed writes.
      Set<String> deleted = Set.copyOf(load.deleted);
      long live = RECORDS - deleted.size();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("catalog.db"));
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
          assertTrue(rs.next());
          assertEquals("ok", rs.getString(1));
        }
        try (ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), SUM(deleted) FROM records WHERE id LIKE 'synthetic-%'")) {
          assertTrue(rs.next());
          assertEquals(RECORDS, rs.getLong(1), "records, tombstones included");
          assertEquals(deleted.size(), rs.getLong(2), "tombstones: the committed deletes");
        }
      }
      Map<String, String> titles = new java.util.HashMap<>(load.updated);
      titles.keySet().removeAll(deleted);
      try (Catalog catalog = Catalogs.open(settings)) {
        for (var e : titles.entrySet()) {
          assertEquals(e.getValue(), catalog.record(e.getKey()).orElseThrow().title());
        }
      }

      // The stores agree with the catalog.
      JsonNode health = json(serve.get("/health"));
      assertEquals(live, health.get("records").asLong(), health.toString());
      assertEquals(live, searchTotal(serve, ""), "site search lists every live record");
      assertEquals(titles.size(), searchTotal(serve, WORD), "updated titles are searchable");
      assertEquals(live, sparqlCount(serve), "SPARQL: a ProvidedCHO per live record");
      for (String id : titles.keySet().stream().limit(20).toList()) {
        String xml = serve.get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + oai(id));
        assertTrue(xml.contains(titles.get(id)), "GetRecord shows the new title: " + xml);
      }
      for (String id : deleted.stream().limit(20).toList()) {
        String xml = serve.get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + oai(id));
        assertTrue(xml.contains("status=\"deleted\""), "GetRecord of a deleted record: " + xml);
      }

      // The harvest that was cut by the kill, resumed from its last token, plus the incremental
      // harvest a harvester makes next (from the first one's start) has every record: each one
      // not changed since the harvest started is in the first.
      Set<String> harvested = new HashSet<>(load.harvested);
      Set<String> untouched = new HashSet<>(allIds);
      untouched.removeAll(load.updated.keySet());
      untouched.removeAll(deleted);
      Set<String> missing = new HashSet<>(untouched);
      missing.removeAll(harvested);
      assertEquals(Set.of(), missing, "records the resumed harvest missed");
      Set<String> next = new HashSet<>();
      harvest(serve, "from=" + load.harvestStart, next);
      Set<String> union = new HashSet<>(harvested);
      union.addAll(next);
      assertEquals(allIds, union, "the harvest and the next incremental one have every record");
      serve.process.destroy();
      assertTrue(serve.process.waitFor(30, TimeUnit.SECONDS));
    } finally {
      load.stopWriting();
      load.stopReading();
      serve.kill();
      // The servers' logs, for whoever reads why this failed or took long.
      for (String log : List.of("first.log", "second.log")) {
        if (Files.exists(dir.resolve(log))) {
          Files.copy(
              dir.resolve(log),
              Path.of("target", "KillDuringLoadIT-" + log),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String id(int i) {
    return String.format("synthetic-%08d", i);
  }

  private static String oai(String id) {
    return URLEncoder.encode("oai:" + REPOSITORY + ":" + id, StandardCharsets.UTF_8);
  }

  /** Waits for 200 from /health; returns the milliseconds since the process started. */
  private long awaitReady(Serve serve, long limitSeconds) throws Exception {
    long deadline = serve.startedNanos + TimeUnit.SECONDS.toNanos(limitSeconds);
    while (System.nanoTime() < deadline) {
      assertTrue(serve.process.isAlive(), "serve exited: " + serve.log());
      try {
        HttpResponse<String> r = serve.send("/health");
        if (r.statusCode() == 200) {
          return (System.nanoTime() - serve.startedNanos) / 1_000_000;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "not ready within " + limitSeconds + " s of the start: " + serve.log());
  }

  /** Waits until every projection has applied the whole change log; returns the milliseconds. */
  private long awaitCaughtUp(Serve serve, long limitSeconds) throws Exception {
    long t0 = System.nanoTime();
    JsonNode health = null;
    while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(limitSeconds)) {
      health = json(serve.get("/health"));
      boolean current = health.get("projections").size() > 0;
      for (JsonNode p : health.get("projections")) {
        current &= p.get("changesBehind").asLong() == 0;
      }
      if (current) {
        return (System.nanoTime() - t0) / 1_000_000;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("stores did not catch up: " + health + "\n" + serve.log());
  }

  private static JsonNode json(String text) {
    return RecordJson.read(text);
  }

  private static final Pattern TOTAL = Pattern.compile("<span class=\"count\">([^<]*)</span>");

  /** The number of documents the site's search says match {@code query} (empty: all). */
  private static long searchTotal(Serve serve, String query) throws Exception {
    String html = serve.get("/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    Matcher m = TOTAL.matcher(html);
    assertTrue(m.find(), html);
    String count = m.group(1);
    return Long.parseLong(count.substring(count.lastIndexOf("of") + 2).replaceAll("[^0-9]", ""));
  }

  private static long sparqlCount(Serve serve) throws Exception {
    String query =
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a"
            + " <http://www.europeana.eu/schemas/edm/ProvidedCHO> }";
    HttpRequest request =
        HttpRequest.newBuilder(serve.uri("/sparql"))
            .header("Accept", "application/sparql-results+json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).get("results").get("bindings").get(0).get("n").get("value").asLong();
  }

  /**
   * A whole ListIdentifiers harvest with extra arguments, into {@code ids}; returns the first
   * page's responseDate.
   */
  private static String harvest(Serve serve, String arguments, Set<String> ids) throws Exception {
    String first = null;
    String next = null;
    do {
      String xml =
          serve.get(
              next == null
                  ? "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&" + arguments
                  : "/oai?verb=ListIdentifiers&resumptionToken="
                      + URLEncoder.encode(next, StandardCharsets.UTF_8));
      Page page = Page.parse(xml);
      if (first == null) {
        first = page.responseDate;
      }
      ids.addAll(page.ids);
      next = page.token;
    } while (next != null);
    return first;
  }

  /** One ListIdentifiers response: its identifiers (record ids) and its resumption token. */
  private record Page(String responseDate, List<String> ids, String token, String error) {
    static Page parse(String xml) throws Exception {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Document d =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      List<String> ids = new ArrayList<>();
      NodeList headers = d.getElementsByTagNameNS(OAI_NS, "header");
      for (int i = 0; i < headers.getLength(); i++) {
        Element h = (Element) headers.item(i);
        String oaiId = h.getElementsByTagNameNS(OAI_NS, "identifier").item(0).getTextContent();
        ids.add(oaiId.substring(oaiId.lastIndexOf(':') + 1));
      }
      NodeList tokens = d.getElementsByTagNameNS(OAI_NS, "resumptionToken");
      String token = tokens.getLength() == 0 ? null : tokens.item(0).getTextContent().strip();
      NodeList errors = d.getElementsByTagNameNS(OAI_NS, "error");
      String error =
          errors.getLength() == 0 ? null : ((Element) errors.item(0)).getAttribute("code");
      String date = d.getElementsByTagNameNS(OAI_NS, "responseDate").item(0).getTextContent();
      return new Page(date, ids, token == null || token.isEmpty() ? null : token, error);
    }
  }

  /**
   * The load: a harvester, readers of manifests, pages and search, and an importer writing to the
   * catalog in this process.
   */
  private final class Load {
    final Settings settings;
    final int port;
    final AtomicBoolean writing = new AtomicBoolean(true);
    final AtomicBoolean reading = new AtomicBoolean(true);
    final Set<String> harvested = ConcurrentHashMap.newKeySet();
    final AtomicInteger harvestPages = new AtomicInteger();
    volatile String harvestStart;
    volatile String harvestFailure;
    final Map<String, String> updated = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    final AtomicInteger updates = new AtomicInteger();
    final List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    final Thread harvester = new Thread(this::harvest, "harvester");
    final Thread importer = new Thread(this::write, "importer");
    final List<Thread> readers = new ArrayList<>();
    volatile Throwable importFailure;

    Load(int port, Settings settings) {
      this.port = port;
      this.settings = settings;
      for (int i = 0; i < 3; i++) {
        int kind = i;
        readers.add(new Thread(() -> read(kind), "reader-" + i));
      }
    }

    void start() {
      harvester.start();
      importer.start();
      readers.forEach(Thread::start);
    }

    void stopWriting() throws InterruptedException {
      writing.set(false);
      importer.join(60_000);
      if (importFailure != null) {
        throw new AssertionError("the importer failed", importFailure);
      }
    }

    void stopReading() throws InterruptedException {
      reading.set(false);
      for (Thread t : readers) {
        t.join(30_000);
      }
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(20))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * ListIdentifiers page by page, keeping the last token; while the server is away it asks again
     * with the same token until it answers.
     */
    private void harvest() {
      String token = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      try {
        do {
          String path =
              token == null
                  ? "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"
                  : "/oai?verb=ListIdentifiers&resumptionToken="
                      + URLEncoder.encode(token, StandardCharsets.UTF_8);
          HttpResponse<String> r;
          try {
            r = send(path);
          } catch (IOException away) {
            r = null;
          }
          if (r == null || r.statusCode() == 503) {
            if (System.nanoTime() > deadline) {
              harvestFailure = "the server did not come back";
              return;
            }
            Thread.sleep(200);
            continue;
          }
          if (r.statusCode() != 200) {
            harvestFailure = r.statusCode() + " " + r.body();
            return;
          }
          Page page = Page.parse(r.body());
          if (page.error != null) {
            harvestFailure = "OAI-PMH error " + page.error + ": " + r.body();
            return;
          }
          if (harvestStart == null) {
            harvestStart = page.responseDate;
          }
          harvested.addAll(page.ids);
          harvestPages.incrementAndGet();
          token = page.token;
          Thread.sleep(80);
        } while (token != null);
      } catch (Exception e) {
        harvestFailure = e.toString();
      }
    }

    /** Manifests, record pages and searches of random records; counts any 5xx but 503. */
    private void read(int kind) {
      Random random = new Random(kind);
      while (reading.get()) {
        String id = id(1 + random.nextInt(RECORDS));
        String path =
            switch (kind) {
              case 0 -> "/iiif/3/" + id + "/manifest";
              case 1 -> "/records/" + id;
              default -> "/search?q=" + WORDS[random.nextInt(WORDS.length)];
            };
        try {
          HttpResponse<String> r = send(path);
          if (r.statusCode() >= 500 && r.statusCode() != 503) {
            serverErrors.add(path + " " + r.statusCode());
          }
        } catch (IOException away) {
          sleepQuietly(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Every 100 ms: a transaction updating four titles, then one deleting a record. */
    private void write() {
      Random random = new Random(5);
      int n = 0;
      try (Catalog catalog = Catalogs.open(settings)) {
        Importer importer =
            new Importer(
                catalog,
                settings.dataDir().resolve("images"),
                "http://rightsstatements.org/vocab/CNE/1.0/",
                null);
        while (writing.get()) {
          List<ObjectNode> items = new ArrayList<>();
          Map<String, String> titles = new java.util.HashMap<>();
          for (int k = 0; k < 4; k++) {
            int i = 1 + random.nextInt(RECORDS);
            if (deleted.contains(id(i)) || titles.containsKey(id(i))) {
              continue;
            }
            ObjectNode r = Generator.record(i, new Random(i));
            String title = "Synthetic record " + i + " " + WORD + " " + (++n);
            r.put("title", title);
            items.add(r);
            titles.put(id(i), title);
          }
          importer.importItems("load", items, false);
          updated.putAll(titles); // committed
          updates.incrementAndGet();
          String victim = id(1 + random.nextInt(RECORDS));
          try (CatalogWriter w = catalog.writer()) {
            if (w.delete(victim)) {
              w.commit();
              deleted.add(victim);
            }
          }
          Thread.sleep(100);
        }
      } catch (Throwable e) {
        importFailure = e;
      }
    }
  }

  private static final String[] WORDS = {"treaty", "delegation", "railway", "embassy", "harvest"};

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code java -jar dossier.jar serve} on a data directory, as a process of its own. */
  private static final class Serve {
    final Process process;
    final int port;
    final Path logFile;
    final long startedNanos;

    private Serve(Process process, int port, Path logFile, long startedNanos) {
      this.process = process;
      this.port = port;
      this.logFile = logFile;
      this.startedNanos = startedNanos;
    }

    /** Starts {@code serve} on {@code port}, or on a free one for 0. */
    static Serve start(Path dir, Path data, String log, int port) throws IOException {
      if (port == 0) {
        port = JarProcesses.freePort();
      }
      Path logFile = dir.resolve(log);
      ProcessBuilder builder =
          JarProcesses.java(
                  dir,
                  "-Xmx512m",
                  "serve",
                  "--data",
                  data.toString(),
                  "--port",
                  Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile());
      builder.environment().put("DOSSIER_OAI_PAGE_SIZE", Integer.toString(PAGE_SIZE));
      builder.environment().put("DOSSIER_PROJECTION_POLL_MILLIS", "200");
      builder.environment().put("DOSSIER_OAI_REPOSITORY_IDENTIFIER", REPOSITORY);
      long t0 = System.nanoTime();
      return new Serve(builder.start(), port, logFile, t0);
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> send(String path) throws IOException, InterruptedException {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a GET that must answer 200. */
    String get(String path) throws IOException, InterruptedException {
      HttpResponse<String> r = send(path);
      assertEquals(200, r.statusCode(), path + ": " + r.body());
      return r.body();
    }

    String log() throws IOException {
      return Files.readString(logFile);
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
