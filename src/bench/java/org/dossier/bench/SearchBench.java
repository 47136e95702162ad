package org.dossier.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.dossier.catalog.Catalog;
import org.dossier.cli.Generator;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.search.Facet;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Search over generated records: imports N synthetic records into a SQLite catalog, builds the
 * index from it as {@code rebuild} does (build rate, size on disk), then times the call a search
 * page makes (ten hits with highlighting, the exact total and all facet counts) for a one-word, a
 * two-word and a filtered query, each after untimed queries of its kind until the JIT compiler has
 * settled (a server answers millions of searches; the first few hundred are not its figure).
 *
 * <p>With {@code --text-pages}, every record has that many pages of OCR ({@link TextCorpus}), and
 * the queries are timed again with words of the texts, as is a search within one document.
 */
@Command(
    name = "search",
    description =
        "Build the search index over N generated records and time one-word, two-word and filtered queries.")
final class SearchBench implements Callable<Integer> {
  /** Words of the generator's vocabulary: each occurs in most synthetic records, the worst case. */
  private static final String[] WORDS = {
    "treaty",
    "railway",
    "harvest",
    "embassy",
    "border",
    "reform",
    "shipment",
    "conference",
    "agreement",
    "industry",
    "election",
    "negotiation"
  };

  private static final String[] TYPES = {"telegram", "memorandum", "report", "letter"};

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description = "How many records (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--queries",
      defaultValue = "200",
      description = "Timed queries of each kind (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(
      names = "--text-pages",
      defaultValue = "0",
      description = "Pages of OCR text per record; 0 for none (default: ${DEFAULT-VALUE}).")
  int textPages;

  @Option(
      names = "--page-words",
      defaultValue = "300",
      description = "Words of OCR per page (default: ${DEFAULT-VALUE}).")
  int pageWords;

  @Option(
      names = "--data",
      description =
          "Keep the catalog and index in this directory and reuse them on the next run (default: a temporary directory, deleted).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Path dir = data != null ? data : Files.createTempDirectory("dossier-bench-search");
    Files.createDirectories(dir);
    try (Catalog catalog = Catalog.openSqlite(dir, 4)) {
      if (catalog.isEmpty() && textPages > 0) {
        long t0 = System.nanoTime();
        new TextCorpus().write(catalog, records, textPages, pageWords, new Random(1));
        System.out.printf("catalog written with texts: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      } else if (catalog.isEmpty()) {
        Path file = dir.resolve("records.jsonl");
        Generator.write(file, records, new Random(1));
        long t0 = System.nanoTime();
        Importer importer =
            new Importer(
                catalog, dir.resolve("images"), "http://rightsstatements.org/vocab/CNE/1.0/", null);
        ImportReport report = importer.importFiles(List.of(file), false);
        Files.delete(file);
        if (!report.ok()) {
          report.print(System.err);
          return 1;
        }
        System.out.printf("catalog import: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      }
      System.out.println("records: " + catalog.recordCount());
      Path indexDir = dir.resolve("search");
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      try (SearchIndex index = SearchIndex.rebuild(indexDir, catalog)) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("index build time: %.1f s%n", seconds);
        System.out.printf("index build CPU time: %.1f s%n", (processCpuNanos() - cpu0) / 1e9);
        System.out.printf("index build rate: %.0f records/s%n", index.size() / seconds);
        System.out.printf("index size on disk: %.1f MB%n", sizeOf(indexDir) / 1e6);
        Random random = new Random(7);
        time(
            index,
            "one-word query",
            i -> query(WORDS[random.nextInt(WORDS.length)], Map.of(), null, null));
        time(
            index,
            "two-word query",
            i ->
                query(
                    WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)],
                    Map.of(),
                    null,
                    null));
        time(
            index,
            "filtered query",
            i -> {
              int from = 1945 + random.nextInt(40);
              return query(
                  WORDS[random.nextInt(WORDS.length)],
                  Map.of(Facet.TYPE, List.of(TYPES[random.nextInt(TYPES.length)])),
                  from,
                  from + 5);
            });
        time(
            index,
            "rare-word query",
            i ->
                query(
                    Integer.toString(1 + random.nextInt(Math.max(1, records))),
                    Map.of(),
                    null,
                    null));
        if (textPages > 0) {
          System.out.printf(
              "index size per page: %.1f kB%n",
              sizeOf(indexDir) / 1e3 / ((double) records * textPages));
          // Words of the texts by frequency rank: the first 1,000 are in 100% down to about 8% of
          // the records; the first 20 in nearly all, the worst case.
          time(
              index,
              "text one-word query",
              i -> query(TextCorpus.word(random.nextInt(1000)), Map.of(), null, null));
          time(
              index,
              "text two-word query",
              i ->
                  query(
                      TextCorpus.word(random.nextInt(1000))
                          + " "
                          + TextCorpus.word(random.nextInt(1000)),
                      Map.of(),
                      null,
                      null));
          time(
              index,
              "text common-word query",
              i -> query(TextCorpus.word(random.nextInt(20)), Map.of(), null, null));
          time(
              index,
              "text two common words query",
              i ->
                  query(
                      TextCorpus.word(random.nextInt(20))
                          + " "
                          + TextCorpus.word(random.nextInt(20)),
                      Map.of(),
                      null,
                      null));
          time(
              index,
              "text phrase query",
              i ->
                  query(
                      "\""
                          + TextCorpus.word(random.nextInt(20))
                          + " "
                          + TextCorpus.word(random.nextInt(20))
                          + "\"",
                      Map.of(),
                      null,
                      null));
          timeRuns(
              "in-document search",
              i ->
                  index
                      .inRecord(
                          String.format("synthetic-%08d", 1 + random.nextInt(records)),
                          TextCorpus.word(random.nextInt(100)),
                          1000)
                      .size());
        }
      }
      return 0;
    } finally {
      if (data == null) {
        ImportBench.deleteTree(dir);
      }
    }
  }

  private static SearchQuery query(
      String text, Map<Facet, List<String>> filters, Integer from, Integer to) {
    return new SearchQuery(text, filters, from, to, SearchQuery.Order.RELEVANCE, 0, 10);
  }

  private void time(SearchIndex index, String name, IntFunction<SearchQuery> queries) {
    timeRuns(name, i -> index.search(queries.apply(i)).total());
  }

  /**
   * Times a kind of search, given as what it does for its i-th run, returning how many it found.
   */
  private void timeRuns(String name, java.util.function.IntToLongFunction run) {
    long hits = 0;
    // Warm up until the JIT compiler has settled on this kind of query: at least as many queries as
    // are timed, then batches of 50 until one passes without compiling (at most 60 s). Timing
    // while it still compiles measures the compiler's share of the two cores as well.
    java.lang.management.CompilationMXBean jit =
        java.lang.management.ManagementFactory.getCompilationMXBean();
    long warmStart = System.nanoTime();
    int warm = 0;
    long compiled = jit.getTotalCompilationTime();
    while (true) {
      for (int i = 0; i < 50; i++, warm++) {
        hits += run.applyAsLong(warm);
      }
      long now = jit.getTotalCompilationTime();
      boolean settled = now - compiled < 5;
      compiled = now;
      if (warm >= this.queries && settled || System.nanoTime() - warmStart > 60e9) {
        break;
      }
    }
    System.out.printf(
        "%s warm-up: %d queries in %.1f s%n", name, warm, (System.nanoTime() - warmStart) / 1e9);
    List<Double> millis = new ArrayList<>();
    hits = 0;
    long cpu0 = processCpuNanos();
    for (int i = 0; i < this.queries; i++) {
      long t0 = System.nanoTime();
      hits += run.applyAsLong(i);
      millis.add((System.nanoTime() - t0) / 1e6);
    }
    double cpuPerQuery = (processCpuNanos() - cpu0) / 1e6 / this.queries;
    Collections.sort(millis);
    System.out.printf("%s median: %.1f ms%n", name, millis.get(millis.size() / 2));
    System.out.printf(
        "%s p99: %.1f ms%n", name, millis.get((int) Math.ceil(millis.size() * 0.99) - 1));
    System.out.printf("%s mean hits: %.1f%n", name, (double) hits / this.queries);
    // The work a query costs on all threads, which a busy machine does not inflate as it does the
    // times.
    System.out.printf("%s CPU time per query: %.1f ms%n", name, cpuPerQuery);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long sizeOf(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
