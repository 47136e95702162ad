package org.dossier.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;
import org.dossier.config.Settings;
import org.dossier.iiif.search.TextSearch;
import org.dossier.urls.Urls;

/**
 * IIIF Content Search within one large document: a generated record of 500 pages of about 300 OCR
 * words each (30 lines of 10, words drawn with a Zipf distribution, so that some are very common
 * and most are rare), indexed once as the service caches it, then searched again and again for a
 * common word, a rarer word, a rare two-word phrase and a common one ("of the"). Times the index
 * build (what the first search of a record costs beyond reading its OCR from the catalog) and each
 * answer up to its JSON bytes. Prints "name: value unit" lines: wall-clock time, and the thread's
 * CPU time ("_cpu"), which a machine shared with other work inflates far less. Arguments: [pages]
 * [iterations].
 */
public final class ContentSearchBench {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private ContentSearchBench() {}

  public static void main(String[] args) {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    List<String> vocabulary = vocabulary(8000);
    List<PageOcr> ocr = document(pages, vocabulary, new Random(42));
    Urls urls = new Urls("http://localhost:8080");
    Settings settings = Settings.defaults();

    TextSearch search = null;
    long[] builds = new long[7];
    long[] buildsCpu = new long[builds.length];
    for (int i = 0; i < builds.length; i++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      search = TextSearch.of(urls, settings, "bench-record", ocr, List.of());
      builds[i] = System.nanoTime() - t0;
      buildsCpu[i] = CPU.getCurrentThreadCpuTime() - c0;
    }
    TextSearch s = search;
    print("pages", pages, "");
    print("words", s.words(), "");
    print("index_build_median", millis(median(builds)), "ms");
    print("index_build_median_cpu", millis(median(buildsCpu)), "ms");
    print("index_size", s.indexBytes() / (1024.0 * 1024.0), "MiB");
    print("index_bytes_per_page", (double) s.indexBytes() / pages, "B");

    String common = vocabulary.get(0);
    String rarer = vocabulary.get(60);
    OcrLine line = ocr.get(pages / 2).lines().get(7);
    String phrase = line.words().get(3).text() + " " + line.words().get(4).text();
    time("search2_common_word", iterations, () -> s.search(2, common));
    time("search2_word", iterations, () -> s.search(2, rarer));
    time("search2_phrase", iterations, () -> s.search(2, phrase));
    time(
        "search2_common_phrase",
        iterations,
        () -> s.search(2, vocabulary.get(1) + " " + vocabulary.get(0)));
    time("search1_word", iterations, () -> s.search(1, rarer));
    time("search1_phrase", iterations, () -> s.search(1, phrase));
    time("autocomplete2", iterations, () -> s.autocomplete(2, rarer.substring(0, 2)));
  }

  /** Times an answer: a warm-up, then the median and 95th percentile of {@code iterations} runs. */
  private static void time(String name, int iterations, Supplier<byte[]> answer) {
    long bytes = 0;
    for (int i = 0; i < Math.max(20, iterations / 3); i++) {
      bytes = answer.get().length;
    }
    long[] times = new long[iterations];
    long[] cpu = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      answer.get();
      times[i] = System.nanoTime() - t0;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(times);
    print(name + "_median", millis(times[iterations / 2]), "ms");
    print(name + "_p95", millis(times[Math.min(iterations - 1, (int) (iterations * 0.95))]), "ms");
    print(name + "_median_cpu", millis(median(cpu)), "ms");
    print(name + "_answer", bytes / 1024.0, "KiB");
  }

  /** Words of two to four syllables, the most common first (rank 0 is "the"). */
  static List<String> vocabulary(int size) {
    String[] syllables = {
      "ka", "ro", "mi", "sen", "tal", "vo", "dra", "lin", "gu", "pe", "shi", "bor", "nak", "ti",
      "zu", "el"
    };
    List<String> words =
        new ArrayList<>(List.of("the", "of", "and", "to", "in", "a", "that", "is", "for", "on"));
    Random random = new Random(7);
    java.util.Set<String> seen = new java.util.HashSet<>(words);
    while (words.size() < size) {
      StringBuilder w = new StringBuilder();
      int n = 2 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        w.append(syllables[random.nextInt(syllables.length)]);
      }
      if (seen.add(w.toString())) {
        words.add(w.toString());
      }
    }
    return words;
  }

  /** A document of typewritten pages: 30 lines of 10 words, boxes on a 1400 x 2000 scan. */
  static List<PageOcr> document(int pages, List<String> vocabulary, Random random) {
    double[] cumulative = new double[vocabulary.size()];
    double sum = 0;
    for (int r = 0; r < cumulative.length; r++) {
      sum += 1.0 / (r + 1);
      cumulative[r] = sum;
    }
    List<PageOcr> document = new ArrayList<>(pages);
    for (int p = 1; p <= pages; p++) {
      List<OcrLine> lines = new ArrayList<>(30);
      for (int l = 0; l < 30; l++) {
        int y = 100 + l * 60;
        List<OcrWord> words = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
          int r = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
          String word = vocabulary.get(r < 0 ? Math.min(-r - 1, cumulative.length - 1) : r);
          words.add(new OcrWord(i == 9 ? word + "." : word, 100 + i * 120, y, 100, 40));
        }
        lines.add(new OcrLine(100, y, 1180, 40, words));
      }
      document.add(new PageOcr(p, PageOcr.ALTO, null, lines));
    }
    return document;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static void print(String name, double value, String unit) {
    System.out.println(
        name
            + ": "
            + String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.3f", value)
            + (unit.isEmpty() ? "" : " " + unit));
  }
}
