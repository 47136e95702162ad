package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OcrCodecTest {

  /** English prose, so that deflate meets the word statistics of real OCR. */
  private static final String[] PROSE =
      ("Kim Il Sung and Stalin discuss the North Korean economy and Soviet-North Korean "
              + "cooperation. The delegation asked for credits to buy industrial equipment, for advisors in the ministries and "
              + "for help in rebuilding the railway lines that were damaged during the war. The Soviet side agreed to send a "
              + "commission to Pyongyang in the spring and to consider the request for a loan at the next session of the "
              + "Council of Ministers. Shtykov reported that the harvest in the southern provinces was poor and that the "
              + "peasants lacked seed grain for the coming year.")
          .split(" ");

  /**
   * A typewritten page of about {@code words} words: ten to a line, boxes as a 300 dpi scan gives
   * them.
   */
  static List<OcrLine> page(int words, long seed) {
    Random random = new Random(seed);
    List<OcrLine> lines = new ArrayList<>();
    int y = 330;
    int n = 0;
    while (n < words) {
      List<OcrWord> line = new ArrayList<>();
      int x = 300 + random.nextInt(3);
      int baseline = y + random.nextInt(5) - 2;
      for (int i = 0; i < 10 && n < words; i++, n++) {
        String text = PROSE[(int) ((seed * 31 + n) % PROSE.length)];
        int w = text.length() * 30 - 2 + random.nextInt(3);
        int h = 36 + random.nextInt(14);
        line.add(new OcrWord(text, x, baseline - h + 10 + random.nextInt(3), w, h));
        x += w + 30 + random.nextInt(3);
      }
      int left = line.get(0).x();
      int top = line.stream().mapToInt(OcrWord::y).min().orElseThrow();
      int bottom = line.stream().mapToInt(word -> word.y() + word.h()).max().orElseThrow();
      OcrWord last = line.get(line.size() - 1);
      lines.add(new OcrLine(left, top, last.x() + last.w() - left, bottom - top, line));
      y += 64;
    }
    return lines;
  }

  @Test
  void linesSurviveEncodingExactly() {
    List<OcrLine> lines = new ArrayList<>(page(300, 7));
    // Boxes that run backwards (a word left of the line's box), a hyphenated word, text beyond
    // Latin-1.
    lines.add(
        new OcrLine(
            500,
            3000,
            900,
            60,
            List.of(
                new OcrWord("Ким", 480, 2990, 120, 70),
                new OcrWord("inter-", 700, 3001, 200, 50, "international"),
                new OcrWord("金日成", 1000, 3002, 300, 58))));
    lines.add(new OcrLine(0, 0, 0, 0, List.of()));
    lines.add(
        new OcrLine(1_000_000, 999_999, 1, 1, List.of(new OcrWord("x", 1_000_000, 999_999, 1, 1))));
    assertEquals(lines, OcrCodec.decode(OcrCodec.encode(lines)));
    assertEquals(List.of(), OcrCodec.decode(OcrCodec.encode(List.of())));
  }

  @Test
  void aPageOfThreeHundredWordsTakesAboutTwoKilobytes() {
    List<OcrLine> lines = page(300, 11);
    int text =
        lines.stream()
            .flatMap(l -> l.words().stream())
            .mapToInt(w -> w.text().getBytes(StandardCharsets.UTF_8).length + 1)
            .sum();
    byte[] layout = OcrCodec.layout(lines);
    byte[] stored = OcrCodec.encode(lines);
    System.out.printf(
        "OCR of a 300-word page: %d bytes of text, layout %d bytes, stored (deflated) %d bytes%n",
        text, layout.length, stored.length);
    assertTrue(layout.length < text + 300 * 8, "layout: " + layout.length);
    assertTrue(stored.length < 2_600, "stored: " + stored.length);
  }

  @Test
  void decodingAPageTakesMicroseconds() {
    byte[] stored = OcrCodec.encode(page(300, 13));
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 2000; i++) {
      long t = System.nanoTime();
      OcrCodec.decode(stored);
      best = Math.min(best, System.nanoTime() - t);
    }
    System.out.printf("decoding a 300-word page: %.1f µs at best%n", best / 1000.0);
    assertTrue(best < 1_000_000, "decode took " + best + " ns");
  }

  @Test
  void damagedBytesAreRefusedNotMisread() {
    byte[] stored = OcrCodec.encode(page(30, 3));
    assertThrows(
        CatalogException.class, () -> OcrCodec.decode(Arrays.copyOf(stored, stored.length / 2)));
    byte[] otherVersion = stored.clone();
    otherVersion[0] = 9;
    assertThrows(CatalogException.class, () -> OcrCodec.decode(otherVersion));
    assertThrows(CatalogException.class, () -> OcrCodec.decode(new byte[0]));
  }
}
