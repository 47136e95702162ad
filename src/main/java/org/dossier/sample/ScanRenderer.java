package org.dossier.sample;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;

/**
 * Renders typewritten-looking sample page scans from catalogue text, so the demo archive has images
 * to serve without shipping real scans. Every page carries a large "generated sample" stamp and
 * footer so nobody mistakes it for an archival image.
 *
 * <p>What is typed on a page is laid out first ({@link #layout}): every character's place, wobble
 * and ink, and the sheet's tilt. The scan is drawn from that layout, and the page's OCR ({@link
 * #ocr}, {@link #alto}) is computed from the same layout and the font's glyph outlines, without
 * drawing: the box of every word is the box of the ink the renderer puts down for it. The stamp and
 * the footer are sample markings, not typed text, and are not in the OCR.
 *
 * <p>Output is deterministic: all randomness comes from {@link Random}s seeded from the record id
 * and page number, and the JPEG stream contains no timestamps, so the same input gives the same
 * bytes on every run (given the same JDK and fonts).
 */
public final class ScanRenderer {

  public static final int WIDTH = 2480, HEIGHT = 3508; // A4 at 300 dpi

  private static final String STAMP_TOP = "GENERATED SAMPLE";
  private static final String STAMP_BOTTOM = "NOT AN ARCHIVAL SCAN";
  private static final String FOOTER = "Dossier sample scan, generated from catalogue text";

