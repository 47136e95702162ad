package org.dossier.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;

/**
 * Reads an hOCR file (HTML or XHTML) with jsoup's HTML5 parser, which neither reads a DTD nor
 * expands entities it declares. Words are the {@code ocrx_word} elements, grouped by the line
 * element they are in ({@code ocr_line}, {@code ocr_textfloat}, {@code ocr_header}, {@code
 * ocr_caption}); boxes come from the {@code bbox x0 y0 x1 y1} property of the {@code title}
 * attribute, and the {@code ocr_page}'s box gives the page's size.
 */
final class HocrParser {

  private static final Set<String> LINE_CLASSES =
      Set.of("ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption");
  private static final Pattern BBOX =
      Pattern.compile(
          "(?:^|;)\\s*bbox\\s+(-?\\d+(?:\\.\\d+)?)\\s+(-?\\d+(?:\\.\\d+)?)"
              + "\\s+(-?\\d+(?:\\.\\d+)?)\\s+(-?\\d+(?:\\.\\d+)?)\\s*(?:;|$)");

  private HocrParser() {}

  static RawOcr parse(InputStream in) throws OcrException, IOException {
    Parser parser = Parser.htmlParser().setTrackPosition(true);
    Document doc = Jsoup.parse(in, null, "", parser);
    Elements pages = doc.getElementsByClass("ocr_page");
    if (pages.size() > 1) {
      throw new OcrException(
          "a second ocr_page at " + where(pages.get(1)) + ": an OCR file must hold one page");
    }
    double offsetX = 0;
    double offsetY = 0;
    double width = Double.NaN;
    double height = Double.NaN;
    if (!pages.isEmpty()) {
      double[] box = bbox(pages.get(0));
      if (box != null) {
        offsetX = box[0];
        offsetY = box[1];
        width = box[2] - box[0];
        height = box[3] - box[1];
        if (width <= 0 || height <= 0) {
          throw new OcrException("the ocr_page at " + where(pages.get(0)) + " has an empty bbox");
        }
      }
    }
    Elements words = doc.getElementsByClass("ocrx_word");
    if (pages.isEmpty() && words.isEmpty()) {
      throw new OcrException(
          "unknown OCR format: an HTML file without hOCR elements (ocr_page, ocrx_word)");
    }
    Map<Element, List<RawOcr.Word>> byLine = new IdentityHashMap<>();
    List<Element> order = new ArrayList<>();
    for (Element word : words) {
      String text = word.text().strip();
      if (text.isEmpty()) {
        continue;
      }
      double[] box = bbox(word);
      if (box == null) {
        throw new OcrException(
            "the word '" + text + "' at " + where(word) + " has no bbox in its title");
      }
      Element line = line(word);
      List<RawOcr.Word> list = byLine.get(line);
      if (list == null) {
        list = new ArrayList<>();
        byLine.put(line, list);
        order.add(line);
      }
      list.add(
          new RawOcr.Word(
              text,
              box[0] - offsetX,
              box[1] - offsetY,
              box[2] - box[0],
              box[3] - box[1],
              null,
              where(word)));
    }
    List<RawOcr.Line> lines = new ArrayList<>(order.size());
    for (Element line : order) {
      double[] box = isLine(line) ? bbox(line) : null;
      lines.add(
          box == null
              ? new RawOcr.Line(
                  Double.NaN, Double.NaN, Double.NaN, Double.NaN, byLine.get(line), where(line))
              : new RawOcr.Line(
                  box[0] - offsetX,
                  box[1] - offsetY,
                  box[2] - box[0],
                  box[3] - box[1],
                  byLine.get(line),
                  where(line)));
    }
    return new RawOcr("hocr", "pixel", width, height, lines);
  }

  /** The line a word is in; a word outside any line makes a line of its parent's words. */
  private static Element line(Element word) {
    for (Element e = word.parent(); e != null; e = e.parent()) {
      if (isLine(e)) {
        return e;
      }
    }
    return word.parent();
  }

  private static boolean isLine(Element e) {
    for (String c : e.classNames()) {
      if (LINE_CLASSES.contains(c)) {
        return true;
      }
    }
    return false;
  }

  /** x0, y0, x1, y1 of the element's bbox property, or null when it has none. */
  private static double[] bbox(Element e) throws OcrException {
    String title = e.attr("title");
    Matcher m = BBOX.matcher(title);
    if (!m.find()) {
      if (title.contains("bbox")) {
        throw new OcrException(
            "a bbox that is not four numbers at " + where(e) + ": '" + title + "'");
      }
      return null;
    }
    double[] box = {
      Double.parseDouble(m.group(1)),
      Double.parseDouble(m.group(2)),
      Double.parseDouble(m.group(3)),
      Double.parseDouble(m.group(4))
    };
    if (box[2] < box[0] || box[3] < box[1]) {
      throw new OcrException(
          "a bbox whose corners are reversed at " + where(e) + ": '" + title + "'");
    }
    return box;
  }

  private static String where(Element e) {
    return "line " + e.sourceRange().start().lineNumber();
  }
}
