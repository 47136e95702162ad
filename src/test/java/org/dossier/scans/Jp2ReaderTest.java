package org.dossier.scans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JPEG 2000 resolution read in bands through one {@link Jp2Reader} gives, band after band, the
 * pixels {@code opj_decompress} (Debian's libopenjp2-tools, another program) decodes from the whole
 * file at that resolution: exactly for a lossless file; within 1 per channel for a lossy (9/7) one,
 * where OpenJPEG's partial and whole-tile decoding may round differently. Colour and gray, one tile
 * and several (where OpenJPEG decodes each region with a fresh codec).
 */
class Jp2ReaderTest {
  static final int W = 700;
  static final int H = 900;

  @TempDir Path dir;

  @Test
  void bandsOfALosslessSingleTileCodestreamAreExactlyOpenJpegsWholeDecoding() throws Exception {
    Path jp2 = encode(picture(BufferedImage.TYPE_3BYTE_BGR), "lossless.jp2", "-n", "4");
    assertBandsMatch(jp2, 0, 0, 3);
    assertBandsMatch(jp2, 1, 0, 3);
    assertBandsMatch(jp2, 3, 0, 3);
  }

  @Test
  void bandsOfALossyCodestreamMatchOpenJpegsWholeDecoding() throws Exception {
    Path jp2 =
        encode(picture(BufferedImage.TYPE_3BYTE_BGR), "lossy.jp2", "-n", "6", "-r", "20", "-I");
    assertBandsMatch(jp2, 0, 1, 3);
    assertBandsMatch(jp2, 2, 1, 3);
  }

  @Test
  void aGrayCodestreamGivesGrayPixels() throws Exception {
    Path jp2 = encode(picture(BufferedImage.TYPE_BYTE_GRAY), "gray.jp2", "-n", "3");
    assertBandsMatch(jp2, 0, 0, 1);
    assertBandsMatch(jp2, 1, 0, 1);
  }

  @Test
  void aCodestreamOfSeveralTilesIsDecodedRegionByRegion() throws Exception {
    Path jp2 =
        encode(picture(BufferedImage.TYPE_3BYTE_BGR), "tiled.jp2", "-n", "3", "-t", "256,256");
    assertBandsMatch(jp2, 0, 0, 3);
    assertBandsMatch(jp2, 1, 0, 3);
  }

  /** Bands of 200 rows of the reduced image, compared with opj_decompress's whole image. */
  private void assertBandsMatch(Path jp2, int reduce, int tolerance, int bands) throws Exception {
    BufferedImage reference = decompress(jp2, reduce);
    int s = 1 << reduce;
    int w = (W + s - 1) / s;
    int h = (H + s - 1) / s;
    assertEquals(w + "x" + h, reference.getWidth() + "x" + reference.getHeight());
    int rows = 200;
    try (Jp2Reader reader = Jp2Reader.open(jp2, reduce)) {
      for (int y = 0; y < h; y += rows) {
        int n = Math.min(rows, h - y);
        int top = y * s;
        BufferedImage band = reader.decode(new Rectangle(0, top, W, Math.min(n * s, H - top)));
        String what = jp2.getFileName() + " at -" + reduce + ", rows " + y + "+" + n;
        assertEquals(w + "x" + n, band.getWidth() + "x" + band.getHeight(), what);
        assertEquals(bands, band.getRaster().getNumBands(), what);
        int largest = largestDifference(reference.getRaster(), y, band.getRaster(), bands);
        assertEquals(true, largest <= tolerance, what + ": a channel differs by " + largest);
      }
    }
  }

  private static int largestDifference(Raster reference, int y0, Raster band, int bands) {
    int largest = 0;
    for (int y = 0; y < band.getHeight(); y++) {
      for (int x = 0; x < band.getWidth(); x++) {
        for (int b = 0; b < bands; b++) {
          int d = Math.abs(band.getSample(x, y, b) - reference.getSample(x, y0 + y, b));
          largest = Math.max(largest, d);
        }
      }
    }
    return largest;
  }

  private Path encode(BufferedImage picture, String name, String... options) throws Exception {
    Path png = dir.resolve(name + ".png");
    ImageIO.write(picture, "png", png.toFile());
    Path out = dir.resolve(name);
    String[] command = new String[options.length + 5];
    command[0] = "opj_compress";
    command[1] = "-i";
    command[2] = png.toString();
    command[3] = "-o";
    command[4] = out.toString();
    System.arraycopy(options, 0, command, 5, options.length);
    run(command);
    return out;
  }

  private BufferedImage decompress(Path jp2, int reduce) throws Exception {
    Path png = dir.resolve(jp2.getFileName() + "-r" + reduce + ".png");
    run(
        "opj_decompress",
        "-i",
        jp2.toString(),
        "-o",
        png.toString(),
        "-r",
        Integer.toString(reduce));
    return ImageIO.read(png.toFile());
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ":\n" + out);
  }

  private static BufferedImage picture(int type) {
    BufferedImage image = new BufferedImage(W, H, type);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(240, 230, 200), W, H, new Color(90, 120, 160)));
    g.fillRect(0, 0, W, H);
    g.setColor(new Color(200, 30, 30));
    g.fillRect(50, 80, 300, 200);
    g.setColor(new Color(20, 150, 60));
    g.fillOval(350, 400, 300, 350);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 30));
    for (int y = 320; y < H - 20; y += 45) {
      g.drawString("A page of a scanned record, line " + y, 30, y);
    }
    g.dispose();
    return image;
  }
}
