package org.dossier.catalog;

import java.util.List;

/**
 * The OCR of one page (TEMP contract stub).
 *
 * @param format "alto", "hocr" or "plain"
 * @param source path of the source file under the data directory, or null
 */
public record PageOcr(int page, String format, String source, List<OcrLine> lines) {

  public PageOcr {
    lines = List.copyOf(lines);
  }

  /** The page's text as read, for indexing (TEMP stub: lines joined with '\n', words with spaces). */
  public String readingText() {
    StringBuilder s = new StringBuilder();
    for (OcrLine line : lines) {
      if (s.length() > 0) {
        s.append('\n');
      }
      s.append(line.text());
    }
    return s.toString();
  }
}