  private static final int MARGIN_X = 300; // 1 inch
  private static final int TOP = 330;
  private static final int LINE = 64; // a little more than single spacing
  private static final int BODY_SIZE = 50; // 12 pt at 300 dpi; pitch comes out near pica
  private static final int PAGE_NUMBER_Y = HEIGHT - 380;
  private static final int BODY_BOTTOM = PAGE_NUMBER_Y - 2 * LINE; // last body baseline
  private static final int MAX_HEADING_LINES = 8;
  private static final String INDENT = "     "; // typed paragraph indent
  private static final Color PAPER = new Color(234, 229, 214);
  private static final int[] INK = {38, 36, 44};

  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };

  private ScanRenderer() {}

  /** How many pages (1 to 4) a record gets, decided from its text length so it is stable. */
  public static int pageCount(String title, String summary) {
    int chars = length(title) + length(summary);
    return Math.max(1, Math.min(4, 1 + chars / 250));
  }

  /**
   * Renders page {@code page} (1-based) of {@code pages} as JPEG bytes. Same input gives the same
   * bytes, every run, every machine with the same JDK.
   */
  public static byte[] render(
      String id, String date, String title, String summary, int page, int pages) {
    if (pages < 1 || page < 1 || page > pages) {
      throw new IllegalArgumentException("page " + page + " of " + pages);
    }
    id = id == null ? "" : id;
    title = title == null ? "" : title.strip();
    summary = summary == null ? "" : summary.strip();

    Layout layout = layout(id, date, title, summary, page, pages);
    Random rnd = new Random(seed(id, page));
    // 3-byte BGR is what the JPEG writer encodes without an extra colour conversion. The page is
    // 26 MB; one is kept between pages rather than allocated for each (the paper covers every
    // pixel, so nothing of the previous page shows through).
    BufferedImage spare = SPARE.getAndSet(null);
    BufferedImage img =
        spare != null ? spare : new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);

      paper(g, rnd);

      AffineTransform straight = g.getTransform();
      g.transform(layout.tilt());
      typeText(g, layout);
      g.setTransform(straight);

      stamp(g);
      footer(g);
    } finally {
      g.dispose();
    }
    try {
      return jpeg(img);
    } finally {
      SPARE.set(img);
    }
  }

  /** The page image kept for the next page drawn ({@link #render}); see {@link #releaseSpare}. */
  private static final java.util.concurrent.atomic.AtomicReference<BufferedImage> SPARE =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Drops the page image kept between pages, once no more are to be drawn for a while. */
  public static void releaseSpare() {
    SPARE.set(null);
  }

  // ---- paper -------------------------------------------------------------------------------

  /** Off-white paper with blotchy tone, a scanner shadow at one edge and a few specks. */
  private static void paper(Graphics2D g, Random rnd) {
    // Low-resolution paper tone blown up with bilinear filtering gives soft mottling for the
    // cost of a 1/16-size image, and it compresses far better than per-pixel grain. The small
    // image is opaque INT_RGB because that is the fastest scaling path in Java2D.
    int w = WIDTH / 16, h = HEIGHT / 16;
    BufferedImage tone = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int d = rnd.nextInt(9) - 4;
        tone.setRGB(
            x,
            y,
            new Color(PAPER.getRed() + d, PAPER.getGreen() + d, PAPER.getBlue() + d).getRGB());
      }
    }
    g.drawImage(tone, 0, 0, WIDTH, HEIGHT, null);

    // Scanner lid shadow along the left edge and a faint yellowing towards the bottom.
    g.setPaint(new GradientPaint(0, 0, new Color(60, 55, 45, 90), 70, 0, new Color(60, 55, 45, 0)));
    g.fillRect(0, 0, 70, HEIGHT);
    g.setPaint(
        new GradientPaint(
            0, HEIGHT - 500, new Color(180, 150, 90, 0), 0, HEIGHT, new Color(180, 150, 90, 40)));
    g.fillRect(0, HEIGHT - 500, WIDTH, 500);

    // Sparse dust and fibre specks.
    for (int i = 0; i < 1400; i++) {
      int gray = 70 + rnd.nextInt(80);
      g.setColor(new Color(gray, gray, gray - 10, 40 + rnd.nextInt(120)));
      int size = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 6 : 3);
      g.fillOval(rnd.nextInt(WIDTH), rnd.nextInt(HEIGHT), size, size);
    }
  }

  // ---- typed text --------------------------------------------------------------------------

  /**
   * One typed line: where its first character's baseline starts, and for every character (spaces
   * too, as a typist's keys all strike) its baseline wobble and ink darkness.
   *
   * @param heading struck twice and underlined
   * @param block the part of the page it belongs to (heading lines, body...), for the OCR's blocks
   */
  record TypedLine(
      String text, int x, int y, boolean heading, int block, int[] jitter, int[] alpha) {}

  /** Everything typed on one page, in typing order, and the sheet's tilt on the scanner glass. */
  record Layout(AffineTransform tilt, List<TypedLine> lines) {}

  private static final Font BODY_FONT = new Font(Font.MONOSPACED, Font.PLAIN, BODY_SIZE);

  /** The rendering context of the scan's text (antialiased, integer metrics), before the tilt. */
  private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

  /** The typewriter's fixed advance: the width of an 'M'. */
  private static final int PITCH = (int) BODY_FONT.getStringBounds("M", FRC).getWidth();

  private static final Map<Character, Rectangle2D> GLYPH_BOUNDS = new ConcurrentHashMap<>();

  /** Lays out page {@code page} of {@code pages}: the same input gives the same layout, always. */
  static Layout layout(String id, String date, String title, String summary, int page, int pages) {
    if (pages < 1 || page < 1 || page > pages) {
      throw new IllegalArgumentException("page " + page + " of " + pages);
    }
    id = id == null ? "" : id;
    title = title == null ? "" : title.strip();
    summary = summary == null ? "" : summary.strip();
    // The typing has its own random stream, apart from the paper's: the layout is then known
    // without drawing the paper.
    Random rnd = new Random(seed(id, page) ^ 0x7F4A7C15L);
    // A scanned sheet is never perfectly square on the glass: tilt the typed text a hair.
    AffineTransform tilt =
        AffineTransform.getRotateInstance(
            Math.toRadians((rnd.nextDouble() - 0.5) * 0.5), WIDTH / 2.0, HEIGHT / 2.0);
    int pitch = PITCH;
    int columns = (WIDTH - 2 * MARGIN_X) / pitch;
    int right = MARGIN_X + columns * pitch;

    // Lay out both kinds of page up front: a later page needs to know how much of the body
    // fitted on page 1 to continue where it stopped.
    List<String> ref = wrap("Ref.: " + id, columns);
    List<String> laterRef = wrap("Ref.: " + id + " (continued)", columns);
    List<String> heading = first(wrap(title, columns - 8), MAX_HEADING_LINES);
    List<String> body = wrap(INDENT + summary, columns);
    int firstBodyY = TOP + LINE * (ref.size() + 3) + (LINE + 8) * heading.size() + 2 * LINE;
    int laterBodyY = TOP + LINE * (laterRef.size() + 4);
    int firstCap = capacity(firstBodyY), laterCap = capacity(laterBodyY);

    List<TypedLine> typed = new ArrayList<>();
    int y = TOP;
    List<String> lines;
    int bodyY;
    if (page == 1) {
      String when = humanDate(date);
      type(typed, rnd, when, right - when.length() * pitch, y, false, 0);
      y += LINE;
      for (String line : ref) {
        type(typed, rnd, line, MARGIN_X, y, false, 0);
        y += LINE;
      }
      y += 2 * LINE;
      for (String line : heading) {
        type(typed, rnd, line, MARGIN_X + (columns - line.length()) / 2 * pitch, y, true, 1);
        y += LINE + 8;
      }
      lines = first(body, firstCap);
      bodyY = firstBodyY;
    } else {
      String head = "- " + page + " -";
      type(typed, rnd, head, MARGIN_X + (columns - head.length()) / 2 * pitch, y, false, 0);
      y += 2 * LINE;
      for (String line : laterRef) {
        type(typed, rnd, line, MARGIN_X, y, false, 0);
        y += LINE;
      }
      int start = firstCap + (page - 2) * laterCap;
      if (start < body.size()) {
        lines = first(body.subList(start, body.size()), laterCap);
      } else {
        // The catalogue text is all typed already: repeat it, starting at a different
        // sentence on each page, so pages differ without inventing any content.
        String text = rotateSentences(summary.isEmpty() ? title : summary, page - 1);
        lines = first(wrap(INDENT + text, columns), laterCap);
      }
      bodyY = laterBodyY;
    }
    for (String line : lines) {
      type(typed, rnd, line, MARGIN_X, bodyY, false, 2);
      bodyY += LINE;
    }

    String number = "Page " + page + " of " + pages;
    type(
        typed,
        rnd,
        number,
        MARGIN_X + (columns - number.length()) / 2 * pitch,
        PAGE_NUMBER_Y,
        false,
        3);
    return new Layout(tilt, typed);
  }

  /**
   * Types one line a character at a time at a fixed pitch, with the small baseline wobble and
   * uneven ribbon darkness of a mechanical typewriter.
   */
  private static void type(
      List<TypedLine> typed, Random rnd, String text, int x, int y, boolean heading, int block) {
    int[] jitter = new int[text.length()];
    int[] alpha = new int[text.length()];
    for (int i = 0; i < text.length(); i++) {
      jitter[i] = rnd.nextInt(5) - 2;
      alpha[i] = 185 + rnd.nextInt(71);
    }
    if (!text.isBlank()) {
      typed.add(new TypedLine(text, x, y, heading, block, jitter, alpha));
    }
  }

  private static void typeText(Graphics2D g, Layout layout) {
    g.setFont(BODY_FONT);
    // Typewriters had no bold: headings were struck twice and underlined.
    g.setStroke(new BasicStroke(3f));
    for (TypedLine line : layout.lines()) {
      for (int i = 0; i < line.text().length(); i++) {
        char c = line.text().charAt(i);
        if (c == ' ') {
          continue;
        }
        String s = String.valueOf(c);
        int cx = line.x() + i * PITCH;
        int cy = line.y() + line.jitter()[i];
        g.setColor(new Color(INK[0], INK[1], INK[2], line.alpha()[i]));
        g.drawString(s, cx, cy);
        // A second, offset strike: faint for ink spreading into the fibres, full for headings.
        if (!line.heading()) {
          g.setColor(new Color(INK[0], INK[1], INK[2], line.alpha()[i] / 4));
        }
        g.drawString(s, cx + strikeDx(line), cy + strikeDy(line));
      }
      if (line.heading()) {
        g.setColor(new Color(INK[0], INK[1], INK[2], 200));
        g.drawLine(line.x(), line.y() + 10, line.x() + line.text().length() * PITCH, line.y() + 10);
      }
    }
  }

  private static int strikeDx(TypedLine line) {
    return line.heading() ? 2 : 1;
  }

  private static int strikeDy(TypedLine line) {
    return line.heading() ? 0 : 1;
  }

  /** How many body lines fit between {@code startY} and the page number. */
  private static int capacity(int startY) {
    return Math.max(0, (BODY_BOTTOM - startY) / LINE + 1);
  }

  private static List<String> first(List<String> lines, int max) {
    return lines.size() <= max ? lines : lines.subList(0, max);
  }

  // ---- the page's OCR ------------------------------------------------------------------------

  /**
   * The words typed on a page with the box of the ink of each, in the scan's pixels: the union of
   * both strikes of every character's glyph outline, at its wobble, each turned with the sheet's
   * tilt, rounded outwards to whole pixels. Lines in typing order, words left to right.
   */
  public static List<OcrLine> ocr(
      String id, String date, String title, String summary, int page, int pages) {
    return ocr(layout(id, date, title, summary, page, pages));
  }

  static List<OcrLine> ocr(Layout layout) {
    List<OcrLine> lines = new ArrayList<>();
    for (TypedLine line : layout.lines()) {
      List<OcrWord> words = new ArrayList<>();
      String text = line.text();
      int i = 0;
      while (i < text.length()) {
        if (text.charAt(i) == ' ') {
          i++;
          continue;
        }
        int start = i;
        Rectangle2D ink = null;
        for (; i < text.length() && text.charAt(i) != ' '; i++) {
          Rectangle2D glyph =
              GLYPH_BOUNDS.computeIfAbsent(
                  text.charAt(i),
                  c -> BODY_FONT.createGlyphVector(FRC, String.valueOf(c)).getVisualBounds());
          double gx = line.x() + i * PITCH + glyph.getX();
          double gy = line.y() + line.jitter()[i] + glyph.getY();
          Rectangle2D first = new Rectangle2D.Double(gx, gy, glyph.getWidth(), glyph.getHeight());
          Rectangle2D second =
              new Rectangle2D.Double(
                  gx + strikeDx(line), gy + strikeDy(line), glyph.getWidth(), glyph.getHeight());
          // Each glyph turned on its own: a long word's box then follows its ink, not the
          // corners of a turned rectangle around all of it.
          Rectangle2D both =
              layout.tilt().createTransformedShape(first.createUnion(second)).getBounds2D();
          ink = ink == null ? both : ink.createUnion(both);
        }
        Rectangle box = ink.getBounds();
        words.add(new OcrWord(text.substring(start, i), box.x, box.y, box.width, box.height));
      }
      int left = words.stream().mapToInt(OcrWord::x).min().orElseThrow();
      int top = words.stream().mapToInt(OcrWord::y).min().orElseThrow();
      int rightEdge = words.stream().mapToInt(w -> w.x() + w.w()).max().orElseThrow();
      int bottom = words.stream().mapToInt(w -> w.y() + w.h()).max().orElseThrow();
      lines.add(new OcrLine(left, top, rightEdge - left, bottom - top, words));
    }
    return lines;
  }

  /** The text typed on a page: its lines, without the typist's indents, one a line. */
  public static String text(
      String id, String date, String title, String summary, int page, int pages) {
    StringBuilder s = new StringBuilder();
    for (TypedLine line : layout(id, date, title, summary, page, pages).lines()) {
      if (s.length() > 0) {
        s.append('\n');
      }
      s.append(line.text().strip().replaceAll(" +", " "));
    }
    return s.toString();
  }

  /**
   * The page's OCR as an ALTO v4 file: measurement in the scan's pixels, one TextBlock for each
   * part of the page (reference, heading, body, page number), a TextLine per typed line, a String
   * per word with the box of its ink, an SP between words.
   *
   * @param image the scan's file name, for {@code sourceImageInformation}
   */
  public static byte[] alto(
      String id, String date, String title, String summary, int page, int pages, String image) {
    Layout layout = layout(id, date, title, summary, page, pages);
    List<OcrLine> lines = ocr(layout);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16_384);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("alto");
      x.writeDefaultNamespace(ALTO_NS);
      x.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
      x.writeAttribute(
          "http://www.w3.org/2001/XMLSchema-instance",
          "schemaLocation",
          ALTO_NS + " http://www.loc.gov/standards/alto/v4/alto-4-2.xsd");
      x.writeCharacters("\n  ");
      x.writeStartElement("Description");
      x.writeCharacters("\n    ");
      x.writeStartElement("MeasurementUnit");
      x.writeCharacters("pixel");
      x.writeEndElement();
      x.writeCharacters("\n    ");
      x.writeStartElement("sourceImageInformation");
      x.writeStartElement("fileName");
      x.writeCharacters(image);
      x.writeEndElement();
      x.writeEndElement();
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeComment(
          " Generated with the sample scan: the box of every word is the ink the renderer drew for it. ");
      x.writeCharacters("\n  ");
      x.writeStartElement("Layout");
      x.writeCharacters("\n    ");
      x.writeStartElement("Page");
      x.writeAttribute("ID", "page" + page);
      x.writeAttribute("PHYSICAL_IMG_NR", Integer.toString(page));
      x.writeAttribute("WIDTH", Integer.toString(WIDTH));
      x.writeAttribute("HEIGHT", Integer.toString(HEIGHT));
      x.writeCharacters("\n      ");
      x.writeStartElement("PrintSpace");
      box(x, union(lines));
      int block = -1;
      int words = 0;
      for (int l = 0; l < lines.size(); l++) {
        OcrLine line = lines.get(l);
        int lineBlock = layout.lines().get(l).block();
        if (lineBlock != block) {
          if (block >= 0) {
            x.writeCharacters("\n        ");
            x.writeEndElement();
          }
          block = lineBlock;
          List<OcrLine> inBlock = new ArrayList<>();
          for (int k = l; k < lines.size() && layout.lines().get(k).block() == block; k++) {
            inBlock.add(lines.get(k));
          }
          x.writeCharacters("\n        ");
          x.writeStartElement("TextBlock");
          x.writeAttribute("ID", "p" + page + "_b" + (block + 1));
          box(x, union(inBlock));
        }
        x.writeCharacters("\n          ");
        x.writeStartElement("TextLine");
        x.writeAttribute("ID", "p" + page + "_l" + (l + 1));
        box(x, new int[] {line.x(), line.y(), line.w(), line.h()});
        OcrWord previous = null;
        for (OcrWord w : line.words()) {
          if (previous != null) {
            x.writeEmptyElement("SP");
            x.writeAttribute(
                "WIDTH", Integer.toString(Math.max(0, w.x() - previous.x() - previous.w())));
            x.writeAttribute("HPOS", Integer.toString(previous.x() + previous.w()));
            x.writeAttribute("VPOS", Integer.toString(previous.y()));
          }
          x.writeEmptyElement("String");
          x.writeAttribute("ID", "p" + page + "_w" + (++words));
          x.writeAttribute("CONTENT", w.text());
          box(x, new int[] {w.x(), w.y(), w.w(), w.h()});
          previous = w;
        }
        x.writeEndElement();
      }
      if (block >= 0) {
        x.writeCharacters("\n        ");
        x.writeEndElement();
      }
      x.writeCharacters("\n      ");
      x.writeEndElement(); // PrintSpace
      x.writeCharacters("\n    ");
      x.writeEndElement(); // Page
      x.writeCharacters("\n  ");
      x.writeEndElement(); // Layout
      x.writeCharacters("\n");
      x.writeEndElement(); // alto
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write ALTO to memory", e);
    }
    return bytes.toByteArray();
  }

  static final String ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#";

  private static void box(XMLStreamWriter x, int[] box) throws XMLStreamException {
    x.writeAttribute("HPOS", Integer.toString(box[0]));
    x.writeAttribute("VPOS", Integer.toString(box[1]));
    x.writeAttribute("WIDTH", Integer.toString(box[2]));
    x.writeAttribute("HEIGHT", Integer.toString(box[3]));
  }

  private static int[] union(List<OcrLine> lines) {
    int left = Integer.MAX_VALUE,
        top = Integer.MAX_VALUE,
        rightEdge = Integer.MIN_VALUE,
        bottom = Integer.MIN_VALUE;
    for (OcrLine l : lines) {
      left = Math.min(left, l.x());
      top = Math.min(top, l.y());
      rightEdge = Math.max(rightEdge, l.x() + l.w());
      bottom = Math.max(bottom, l.y() + l.h());
    }
    return lines.isEmpty()
        ? new int[] {0, 0, 0, 0}
        : new int[] {left, top, rightEdge - left, bottom - top};
  }

  /** Greedy word wrap to a fixed column count; words longer than a line are split. */
  static List<String> wrap(String text, int columns) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    // Keep leading spaces (paragraph indent) by treating them as part of the first word.
    int indent = 0;
    while (indent < text.length() && text.charAt(indent) == ' ') {
      indent++;
    }
    line.append(text, 0, indent);
    for (String word : text.substring(indent).split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      while (word.length() > columns) {
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, columns));
        word = word.substring(columns);
      }
      boolean fresh = line.toString().isBlank();
      if (!fresh && line.length() + 1 + word.length() > columns) {
        lines.add(line.toString());
        line.setLength(0);
        fresh = true;
      }
      if (!fresh) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.toString().isBlank()) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String rotateSentences(String text, int shift) {
    String[] sentences = text.split("(?<=[.!?])\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sentences.length; i++) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(sentences[(i + shift) % sentences.length]);
    }
    return out.toString();
  }

  /**
   * Typed form of the date: "1950-04-12" becomes "12 April 1950", "1950-04" "April 1950"; anything
   * else as given.
   */
  private static String humanDate(String date) {
    if (date == null) {
      return "";
    }
    String[] p = date.split("-");
    try {
      if (p.length == 3) {
        return Integer.parseInt(p[2]) + " " + MONTHS[Integer.parseInt(p[1]) - 1] + " " + p[0];
      }
      if (p.length == 2) {
        return MONTHS[Integer.parseInt(p[1]) - 1] + " " + p[0];
      }
    } catch (RuntimeException notIso) {
      // fall through: show the date exactly as catalogued
    }
    return date;
  }

  // ---- sample markings ---------------------------------------------------------------------

  /** Large translucent diagonal rubber stamp, drawn last so it sits over the text. */
  private static void stamp(Graphics2D g) {
    AffineTransform saved = g.getTransform();
    g.rotate(Math.toRadians(-35), WIDTH / 2.0, HEIGHT / 2.0);
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.42f));
    g.setColor(new Color(205, 35, 35));

    Font big = new Font(Font.SANS_SERIF, Font.BOLD, 205);
    Font small = new Font(Font.SANS_SERIF, Font.BOLD, 135);
    int wTop = g.getFontMetrics(big).stringWidth(STAMP_TOP);
    int wBottom = g.getFontMetrics(small).stringWidth(STAMP_BOTTOM);
    int cx = WIDTH / 2, cy = HEIGHT / 2;

    g.setFont(big);
    g.drawString(STAMP_TOP, cx - wTop / 2, cy - 30);
    g.setFont(small);
    g.drawString(STAMP_BOTTOM, cx - wBottom / 2, cy + 150);

    int boxW = Math.max(wTop, wBottom) + 160, boxH = 520;
    g.setStroke(new BasicStroke(16f));
    g.draw(new RoundRectangle2D.Double(cx - boxW / 2.0, cy - 280, boxW, boxH, 60, 60));
    g.setStroke(new BasicStroke(6f));
    g.draw(
        new RoundRectangle2D.Double(cx - boxW / 2.0 + 30, cy - 250, boxW - 60, boxH - 60, 40, 40));

    g.setComposite(AlphaComposite.SrcOver);
    g.setTransform(saved);
  }

  private static void footer(Graphics2D g) {
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 34));
    g.setColor(new Color(150, 40, 40));
    int w = g.getFontMetrics().stringWidth(FOOTER);
    g.drawString(FOOTER, (WIDTH - w) / 2, HEIGHT - 200);
  }

  // ---- encoding ----------------------------------------------------------------------------

  /** Baseline JPEG at quality 0.85 with the writer's fixed default JFIF header (no dates). */
  private static byte[] jpeg(BufferedImage img) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
      if (param instanceof JPEGImageWriteParam jp) {
        jp.setOptimizeHuffmanTables(true); // smaller file, still deterministic
      }
      writer.write(null, new IIOImage(img, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory stream: not expected
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  // ---- helpers -----------------------------------------------------------------------------

  /**
   * 64-bit FNV-1a over the id's chars and the page number: stable across JVMs, unlike identity
   * hashes.
   */
  private static long seed(String id, int page) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    return (h ^ page) * 0x100000001b3L;
  }

  private static int length(String s) {
    return s == null ? 0 : s.strip().length();
  }
}
