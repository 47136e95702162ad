package org.dossier.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.RecordJson;
import org.dossier.cli.Generator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Synthetic records with page OCR, for the full-text search benchmark: the generator's records,
 * each with the same number of pages, every page carrying plain OCR of generated words. Words
 * follow Zipf's law over a vocabulary of made-up words, as words of real text do: the most frequent
 * is in every record, the thousandth in about one record in twelve. Written straight to the
 * catalog, with the texts, as an import would leave them.
 */
final class TextCorpus {
  static final int VOCABULARY = 20_000;
  private static final String[] SYLLABLES =
      ("ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu "
              + "ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu")
          .split(" ");
  private static final int WORDS_PER_LINE = 10;

  private final double[] cumulative = new double[VOCABULARY];

  TextCorpus() {
    double sum = 0;
    for (int r = 0; r < VOCABULARY; r++) {
      sum += 1.0 / (r + 1);
      cumulative[r] = sum;
    }
    for (int r = 0; r < VOCABULARY; r++) {
      cumulative[r] /= sum;
    }
  }

  /**
   * The word of a frequency rank (0 the most frequent): three syllables, distinct for every rank.
   */
  static String word(int rank) {
    int n = SYLLABLES.length;
    return SYLLABLES[rank / (n * n) % n] + SYLLABLES[rank / n % n] + SYLLABLES[rank % n];
  }

  String randomWord(Random random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    return word(Math.min(VOCABULARY - 1, i >= 0 ? i : -i - 1));
  }

  /**
   * Writes ten collections and {@code records} records of {@code pages} pages, each page with
   * {@code words} words of OCR; the same seed gives the same catalog.
   */
  void write(Catalog catalog, int records, int pages, int words, Random random) {
    try (CatalogWriter w = catalog.writer()) {
      for (int c = 1; c <= 10; c++) {
        w.put(
            RecordJson.collection(
                RecordJson.MAPPER
                    .createObjectNode()
                    .put("id", "synthetic-" + c)
                    .put("title", "Synthetic collection " + c)
                    .put("description", "Generated for benchmarks; not archival data.")));
      }
      w.commit();
    }
    int batch = 2_000;
    for (int start = 1; start <= records; start += batch) {
      try (CatalogWriter w = catalog.writer()) {
        for (int i = start; i < Math.min(records + 1, start + batch); i++) {
          ObjectNode node = Generator.record(i, random);
          ArrayNode pageNodes = node.putArray("pages");
          List<PageOcr> ocr = new ArrayList<>();
          for (int p = 1; p <= pages; p++) {
            pageNodes
                .addObject()
                .put("image", "synthetic/" + node.get("id").asString() + "/page-" + p + ".jpg")
                .put("width", 2480)
                .put("height", 3508);
            ocr.add(page(p, words, random));
          }
          w.put(RecordJson.record(node), List.of(), ocr);
        }
        w.commit();
      }
    }
  }

  /** Plain OCR (no positions) of one page: lines of ten words. */
  private PageOcr page(int number, int words, Random random) {
    List<OcrLine> lines = new ArrayList<>();
    for (int done = 0; done < words; done += WORDS_PER_LINE) {
      List<OcrWord> line = new ArrayList<>();
      for (int k = 0; k < WORDS_PER_LINE && done + k < words; k++) {
        line.add(new OcrWord(randomWord(random), 0, 0, 0, 0));
      }
      lines.add(new OcrLine(0, 0, 0, 0, line));
    }
    return new PageOcr(number, "plain", null, lines);
  }
}
