package org.dossier.ingest;

import java.util.List;

/**
 * An OCR page as its file gives it, before scaling: coordinates in the file's own units, NaN where
 * the file leaves one out. {@link OcrReader} scales it into the scan's pixels and checks it.
 *
 * @param format the catalog's name of the format ("alto", "hocr")
 * @param unit what one coordinate unit is ("pixel", "mm10", "inch1200")
 * @param width the page's width in those units, NaN when the file does not say
 * @param height the page's height in those units, NaN when the file does not say
 */
record RawOcr(String format, String unit, double width, double height, List<Line> lines) {

  /**
   * @param where the line's place in the file, as reports name it (its {@code toString()}, such as
   *     "line 12"): made into text only when a report needs it, as a page has hundreds of words
   */
  record Line(double x, double y, double w, double h, List<Word> words, Object where) {}

  /**
   * @param where the word's place in the file, as for a {@link Line}
   */
  record Word(String text, double x, double y, double w, double h, String whole, Object where) {}

  /** A line number of the file, as reports name it. */
  record At(int line) {
    @Override
    public String toString() {
      return "line " + line;
    }
  }
}
