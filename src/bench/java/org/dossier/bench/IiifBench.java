package org.dossier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.http.Catalogs;
import org.dossier.iiif.presentation.PresentationVersion;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.sample.SampleArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * IIIF Presentation manifests over HTTP, warm, from one client thread on the same machine: the
 * sample records round-robin, then one record of many pages; with {@code --text-pages}, the pages'
 * text instead. Starts {@code dossier serve} as a separate process on a free loopback port, over a
 * temporary catalog holding the sample archive and the large record; page scans are not rendered (a
 * manifest only needs their sizes), so nothing else loads the machine.
 */
@Command(
    name = "iiif",
    description =
        "IIIF Presentation manifest (or, with --text-pages, page text) latency and"
            + " throughput over HTTP (one client thread).")
final class IiifBench implements Callable<Integer> {
  private static final String LARGE_ID = "bench-large-record";
  static final int TEXT_LINES = 30;
  static final int TEXT_WORDS = 10;

  @Option(
      names = "--requests",
      defaultValue = "20000",
      paramLabel = "N",
      description = "Sample-record manifests to time (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--large-requests",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Large-record manifests to time (default: ${DEFAULT-VALUE}).")
  int largeRequests;

  @Option(
      names = "--pages",
      defaultValue = "500",
      paramLabel = "N",
      description = "Pages of the large record (default: ${DEFAULT-VALUE}).")
  int pages;

  @Option(
      names = "--text-pages",
      description =
          "Time the pages' text (supplementing AnnotationPages) instead of the manifests: the sample"
              + " pages' ALTO, and the large record's pages with "
              + TEXT_LINES
              + " generated lines of "
              + TEXT_WORDS
              + " words each.")
  boolean textPages;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "30",
      paramLabel = "S",
      description = "Untimed requests first, for this long per series (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || largeRequests < 1 || pages < 1 || warmupSeconds < 0) {
      throw new IllegalArgumentException(
          "--requests, --large-requests and --pages must be positive");
    }
    Path dir = Files.createTempDirectory("dossier-bench-iiif");
    try {
      Settings settings =
          Settings.load(
              null,
              Map.of(),
              Map.of(
                  Settings.SERVER_HOST.key(), "127.0.0.1",
                  Settings.SERVER_PORT.key(), "0",
                  Settings.DATA_DIR.key(), dir.toString(),
                  Settings.ARCHIVE_LOAD_SAMPLE.key(), "false"));
      List<String> sampleIds = load(settings);
      try (ServerProcess server = ServerProcess.start(dir)) {
        String base = server.url() + "/iiif/3/";
        if (textPages) {
          List<URL> sample = new ArrayList<>();
          try (Catalog catalog = Catalogs.open(settings)) {
            for (String id : sampleIds) {
              for (PageOcr ocr : catalog.pageOcrs(id)) {
                sample.add(URI.create(base + id + "/text/p" + ocr.page()).toURL());
              }
            }
          }
          List<URL> large = new ArrayList<>();
          for (int n = 1; n <= pages; n++) {
            large.add(URI.create(base + LARGE_ID + "/text/p" + n).toURL());
          }
          run(sample, requests).print("iiif.sample-text-page", "pages");
          run(large, largeRequests)
              .print(
                  "iiif.text-page-" + TEXT_LINES * TEXT_WORDS + "-words-of-" + pages + "-pages",
                  "pages");
        } else {
          List<URL> sample = new ArrayList<>();
          for (String id : sampleIds) {
            sample.add(URI.create(base + id + "/manifest").toURL());
          }
          List<URL> large = List.of(URI.create(base + LARGE_ID + "/manifest").toURL());
          Series s = run(sample, requests);
          s.print("iiif.sample-manifest", "manifests");
          Series l = run(large, largeRequests);
          l.print("iiif.manifest-" + pages + "-pages", "manifests");
        }
        // The same server and client on /health (one catalog ping, a few bytes of JSON): the floor
        // that the HTTP stack and this machine set, to read the manifest figures against.
        Series floor = run(List.of(URI.create(server.url() + "/health").toURL()), requests);
        floor.print("http.health", "requests");
      }
    } finally {
      ImportBench.deleteTree(dir);
    }
    return 0;
  }

  /**
   * Fills the catalog: the sample archive (scans pointed away from the sample folder; its pages'
   * ALTO written where the importer reads it) and one large record, whose pages get generated OCR
   * lines when the text pages are timed.
   */
  private List<String> load(Settings settings) throws IOException {
    List<ObjectNode> items = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (ObjectNode item : SampleArchive.items(settings.dataDir().resolve("ocr"))) {
      for (JsonNode page : item.path("pages")) {
        ((ObjectNode) page).put("image", "bench/" + page.get("image").asString());
      }
      if (item.has("pages")) {
        ids.add(item.get("id").asString());
      }
      items.add(item);
    }
    ObjectNode large =
        RecordJson.MAPPER
            .createObjectNode()
            .put("id", LARGE_ID)
            .put("title", "Synthetic benchmark record of " + pages + " pages")
            .put("date", "1956-09")
            .put("summary", "Generated for the IIIF benchmark; not archival data.")
            .put("type", "report");
    large.putArray("people").add("Kim Il Sung").add("Anastas Mikoyan");
    large.putArray("collections").add(items.get(0).get("id").asString());
    ArrayNode list = large.putArray("pages");
    for (int n = 1; n <= pages; n++) {
      list.addObject()
          .put("image", "bench/large/page-" + n + ".jpg")
          .put("width", 2480)
          .put("height", 3508)
          .put("label", "Page " + n);
    }
    items.add(large);
    try (Catalog catalog = Catalogs.open(settings)) {
      ImportReport report =
          new Importer(
                  catalog,
                  settings.dataDir().resolve("images"),
                  settings.get(Settings.ARCHIVE_DEFAULT_RIGHTS),
                  null)
              .importItems("benchmark", items, false);
      if (!report.ok()) {
        throw new IllegalStateException("benchmark data did not import: " + report.problems());
      }
      if (textPages) {
        try (CatalogWriter writer = catalog.writer()) {
          Record r = catalog.record(LARGE_ID).orElseThrow();
          List<PageOcr> ocr = new ArrayList<>();
          for (int n = 1; n <= pages; n++) {
            ocr.add(new PageOcr(n, PageOcr.ALTO, null, generatedLines(n)));
          }
          writer.put(r, List.of(), ocr);
          writer.commit();
        }
      }
    }
    return ids;
  }

  /**
   * A page of {@link #TEXT_LINES} lines of {@link #TEXT_WORDS} words, each at its own box on an A4
   * scan.
   */
  private static List<OcrLine> generatedLines(int page) {
    List<OcrLine> lines = new ArrayList<>(TEXT_LINES);
    for (int l = 0; l < TEXT_LINES; l++) {
      int y = 200 + l * 100;
      List<OcrWord> words = new ArrayList<>(TEXT_WORDS);
      for (int w = 0; w < TEXT_WORDS; w++) {
        words.add(new OcrWord("word" + page + "x" + l + "x" + w, 150 + w * 210, y, 190, 60));
      }
      lines.add(new OcrLine(150, y, TEXT_WORDS * 210 - 20, 60, words));
    }
    return lines;
  }

  private Series run(List<URL> uris, int count) throws IOException {
    long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    for (int i = 0; System.nanoTime() < warmupEnd; i++) {
      fetch(uris.get(i % uris.size()));
    }
    long[] nanos = new long[count];
    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      bytes += fetch(uris.get(i % uris.size()));
      nanos[i] = System.nanoTime() - t;
    }
    long elapsed = System.nanoTime() - start;
    return new Series(nanos, elapsed, bytes / count);
  }

  /**
   * One GET through {@link HttpURLConnection}, which keeps the connection alive between requests
   * and answers on the calling thread; java.net.http's client hands every exchange to its selector
   * thread and costs about twice as much per request here, which would measure the client.
   */
  private static int fetch(URL url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    // What a IIIF client asks for (HttpURLConnection would otherwise send its own browser-like
    // list).
    connection.setRequestProperty(
        "Accept",
        url.getPath().startsWith("/iiif/")
            ? PresentationVersion.V3.jsonLdMediaType()
            : "application/json");
    if (connection.getResponseCode() != 200) {
      throw new IllegalStateException(url + " answered " + connection.getResponseCode());
    }
    try (InputStream in = connection.getInputStream()) {
      return in.readAllBytes().length;
    }
  }

  /** Timings of one series: each request's latency and the wall time of all. */
  private record Series(long[] nanos, long elapsedNanos, long meanBytes) {
    void print(String name, String unit) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "%s.requests: %d%n", name, sorted.length);
      System.out.printf(Locale.ROOT, "%s.median: %.3f ms%n", name, percentile(sorted, 50) / 1e6);
      System.out.printf(Locale.ROOT, "%s.p99: %.3f ms%n", name, percentile(sorted, 99) / 1e6);
      System.out.printf(
          Locale.ROOT,
          "%s.throughput: %.0f %s/s%n",
          name,
          sorted.length / (elapsedNanos / 1e9),
          unit);
      System.out.printf(Locale.ROOT, "%s.size: %d bytes%n", name, meanBytes);
    }

    private static long percentile(long[] sorted, int p) {
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
  }
}
