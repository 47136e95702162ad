package org.dossier.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;

/**
 * Reads a page's OCR into the catalog's form: an ALTO (v2–v4) or hOCR file, told apart by its
 * content, or plain text. Boxes are scaled into the pixels of the page's scan: by the ratio of the
 * scan's size to the page size the file gives (in pixels of the image the OCR was made from, or in
 * ALTO's {@code mm10} or {@code inch1200}), 1:1 when a pixel file gives none. A file whose page
 * does not have the scan's proportions, or whose boxes reach outside the page, is refused.
 */
public final class OcrReader {

  /** Larger OCR files are refused: a page's OCR is kilobytes, rarely a few megabytes. */
  public static final long MAX_BYTES = 64L << 20;

  /**
   * How far (in scan pixels) a box may overshoot the page before it counts as outside: rounding.
   */
  private static final double SLACK = 1.5;

  /** How far the page's proportions may differ from the scan's (relative). */
  private static final double ASPECT_TOLERANCE = 0.03;

  /** How much of a file's start is looked at to tell its format: hOCR's head is short. */
  private static final int SNIFF = 8 * 1024;

  private OcrReader() {}

  /**
   * Reads an OCR file for a page whose scan is {@code scanWidth × scanHeight} pixels.
   *
   * @param source the file's name as the catalog keeps it (a path inside the data directory)
   * @throws OcrException for an unknown format, malformed XML, a DOCTYPE, or boxes that do not fit
   */
  public static PageOcr read(Path file, String source, int page, int scanWidth, int scanHeight)
      throws OcrException, IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new OcrException(
          "the file is " + size + " bytes, more than the " + MAX_BYTES + " an OCR file may have");
    }
    RawOcr raw;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw = parse(in);
    }
    return scale(raw, source, page, scanWidth, scanHeight);
  }

  /**
   * Tells ALTO from hOCR by the start of the file (an HTML document, or hOCR's classes, before any
   * ALTO root) and parses with the matching reader; the XML readers check the rest.
   */
  static RawOcr parse(InputStream in) throws OcrException, IOException {
    in.mark(SNIFF);
    byte[] head = in.readNBytes(SNIFF);
    in.reset();
    String text = new String(head, StandardCharsets.ISO_8859_1);
    int start = 0;
    if (text.startsWith("\u00EF\u00BB\u00BF")) {
      start = 3; // the UTF-8 byte order mark
    }
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (start == text.length() || text.charAt(start) != '<') {
      throw new OcrException(
          "unknown OCR format: not XML or HTML (expected ALTO v2, v3 or v4, or hOCR)");
    }
    int alto = text.indexOf("<alto");
    int hocr =
        firstOf(
            text,
            "ocr_page",
            "ocrx_word",
            "<html",
            "<HTML",
            "<!DOCTYPE html",
            "<!doctype html",
            "<!DOCTYPE HTML");
    if (hocr >= 0 && (alto < 0 || hocr < alto)) {
      return HocrParser.parse(in);
    }
    return AltoParser.parse(in);
  }

  private static int firstOf(String text, String... needles) {
    int first = -1;
    for (String needle : needles) {
      int at = text.indexOf(needle);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /** Plain OCR text of a page: a line per line of text, words split at white space, no boxes. */
  public static PageOcr plain(int page, String text) {
    List<OcrLine> lines = new ArrayList<>();
    for (String line : text.split("\\R")) {
      List<OcrWord> words = new ArrayList<>();
      for (String word : line.strip().split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(new OcrWord(word, 0, 0, 0, 0));
        }
      }
      if (!words.isEmpty()) {
        lines.add(new OcrLine(0, 0, 0, 0, words));
      }
    }
    return new PageOcr(page, PageOcr.PLAIN, null, lines);
  }

  static PageOcr scale(RawOcr raw, String source, int page, int scanWidth, int scanHeight)
      throws OcrException {
    double sx;
    double sy;
    boolean sized = !Double.isNaN(raw.width()) && !Double.isNaN(raw.height());
    switch (raw.unit()) {
      case "pixel", "mm10", "inch1200" -> {
        // handled below
      }
      default ->
          throw new OcrException(
              "unknown MeasurementUnit '" + raw.unit() + "' (expected pixel, mm10 or inch1200)");
    }
    if (sized) {
      if (raw.width() <= 0 || raw.height() <= 0) {
        throw new OcrException(
            "the page's size " + number(raw.width()) + "×" + number(raw.height()) + " is empty");
      }
      sx = scanWidth / raw.width();
      sy = scanHeight / raw.height();
      if (Math.abs(sx / sy - 1) > ASPECT_TOLERANCE) {
        throw new OcrException(
            "the OCR's page is "
                + number(raw.width())
                + "×"
                + number(raw.height())
                + " "
                + raw.unit()
                + ", the scan "
                + scanWidth
                + "×"
                + scanHeight
                + " pixels: not the same proportions, so not the OCR of this scan");
      }
    } else if (raw.unit().equals("pixel")) {
      sx = 1;
      sy = 1;
    } else {
      throw new OcrException(
          "coordinates in "
              + raw.unit()
              + " need the Page's WIDTH and HEIGHT to be placed on the scan");
    }
    List<OcrLine> lines = new ArrayList<>(raw.lines().size());
    for (RawOcr.Line line : raw.lines()) {
      List<OcrWord> words = new ArrayList<>(line.words().size());
      double top = Double.POSITIVE_INFINITY;
      double left = Double.POSITIVE_INFINITY;
      double right = Double.NEGATIVE_INFINITY;
      double bottom = Double.NEGATIVE_INFINITY;
      for (RawOcr.Word w : line.words()) {
        double wy = Double.isNaN(w.y()) ? line.y() : w.y();
        double wh = Double.isNaN(w.h()) ? line.h() : w.h();
        if (Double.isNaN(w.x()) || Double.isNaN(w.w()) || Double.isNaN(wy) || Double.isNaN(wh)) {
          throw new OcrException(
              "the word '"
                  + w.text()
                  + "' at "
                  + w.where()
                  + " has no complete box (HPOS, VPOS, WIDTH, HEIGHT)");
        }
        int[] box =
            place(
                "the word '" + w.text() + "' at " + w.where(),
                w.x(),
                wy,
                w.w(),
                wh,
                sx,
                sy,
                scanWidth,
                scanHeight);
        words.add(new OcrWord(w.text(), box[0], box[1], box[2], box[3], w.whole()));
        left = Math.min(left, w.x());
        top = Math.min(top, wy);
        right = Math.max(right, w.x() + w.w());
        bottom = Math.max(bottom, wy + wh);
      }
      int[] box;
      if (Double.isNaN(line.x())
          || Double.isNaN(line.y())
          || Double.isNaN(line.w())
          || Double.isNaN(line.h())) {
        // No box of its own: the line is where its words are.
        box =
            place(
                "the line at " + line.where(),
                left,
                top,
                right - left,
                bottom - top,
                sx,
                sy,
                scanWidth,
                scanHeight);
      } else {
        box =
            place(
                "the line at " + line.where(),
                line.x(),
                line.y(),
                line.w(),
                line.h(),
                sx,
                sy,
                scanWidth,
                scanHeight);
      }
      lines.add(new OcrLine(box[0], box[1], box[2], box[3], words));
    }
    return new PageOcr(page, raw.format(), source, lines);
  }

  /** A box in file units as x, y, w, h in scan pixels; refused when it reaches outside the scan. */
  private static int[] place(
      String what,
      double x,
      double y,
      double w,
      double h,
      double sx,
      double sy,
      int scanWidth,
      int scanHeight)
      throws OcrException {
    if (w < 0 || h < 0) {
      throw new OcrException(what + " has a negative size");
    }
    double x0 = x * sx;
    double y0 = y * sy;
    double x1 = (x + w) * sx;
    double y1 = (y + h) * sy;
    if (x0 < -SLACK || y0 < -SLACK || x1 > scanWidth + SLACK || y1 > scanHeight + SLACK) {
      throw new OcrException(
          what
              + " lies outside the page: its box "
              + number(x)
              + ","
              + number(y)
              + " "
              + number(w)
              + "×"
              + number(h)
              + " is "
              + Math.round(x0)
              + ","
              + Math.round(y0)
              + " to "
              + Math.round(x1)
              + ","
              + Math.round(y1)
              + " on a scan of "
              + scanWidth
              + "×"
              + scanHeight
              + " pixels");
    }
    int left = clamp((int) Math.round(x0), scanWidth);
    int top = clamp((int) Math.round(y0), scanHeight);
    int right = clamp((int) Math.round(x1), scanWidth);
    int bottom = clamp((int) Math.round(y1), scanHeight);
    return new int[] {left, top, right - left, bottom - top};
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
