package org.dossier.catalog;

import java.util.List;

/** A line of a page's OCR, its box and words (TEMP contract stub). */
public record OcrLine(int x, int y, int w, int h, List<OcrWord> words) {

  public OcrLine {
    words = List.copyOf(words);
  }

  /** The line's words joined with spaces. */
  public String text() {
    StringBuilder s = new StringBuilder();
    for (OcrWord w : words) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(w.text());
    }
    return s.toString();
  }
}
