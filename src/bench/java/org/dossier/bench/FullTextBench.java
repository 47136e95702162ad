package org.dossier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dossier.catalog.RecordJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The full-text figures on one generated catalog, measured from outside as a user would: {@code
 * dossier generate} writes N records of P pages with an ALTO file of about W words each (OCR only,
 * no transcripts), plus one document of 500 such pages; {@code dossier import} loads them in a
 * process of its own (its wall time is the end-to-end rate: catalog, search index and RDF store);
 * then {@code dossier serve} answers, over HTTP with one keep-alive client: site search for one and
 * two words drawn from the generated pages, IIIF Content Search in the 500-page document, and
 * pages' supplementing AnnotationPages. Ends with the search index's size per page.
 */
@Command(
    name = "fulltext",
    description =
        "Full-text import rate, site search, IIIF Content Search and text AnnotationPages on a"
            + " generated catalog with OCR.")
final class FullTextBench implements Callable<Integer> {
  private static final String LARGE_ID = "bench-500-page-document";
  private static final Pattern CONTENT = Pattern.compile("CONTENT=\"([^\"]+)\"");
  private static final Pattern CAUGHT_UP =
      Pattern.compile("^(\\S+[+-]\\d{4}) INFO ProjectionFollower - (\\w+): applied");
  private static final java.time.format.DateTimeFormatter LOG_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  @Option(
      names = "--records",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Records to generate (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--pages",
      defaultValue = "3",
      paramLabel = "N",
      description = "Pages per record (default: ${DEFAULT-VALUE}).")
  int pages;

  @Option(
      names = "--words",
      defaultValue = "300",
      paramLabel = "N",
      description = "OCR words per page (default: ${DEFAULT-VALUE}).")
  int words;

  @Option(
      names = "--large-pages",
      defaultValue = "500",
      paramLabel = "N",
      description = "Pages of the one large document (default: ${DEFAULT-VALUE}).")
  int largePages;

  @Option(
      names = "--queries",
      defaultValue = "300",
      paramLabel = "N",
      description = "Timed requests per series (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data directory to generate into (must not exist; default: a temporary one, deleted"
              + " afterwards). The generated ALTO files take about 28 KB a page.")
  Path data;

  @Override
  public Integer call() throws Exception {
    if (records < 1 || pages < 1 || words < 10 || largePages < 1 || queries < 1) {
      throw new IllegalArgumentException(
          "--records, --pages, --large-pages and --queries must be positive, --words at least 10");
    }
    boolean temporary = data == null;
    Path dir = temporary ? Files.createTempDirectory("dossier-bench-fulltext") : data;
    if (!temporary && Files.exists(dir)) {
      throw new IllegalArgumentException(dir + " exists: give a new directory");
    }
    try {
      Files.createDirectories(dir);
      Path input = dir.resolve("records.jsonl");
      long t0 = System.nanoTime();
      dossier(
          dir,
          "generate",
          "--records",
          records,
          "--pages",
          pages,
          "--ocr-words",
          words,
          "--no-transcripts",
          "--seed",
          1,
          "--data",
          dir,
          "--out",
          input);
      addLargeDocument(dir, input);
      System.out.printf(Locale.ROOT, "fulltext.generate: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      long totalPages = (long) records * pages + largePages;
      System.out.printf(
          Locale.ROOT,
          "fulltext.catalog: %d records, %d pages, about %d OCR words a page%n",
          records + 1,
          totalPages,
          words);

      Instant started = Instant.now();
      t0 = System.nanoTime();
      List<String> out = dossier(dir, "import", input, "--data", dir);
      double seconds = (System.nanoTime() - t0) / 1e9;
      for (String line : out) {
        if (line.startsWith("imported ") || line.matches("^(search|rdf): applied .*")) {
          System.out.println("fulltext.import." + line);
        }
      }
      // When the search index was current: the follower's log line says when its catch-up ended.
      for (String line : out) {
        Matcher m = CAUGHT_UP.matcher(line);
        if (m.find() && m.group(2).equals("search")) {
          double searchable =
              Duration.between(
                          started, java.time.OffsetDateTime.parse(m.group(1), LOG_TIME).toInstant())
                      .toMillis()
                  / 1e3;
          System.out.printf(
              Locale.ROOT,
              "fulltext.import.searchable: after %.1f s, %.0f pages/s (import and search indexing,"
                  + " from the command's start)%n",
              searchable,
              totalPages / searchable);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "fulltext.import.wall: %.1f s, %.0f pages/s (the whole command: catalog, search index and"
              + " RDF store)%n",
          seconds,
          totalPages / seconds);

      long indexBytes = size(dir.resolve("search"));
      System.out.printf(
          Locale.ROOT,
          "fulltext.index.size: %.1f MB, %.0f bytes a page%n",
          indexBytes / 1e6,
          (double) indexBytes / totalPages);

      List<String> vocabulary = vocabulary(dir);
      try (ServerProcess server = ServerProcess.start(dir)) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Random random = new Random(7);
        String base = server.url();
        time(
            client,
            "fulltext.site-search.one-word",
            i -> base + "/search?q=" + q(pick(vocabulary, random)));
        time(
            client,
            "fulltext.site-search.two-words",
            i ->
                base + "/search?q=" + q(pick(vocabulary, random) + " " + pick(vocabulary, random)));
        time(
            client,
            "fulltext.content-search-2.in-" + largePages + "-pages",
            i -> base + "/iiif/search/2/" + LARGE_ID + "?q=" + q(pick(vocabulary, random)));
        time(
            client,
            "fulltext.content-search-1.in-" + largePages + "-pages",
            i -> base + "/iiif/search/1/" + LARGE_ID + "?q=" + q(pick(vocabulary, random)));
        time(
            client,
            "fulltext.annotation-page",
            i ->
                base
                    + "/iiif/3/"
                    + String.format(Locale.ROOT, "synthetic-%08d", 1 + random.nextInt(records))
                    + "/text/p"
                    + (1 + random.nextInt(pages)));
      }
      return 0;
    } finally {
      if (temporary) {
        ImportBench.deleteTree(dir);
      }
    }
  }

  /** Generates the large document apart, then adds it to the input under its own id and paths. */
  private void addLargeDocument(Path dir, Path input) throws IOException, InterruptedException {
    Path apart = dir.resolve("large");
    Path records = apart.resolve("large.jsonl");
    Files.createDirectories(apart);
    dossier(
        apart,
        "generate",
        "--records",
        1,
        "--pages",
        largePages,
        "--ocr-words",
        words,
        "--no-transcripts",
        "--seed",
        2,
        "--data",
        apart,
        "--out",
        records);
    Path from = apart.resolve("ocr/synthetic/synthetic-00000001");
    Path to = dir.resolve("ocr/large");
    Files.createDirectories(to.getParent());
    Files.move(from, to);
    String line;
    try (Stream<String> lines = Files.lines(records)) {
      line = lines.filter(l -> l.contains("\"synthetic-00000001\"")).findFirst().orElseThrow();
    }
    ObjectNode record = (ObjectNode) RecordJson.read(line);
    record.put("id", LARGE_ID).put("title", "A document of " + largePages + " generated pages");
    for (JsonNode page : record.get("pages")) {
      ObjectNode p = (ObjectNode) page;
      p.put(
          "ocr",
          p.get("ocr").asString().replace("ocr/synthetic/synthetic-00000001/", "ocr/large/"));
      p.put("image", p.get("image").asString().replace("synthetic-00000001", LARGE_ID));
    }
    Files.writeString(
        input,
        RecordJson.write(record) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    ImportBench.deleteTree(apart);
  }

  /** Words of the generated pages, from a few of their ALTO files. */
  private List<String> vocabulary(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    for (int r = 1; r <= Math.min(records, 20); r++) {
      Path alto =
          dir.resolve(String.format(Locale.ROOT, "ocr/synthetic/synthetic-%08d/page-1.xml", r));
      Matcher m = CONTENT.matcher(Files.readString(alto));
      while (m.find()) {
        String w = m.group(1).replaceAll("[^\\p{L}]", "");
        if (w.length() > 2) {
          found.add(w);
        }
      }
    }
    return found;
  }

  private static String pick(List<String> words, Random random) {
    return words.get(random.nextInt(words.size()));
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A warm-up, then {@code queries} timed requests; prints the median and the 95th percentile. */
  private void time(HttpClient client, String name, IntFunction<String> url) throws Exception {
    for (int i = 0; i < Math.max(50, queries / 2); i++) {
      get(client, url.apply(i));
    }
    long[] nanos = new long[queries];
    long bytes = 0;
    for (int i = 0; i < queries; i++) {
      String u = url.apply(i);
      long t0 = System.nanoTime();
      bytes += get(client, u);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%s: median %.2f ms, p95 %.2f ms, %d requests, %.1f KB an answer%n",
        name,
        nanos[queries / 2] / 1e6,
        nanos[Math.min(queries - 1, (int) (queries * 0.95))] / 1e6,
        queries,
        bytes / 1024.0 / queries);
  }

  private static long get(HttpClient client, String url) throws Exception {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode());
    }
    return r.body().length;
  }

  /** Runs a {@code dossier} command in a process of its own; fails unless it exits 0. */
  private static List<String> dossier(Path dir, Object... args)
      throws IOException, InterruptedException {
    List<String> command =
        ServerProcess.command(Stream.of(args).map(Object::toString).toArray(String[]::new));
    Path log = dir.resolve("command.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = p.waitFor();
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      // Progress lines are rewritten in place with carriage returns.
      String[] parts = l.split("\r");
      lines.add(parts[parts.length - 1].strip());
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "dossier " + args[0] + " exited with " + exit + ":\n" + String.join("\n", lines));
    }
    return lines;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
