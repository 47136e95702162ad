package org.dossier.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Clearly synthetic records for benchmarks and load tests: every title and summary says so, names
 * are "Synthetic Person 17". Ten collections first, then the records, as JSON Lines.
 */
public final class Generator {
  private static final String[] TYPES = {
    "telegram", "record of conversation", "memorandum", "report", "journal entry", "letter"
  };
  private static final String[] WORDS =
      ("synthetic benchmark record delegation meeting economy treaty shipment "
              + "advisors ministry embassy conference negotiation agreement report cable request assistance border "
              + "railway harvest industry reform election visit delegation exchange")
          .split(" ");

  private static final String[] SYLLABLES =
      ("ka to ri ne mo sa lu pe vi da go ha ji ku ze ba no ti re su ma "
              + "lo fe wi ra de ko ni pa")
          .split(" ");

  /**
   * A vocabulary of made-up words for OCR text, drawn Zipf-like (a few common, most rare) as real
   * text is.
   */
  private static final String[] VOCABULARY = vocabulary(5000);

  private Generator() {}

  private static String[] vocabulary(int n) {
    Random random = new Random(42);
    String[] words = new String[n];
    for (int i = 0; i < n; i++) {
      StringBuilder w = new StringBuilder();
      // Common words are short, as in real text.
      int syllables = 1 + Math.min(4, (int) Math.log10(i + 1) + random.nextInt(2));
      for (int k = 0; k < syllables; k++) {
        w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      words[i] = w.toString();
    }
    return words;
  }

  /**
   * Writes {@code records} synthetic records with {@code pages} pages each, every page with an ALTO
   * v4 file of about {@code wordsPerPage} made-up words (written under {@code ocrStore}, the data
   * directory's {@code ocr/} folder) and, with {@code transcripts}, every record with the words of
   * its pages as an English transcript; the same random seed gives the same files.
   */
  public static void writeWithText(
      Path out,
      Path ocrStore,
      int records,
      int pages,
      int wordsPerPage,
      boolean transcripts,
      Random random)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int c = 1; c <= 10; c++) {
        w.write(
            RecordJson.write(
                RecordJson.MAPPER
                    .createObjectNode()
                    .put("kind", "collection")
                    .put("id", "synthetic-" + c)
                    .put("title", "Synthetic collection " + c)
                    .put("description", "Generated for benchmarks; not archival data.")));
        w.newLine();
      }
      for (int i = 1; i <= records; i++) {
        ObjectNode r = record(i, random);
        String id = r.get("id").asString();
        var list = r.putArray("pages");
        StringBuilder transcript = new StringBuilder();
        for (int p = 1; p <= pages; p++) {
          String path = "synthetic/" + id + "/page-" + p + ".xml";
          String text = writeAlto(ocrStore.resolve(path), p, wordsPerPage, random);
          list.addObject()
              .put("image", "synthetic/" + id + "/page-" + p + ".jpg")
              .put("width", 2480)
              .put("height", 3508)
              .put("ocr", "ocr/" + path);
          transcript.append(p > 1 ? "\n\n" : "").append(text);
        }
        if (transcripts) {
          r.putArray("texts")
              .addObject()
              .put("kind", "transcript")
              .put("language", "en")
              .put("text", transcript.toString());
        }
        w.write(RecordJson.write(r));
        w.newLine();
      }
    }
  }

  /** One page of made-up words, typed 2480×3508 pixels, as ALTO v4; returns its text. */
  private static String writeAlto(Path file, int page, int words, Random random)
      throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder();
    try (java.io.OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      javax.xml.stream.XMLStreamWriter x =
          javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("alto");
      x.writeDefaultNamespace("http://www.loc.gov/standards/alto/ns-v4#");
      x.writeStartElement("Description");
      x.writeStartElement("MeasurementUnit");
      x.writeCharacters("pixel");
      x.writeEndElement();
      x.writeEndElement();
      x.writeStartElement("Layout");
      x.writeStartElement("Page");
      x.writeAttribute("ID", "p" + page);
      x.writeAttribute("PHYSICAL_IMG_NR", Integer.toString(page));
      x.writeAttribute("WIDTH", "2480");
      x.writeAttribute("HEIGHT", "3508");
      x.writeStartElement("PrintSpace");
      x.writeStartElement("TextBlock");
      x.writeAttribute("ID", "p" + page + "b1");
      int n = 0;
      int y = 300;
      while (n < words && y < 3300) {
        x.writeStartElement("TextLine");
        int left = 300;
        x.writeAttribute("HPOS", Integer.toString(left));
        x.writeAttribute("VPOS", Integer.toString(y));
        x.writeAttribute("WIDTH", "1880");
        x.writeAttribute("HEIGHT", "48");
        int cx = left;
        boolean first = true;
        while (n < words) {
          // Zipf-like: the cube of a uniform number favours the start of the vocabulary.
          double u = random.nextDouble();
          String word = VOCABULARY[(int) (u * u * u * VOCABULARY.length)];
          int width = word.length() * 30;
          if (cx + width > left + 1880) {
            break;
          }
          if (!first) {
            text.append(' ');
          }
          x.writeEmptyElement("String");
          x.writeAttribute("CONTENT", word);
          x.writeAttribute("HPOS", Integer.toString(cx));
          x.writeAttribute("VPOS", Integer.toString(y + random.nextInt(6)));
          x.writeAttribute("WIDTH", Integer.toString(width - random.nextInt(4)));
          x.writeAttribute("HEIGHT", Integer.toString(36 + random.nextInt(12)));
          text.append(word);
          cx += width + 30;
          n++;
          first = false;
        }
        x.writeEndElement();
        text.append('\n');
        y += 64;
      }
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (javax.xml.stream.XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return text.toString().strip();
  }

  /** Writes {@code records} synthetic records; the same random seed gives the same file. */
  public static void write(Path out, int records, Random random) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int c = 1; c <= 10; c++) {
        ObjectNode collection =
            RecordJson.MAPPER
                .createObjectNode()
                .put("kind", "collection")
                .put("id", "synthetic-" + c)
                .put("title", "Synthetic collection " + c)
                .put("description", "Generated for benchmarks; not archival data.");
        w.write(RecordJson.write(collection));
        w.newLine();
      }
      for (int i = 1; i <= records; i++) {
        w.write(RecordJson.write(record(i, random)));
        w.newLine();
      }
    }
  }

  /** Synthetic record number {@code i}. */
  public static ObjectNode record(int i, Random random) {
    String id = String.format("synthetic-%08d", i);
    ObjectNode r = RecordJson.MAPPER.createObjectNode();
    r.put("id", id);
    r.put("title", "Synthetic record " + i + ": " + words(random, 6));
    int year = 1945 + random.nextInt(47);
    int month = 1 + random.nextInt(12);
    r.put(
        "date",
        switch (random.nextInt(10)) {
          case 0 -> String.format("%04d", year);
          case 1, 2 -> String.format("%04d-%02d", year, month);
          default -> String.format("%04d-%02d-%02d", year, month, 1 + random.nextInt(28));
        });
    r.put("summary", "Generated for benchmarks, not archival data. " + words(random, 30) + ".");
    r.put("type", TYPES[random.nextInt(TYPES.length)]);
    r.putArray("languages").add("en");
    r.putArray("people")
        .add("Synthetic Person " + random.nextInt(500))
        .add("Synthetic Person " + (500 + random.nextInt(500)));
    r.putArray("places").add("Synthetic Place " + random.nextInt(100));
    r.putArray("collections").add("synthetic-" + (1 + random.nextInt(10)));
    var pages = r.putArray("pages");
    int n = 1 + random.nextInt(4);
    for (int p = 1; p <= n; p++) {
      pages
          .addObject()
          .put("image", "synthetic/" + id + "/page-" + p + ".jpg")
          .put("width", 2480)
          .put("height", 3508);
    }
    return r;
  }

  private static String words(Random random, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return s.toString();
  }
}
