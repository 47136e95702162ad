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
   * @param where the line's place in the file ("line 12"), for reports
   */
  record Line(double x, double y, double w, double h, List<Word> words, String where) {}

  record Word(String text, double x, double y, double w, double h, String whole, String where) {}
}
