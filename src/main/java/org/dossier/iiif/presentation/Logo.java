package org.dossier.iiif.presentation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The archive's logo for the {@code provider} of every manifest: a drawn seal (a folder with a
 * "D"), rendered once as a PNG when first asked for. Drawn here rather than shipped as a file so
 * that the jar carries no artwork of unknown origin.
 */
final class Logo {
  static final int WIDTH = 128;
  static final int HEIGHT = 128;

  private Logo() {}

  /** The PNG bytes; rendered on first use. */
  static byte[] png() {
    return Holder.PNG;
  }

  private static final class Holder {
    static final byte[] PNG = render();
  }

  private static byte[] render() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      Color ink = new Color(0x1F, 0x3A, 0x5F);
      Color paper = new Color(0xF4, 0xEE, 0xDC);
      g.setColor(ink);
      g.fillOval(2, 2, WIDTH - 4, HEIGHT - 4);
      g.setColor(paper);
      g.setStroke(new BasicStroke(3f));
      g.drawOval(9, 9, WIDTH - 18, HEIGHT - 18);
      // A document folder: tab and body.
      g.fillRoundRect(30, 38, 30, 12, 6, 6);
      g.fillRoundRect(30, 44, 68, 50, 8, 8);
      g.setColor(ink);
      g.setFont(new Font(Font.SERIF, Font.BOLD, 40));
      FontMetrics m = g.getFontMetrics();
      String letter = "D";
      g.drawString(letter, 64 - m.stringWidth(letter) / 2, 69 + m.getAscent() / 2 - 4);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the logo", e);
    }
    return out.toByteArray();
  }
}
