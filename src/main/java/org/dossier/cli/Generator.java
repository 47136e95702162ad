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
  private static final String[] TYPES = {"telegram", "record of conversation", "memorandum", "report", "journal entry", "letter"};
  private static final String[] WORDS = ("synthetic benchmark record delegation meeting economy treaty shipment "
      + "advisors ministry embassy conference negotiation agreement report cable request assistance border "
      + "railway harvest industry reform election visit delegation exchange").split(" ");

  private Generator() {}

  /** Writes {@code records} synthetic records; the same random seed gives the same file. */
  public static void write(Path out, int records, Random random) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int c = 1; c <= 10; c++) {
        ObjectNode collection = RecordJson.MAPPER.createObjectNode().put("kind", "collection")
            .put("id", "synthetic-" + c).put("title", "Synthetic collection " + c)
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
    r.put("date", switch (random.nextInt(10)) {
      case 0 -> String.format("%04d", year);
      case 1, 2 -> String.format("%04d-%02d", year, month);
      default -> String.format("%04d-%02d-%02d", year, month, 1 + random.nextInt(28));
    });
    r.put("summary", "Generated for benchmarks, not archival data. " + words(random, 30) + ".");
    r.put("type", TYPES[random.nextInt(TYPES.length)]);
    r.putArray("languages").add("en");
    r.putArray("people").add("Synthetic Person " + random.nextInt(500)).add("Synthetic Person " + (500 + random.nextInt(500)));
    r.putArray("places").add("Synthetic Place " + random.nextInt(100));
    r.putArray("collections").add("synthetic-" + (1 + random.nextInt(10)));
    var pages = r.putArray("pages");
    int n = 1 + random.nextInt(4);
    for (int p = 1; p <= n; p++) {
      pages.addObject().put("image", "synthetic/" + id + "/page-" + p + ".jpg").put("width", 2480).put("height", 3508);
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
