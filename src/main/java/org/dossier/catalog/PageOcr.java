package org.dossier.catalog;

import java.util.List;

/**
 * The OCR of one page of a record: lines of words with their boxes, already scaled at import into
 * the pixel space of the page's scan (so a box is a IIIF {@code #xywh=} on the page's canvas).
 *
 * @param page the page's number, from 1, as in image ids ({@code {record}-p{n}})
 * @param format {@link #ALTO} or {@link #HOCR} for a file with positions; {@link #PLAIN} for text
 *     without positions, whose boxes are all 0 (see {@link #hasBoxes()})
 * @param source the OCR file as imported, a path inside the data directory ("ocr/r1/p1.xml",
 *     "images/r1/p1.alto.xml"); null for plain text given inline
 * @param lines the lines in reading order
 */
public record PageOcr(int page, String format, String source, List<OcrLine> lines) {

  public static final String ALTO = "alto";
  public static final String HOCR = "hocr";
  public static final String PLAIN = "plain";

  public PageOcr {
    if (page < 1) {
      throw new IllegalArgumentException("page numbers start at 1, not " + page);
    }
    if (!ALTO.equals(format) && !HOCR.equals(format) && !PLAIN.equals(format)) {
      throw new IllegalArgumentException("unknown OCR format '" + format + "'");
    }
    lines = List.copyOf(lines);
  }

  /** False for plain text, whose words have no position on the page. */
  public boolean hasBoxes() {
    return !PLAIN.equals(format);
  }

  public int wordCount() {
    int n = 0;
    for (OcrLine line : lines) {
      n += line.words().size();
    }
    return n;
  }

  /** The page's text as printed: lines joined with '\n', words with spaces. */
  public String text() {
    StringBuilder s = new StringBuilder();
    for (OcrLine line : lines) {
      if (s.length() > 0) {
        s.append('\n');
      }
      s.append(line.text());
    }
    return s.toString();
  }

  /**
   * The page's text as read, for indexing: as {@link #text()}, except that a word hyphenated across
   * lines appears once, whole, where its first part is printed.
   */
  public String readingText() {
    StringBuilder s = new StringBuilder();
    String open = null; // the whole word whose first part was written
    for (OcrLine line : lines) {
      if (s.length() > 0) {
        s.append('\n');
      }
      boolean first = true;
      for (OcrWord word : line.words()) {
        if (word.whole() != null && word.whole().equals(open)) {
          open = null; // the second part: already written whole
          continue;
        }
        if (!first) {
          s.append(' ');
        }
        first = false;
        if (word.whole() != null) {
          s.append(word.whole());
          open = word.whole();
        } else {
          s.append(word.text());
          open = null;
        }
      }
    }
    return s.toString();
  }
}
