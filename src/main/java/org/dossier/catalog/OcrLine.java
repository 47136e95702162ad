package org.dossier.catalog;

import java.util.List;

/** A line of a page's OCR: its box in the scan's pixels and its words in reading order. */
public record OcrLine(int x, int y, int w, int h, List<OcrWord> words) {

  public OcrLine {
    words = List.copyOf(words);
    if (w < 0 || h < 0) {
      throw new IllegalArgumentException("negative line size");
    }
  }

  /** The line's words as printed, joined with single spaces. */
  public String text() {
    StringBuilder s = new StringBuilder();
    for (OcrWord word : words) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(word.text());
    }
    return s.toString();
  }
}
