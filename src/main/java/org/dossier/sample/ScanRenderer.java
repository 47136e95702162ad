package org.dossier.sample;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders typewritten-looking sample page scans from catalogue text, so the demo archive has
 * images to serve without shipping real scans. Every page carries a large "generated sample"
 * stamp and footer so nobody mistakes it for an archival image.
 *
 * <p>Output is deterministic: all randomness comes from a {@link Random} seeded from the record id
 * and page number, and the JPEG stream contains no timestamps, so the same input gives the same
 * bytes on every run (given the same JDK and fonts).
 */
public final class ScanRenderer {

    public static final int WIDTH = 2480, HEIGHT = 3508; // A4 at 300 dpi

    private static final String STAMP_TOP = "GENERATED SAMPLE";
    private static final String STAMP_BOTTOM = "NOT AN ARCHIVAL SCAN";
    private static final String FOOTER = "Dossier sample scan, generated from catalogue text";

    private static final int MARGIN_X = 300;          // 1 inch
    private static final int TOP = 330;
    private static final int LINE = 64;               // a little more than single spacing
    private static final int BODY_SIZE = 50;          // 12 pt at 300 dpi; pitch comes out near pica
    private static final int PAGE_NUMBER_Y = HEIGHT - 380;
    private static final int BODY_BOTTOM = PAGE_NUMBER_Y - 2 * LINE; // last body baseline
    private static final int MAX_HEADING_LINES = 8;
    private static final String INDENT = "     ";                  // typed paragraph indent
    private static final Color PAPER = new Color(234, 229, 214);
    private static final int[] INK = {38, 36, 44};

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"};

    private ScanRenderer() {
    }

    /** How many pages (1 to 4) a record gets, decided from its text length so it is stable. */
    public static int pageCount(String title, String summary) {
        int chars = length(title) + length(summary);
        return Math.max(1, Math.min(4, 1 + chars / 250));
    }

    /**
     * Renders page {@code page} (1-based) of {@code pages} as JPEG bytes. Same input gives the same bytes,
     * every run, every machine with the same JDK.
     */
    public static byte[] render(String id, String date, String title, String summary, int page, int pages) {
        if (pages < 1 || page < 1 || page > pages) {
            throw new IllegalArgumentException("page " + page + " of " + pages);
        }
        id = id == null ? "" : id;
        title = title == null ? "" : title.strip();
        summary = summary == null ? "" : summary.strip();

        Random rnd = new Random(seed(id, page));
        // 3-byte BGR is what the JPEG writer encodes without an extra colour conversion.
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);

            paper(g, rnd);

            // A scanned sheet is never perfectly square on the glass: tilt the typed text a hair.
            AffineTransform straight = g.getTransform();
            g.rotate(Math.toRadians((rnd.nextDouble() - 0.5) * 0.5), WIDTH / 2.0, HEIGHT / 2.0);
            typeText(g, rnd, id, date, title, summary, page, pages);
            g.setTransform(straight);

            stamp(g);
            footer(g);
        } finally {
            g.dispose();
        }
        return jpeg(img);
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
                tone.setRGB(x, y, new Color(PAPER.getRed() + d, PAPER.getGreen() + d, PAPER.getBlue() + d).getRGB());
            }
        }
        g.drawImage(tone, 0, 0, WIDTH, HEIGHT, null);

        // Scanner lid shadow along the left edge and a faint yellowing towards the bottom.
        g.setPaint(new GradientPaint(0, 0, new Color(60, 55, 45, 90), 70, 0, new Color(60, 55, 45, 0)));
        g.fillRect(0, 0, 70, HEIGHT);
        g.setPaint(new GradientPaint(0, HEIGHT - 500, new Color(180, 150, 90, 0), 0, HEIGHT, new Color(180, 150, 90, 40)));
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

    private static void typeText(Graphics2D g, Random rnd, String id, String date, String title,
                                 String summary, int page, int pages) {
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, BODY_SIZE));
        int pitch = g.getFontMetrics().charWidth('M');
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

        int y = TOP;
        List<String> lines;
        int bodyY;
        if (page == 1) {
            String when = humanDate(date);
            typeLine(g, rnd, when, right - when.length() * pitch, y, pitch, false);
            y += LINE;
            for (String line : ref) {
                typeLine(g, rnd, line, MARGIN_X, y, pitch, false);
                y += LINE;
            }
            y += 2 * LINE;
            // Typewriters had no bold: headings were struck twice and underlined.
            g.setStroke(new BasicStroke(3f));
            for (String line : heading) {
                int x = MARGIN_X + (columns - line.length()) / 2 * pitch;
                typeLine(g, rnd, line, x, y, pitch, true);
                g.setColor(new Color(INK[0], INK[1], INK[2], 200));
                g.drawLine(x, y + 10, x + line.length() * pitch, y + 10);
                y += LINE + 8;
            }
            lines = first(body, firstCap);
            bodyY = firstBodyY;
        } else {
            String head = "- " + page + " -";
            typeLine(g, rnd, head, MARGIN_X + (columns - head.length()) / 2 * pitch, y, pitch, false);
            y += 2 * LINE;
            for (String line : laterRef) {
                typeLine(g, rnd, line, MARGIN_X, y, pitch, false);
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
            typeLine(g, rnd, line, MARGIN_X, bodyY, pitch, false);
            bodyY += LINE;
        }

        String number = "Page " + page + " of " + pages;
        typeLine(g, rnd, number, MARGIN_X + (columns - number.length()) / 2 * pitch, PAGE_NUMBER_Y, pitch, false);
    }

    /** How many body lines fit between {@code startY} and the page number. */
    private static int capacity(int startY) {
        return Math.max(0, (BODY_BOTTOM - startY) / LINE + 1);
    }

    private static List<String> first(List<String> lines, int max) {
        return lines.size() <= max ? lines : lines.subList(0, max);
    }

    /**
     * Types one line a character at a time at a fixed pitch, with the small baseline wobble and
     * uneven ribbon darkness of a mechanical typewriter.
     */
    private static void typeLine(Graphics2D g, Random rnd, String text, int x, int y, int pitch, boolean overstrike) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int jitter = rnd.nextInt(5) - 2;
            int alpha = 185 + rnd.nextInt(71);
            if (c == ' ') {
                continue;
            }
            g.setColor(new Color(INK[0], INK[1], INK[2], alpha));
            String s = String.valueOf(c);
            int cx = x + i * pitch;
            g.drawString(s, cx, y + jitter);
            // A second, offset strike: faint for ink spreading into the fibres, full for headings.
            if (!overstrike) {
                g.setColor(new Color(INK[0], INK[1], INK[2], alpha / 4));
            }
            g.drawString(s, cx + (overstrike ? 2 : 1), y + jitter + (overstrike ? 0 : 1));
        }
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

    /** Typed form of the date: "1950-04-12" becomes "12 April 1950", "1950-04" "April 1950"; anything else as given. */
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
        g.draw(new RoundRectangle2D.Double(cx - boxW / 2.0 + 30, cy - 250, boxW - 60, boxH - 60, 40, 40));

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

    /** 64-bit FNV-1a over the id's chars and the page number: stable across JVMs, unlike identity hashes. */
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
