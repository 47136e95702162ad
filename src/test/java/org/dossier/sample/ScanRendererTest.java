package org.dossier.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ScanRendererTest {

  private static final String ID = "1950-04-conversation-stalin-kim-il-sung";
  private static final String DATE = "1950-04";
  private static final String TITLE =
      "Record of a Conversation of Cde. Stalin with Kim Il Sung and Pak Heon-yeong";
  private static final String SUMMARY =
      "Kim Il Sung and Stalin discuss the North Korean economy and Soviet-North Korean cooperation.";

  @Test
  void sameInputGivesSameBytes() {
    byte[] first = ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 1, 2);
    byte[] second = ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 1, 2);
    assertArrayEquals(first, second);
  }

  @Test
  void aPageDrawnOnTheImageAnotherPageLeftIsTheSameBytesAsOneDrawnAfresh() {
    ScanRenderer.releaseSpare();
    byte[] fresh = ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 2, 2);
    ScanRenderer.render("other-record", "1961", "Another title", "Another summary.", 1, 1);
    assertArrayEquals(fresh, ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 2, 2));
  }

  @Test
  void decodesAsA4At300Dpi() throws IOException {
    byte[] jpeg = ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 1, 1);
    // JPEG SOI marker: the bytes are a JPEG stream, not some other format.
    assertEquals((byte) 0xFF, jpeg[0]);
    assertEquals((byte) 0xD8, jpeg[1]);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertNotNull(image);
    assertEquals(ScanRenderer.WIDTH, image.getWidth());
    assertEquals(ScanRenderer.HEIGHT, image.getHeight());
    assertEquals(2480, image.getWidth());
    assertEquals(3508, image.getHeight());
  }

  @Test
  void pageCountIsBoundedAndStable() {
    String[] summaries = {null, "", "Short.", SUMMARY, SUMMARY.repeat(5), "x".repeat(100_000)};
    for (String summary : summaries) {
      int pages = ScanRenderer.pageCount(TITLE, summary);
      assertTrue(pages >= 1 && pages <= 4, "pages = " + pages);
      assertEquals(pages, ScanRenderer.pageCount(TITLE, summary));
    }
    assertEquals(1, ScanRenderer.pageCount(null, null));
    assertEquals(4, ScanRenderer.pageCount(TITLE, "x".repeat(100_000)));
  }

  @Test
  void differentPageGivesDifferentBytes() {
    byte[] page1 = ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 1, 2);
    byte[] page2 = ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 2, 2);
    assertFalse(Arrays.equals(page1, page2));
  }

  @Test
  void rejectsPageOutOfRange() {
    assertThrows(
        IllegalArgumentException.class, () -> ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 0, 2));
    assertThrows(
        IllegalArgumentException.class, () -> ScanRenderer.render(ID, DATE, TITLE, SUMMARY, 3, 2));
  }
}
