package org.dossier.iiif.search;

import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;

/**
 * Page OCR for tests, laid out like a typewritten page: line {@code n} (from 1) at {@code y = 100 *
 * n}, 40 high; word {@code i} (from 0) at {@code x = 50 + 100 * i}, 80 wide. So every box is known
 * from a word's line and place.
 */
final class Ocr {
  private Ocr() {}

  static int x(int word) {
    return 50 + 100 * word;
  }

  static int y(int line) {
    return 100 * line;
  }

  static final int W = 80;
  static final int H = 40;

  /** A page with one line per string, words split at spaces. */
  static PageOcr page(int number, String... lines) {
    List<OcrLine> result = new ArrayList<>();
    for (int n = 1; n <= lines.length; n++) {
      result.add(line(n, lines[n - 1]));
    }
    return new PageOcr(number, PageOcr.ALTO, "ocr/p" + number + ".xml", result);
  }

  static OcrLine line(int n, String text) {
    List<OcrWord> words = new ArrayList<>();
    String[] tokens = text.isEmpty() ? new String[0] : text.split(" ");
    for (int i = 0; i < tokens.length; i++) {
      words.add(new OcrWord(tokens[i], x(i), y(n), W, H));
    }
    return new OcrLine(
        x(0), y(n), tokens.length == 0 ? 0 : x(tokens.length - 1) + W - x(0), H, words);
  }
}
