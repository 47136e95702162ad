package org.dossier.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * JPEGs that carry an EXIF orientation (tag 274), as cameras and scanners write them: the pixels
 * are stored turned, and the tag says how to turn them back. The APP1 segment is built here byte by
 * byte (a big-endian TIFF header and one directory entry), so the reader under test is checked
 * against the EXIF layout itself rather than against its own writer.
 */
public final class OrientedJpeg {
  private OrientedJpeg() {}

  /**
   * The image a person should see: red top left, green top right, blue bottom left, white bottom
   * right (split at the middle), wider than high so that a quarter turn shows.
   */
  public static BufferedImage displayed(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height / 2);
    g.setColor(Color.GREEN);
    g.fillRect(width / 2, 0, width - width / 2, height / 2);
    g.setColor(Color.BLUE);
    g.fillRect(0, height / 2, width / 2, height - height / 2);
    g.setColor(Color.WHITE);
    g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
    g.dispose();
    return image;
  }

  /**
   * How {@code displayed} is stored under an orientation: each stored pixel is taken from where the
   * EXIF definition puts it on screen ("row 0 is the visual right-hand side, column 0 the visual
   * top" for 6, and so on).
   */
  public static BufferedImage stored(BufferedImage displayed, int orientation) {
    int dw = displayed.getWidth();
    int dh = displayed.getHeight();
    boolean swap = orientation >= 5;
    int sw = swap ? dh : dw;
    int sh = swap ? dw : dh;
    BufferedImage out = new BufferedImage(sw, sh, BufferedImage.TYPE_3BYTE_BGR);
    for (int sy = 0; sy < sh; sy++) {
      for (int sx = 0; sx < sw; sx++) {
        int dx;
        int dy;
        switch (orientation) {
          case 1 -> {
            dx = sx;
            dy = sy;
          }
          case 2 -> { // column 0 on the right
            dx = sw - 1 - sx;
            dy = sy;
          }
          case 3 -> { // row 0 at the bottom, column 0 on the right
            dx = sw - 1 - sx;
            dy = sh - 1 - sy;
          }
          case 4 -> { // row 0 at the bottom
            dx = sx;
            dy = sh - 1 - sy;
          }
          case 5 -> { // row 0 on the left, column 0 at the top
            dx = sy;
            dy = sx;
          }
          case 6 -> { // row 0 on the right, column 0 at the top
            dx = sh - 1 - sy;
            dy = sx;
          }
          case 7 -> { // row 0 on the right, column 0 at the bottom
            dx = sh - 1 - sy;
            dy = sw - 1 - sx;
          }
          case 8 -> { // row 0 on the left, column 0 at the bottom
            dx = sy;
            dy = sw - 1 - sx;
          }
          default -> throw new IllegalArgumentException("orientation " + orientation);
        }
        out.setRGB(sx, sy, displayed.getRGB(dx, dy));
      }
    }
    return out;
  }

  /** Writes {@code stored} as a JPEG with an EXIF APP1 segment whose orientation is given. */
  public static void write(BufferedImage stored, int orientation, Path file) throws IOException {
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    if (!ImageIO.write(stored, "jpg", jpeg)) {
      throw new IOException("no JPEG writer");
    }
    byte[] plain = jpeg.toByteArray();
    // After SOI (2 bytes) and the JFIF APP0 segment (2 + its length).
    int app0 = 2 + 2 + (((plain[4] & 0xff) << 8) | (plain[5] & 0xff));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, app0);
    out.write(app1(orientation));
    out.write(plain, app0, plain.length - app0);
    Files.createDirectories(file.getParent());
    Files.write(file, out.toByteArray());
  }

  /** APP1: "Exif\0\0", then a big-endian TIFF header and IFD0 with the one Orientation entry. */
  static byte[] app1(int orientation) {
    byte[] tiff = {
      'M',
      'M',
      0,
      42,
      0,
      0,
      0,
      8, // byte order, magic, offset of IFD0
      0,
      1, // one entry
      0x01,
      0x12,
      0,
      3,
      0,
      0,
      0,
      1,
      0,
      (byte) orientation,
      0,
      0, // 274, SHORT, count 1, value
      0,
      0,
      0,
      0 // no next IFD
    };
    byte[] header = {'E', 'x', 'i', 'f', 0, 0};
    int length = 2 + header.length + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes(header);
    out.writeBytes(tiff);
    return out.toByteArray();
  }
}
