package org.dossier.iiif.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.testing.Fixtures;

/**
 * Test images with known colours at known places, written into an image store, and records that
 * reference them.
 *
 * <p>The quadrant image: top left red, top right green, bottom left blue, bottom right white, split
 * at half the width and half the height, with a black square at (100,100)-(199,199).
 */
final class TestImages {
  static final Color RED = new Color(255, 0, 0);
  static final Color GREEN = new Color(0, 255, 0);
  static final Color BLUE = new Color(0, 0, 255);
  static final Color WHITE = Color.WHITE;
  static final Color BLACK = Color.BLACK;

  private TestImages() {}

  static BufferedImage quadrants(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    int hx = width / 2;
    int hy = height / 2;
    g.setColor(RED);
    g.fillRect(0, 0, hx, hy);
    g.setColor(GREEN);
    g.fillRect(hx, 0, width - hx, hy);
    g.setColor(BLUE);
    g.fillRect(0, hy, hx, height - hy);
    g.setColor(WHITE);
    g.fillRect(hx, hy, width - hx, height - hy);
    g.setColor(BLACK);
    g.fillRect(100, 100, 100, 100);
    g.dispose();
    return image;
  }

  static void write(BufferedImage image, String format, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IOException("no writer for " + format);
    }
  }

  /**
   * A tiled, multi-resolution TIFF (the full image, then half and quarter size as further images of
   * the file, 256-pixel tiles, Deflate), written with the JDK's TIFF writer.
   */
  static void writeTiledPyramidTiff(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio.plugins.tiff")) {
        writer = w;
      }
    }
    if (writer == null) {
      throw new IOException("the JDK's TIFF writer is missing");
    }
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      BufferedImage level = image;
      for (int i = 0; i < 3; i++) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
        param.setTiling(256, 256, 0, 0);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("Deflate");
        writer.writeToSequence(new IIOImage(level, null, null), param);
        level = half(level);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  /** An uncompressed TIFF: two images of the same size and type make files of the same length. */
  static void writeUncompressedTiff(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio.plugins.tiff")) {
        writer = w;
      }
    }
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  private static BufferedImage half(BufferedImage image) {
    BufferedImage out =
        new BufferedImage(
            image.getWidth() / 2, image.getHeight() / 2, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
    g.dispose();
    return out;
  }

  /**
   * A PNG whose header declares {@code width x height} pixels followed by a few bytes of data: a
   * decompression bomb's header, which a reader that decoded it would choke on.
   */
  static void writePngHeaderOnly(Path file, int width, int height) throws IOException {
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr =
        ByteBuffer.allocate(13)
            .putInt(width)
            .putInt(height)
            .put((byte) 8)
            .put((byte) 2)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0);
    chunk(bytes, "IHDR", ihdr.array());
    chunk(bytes, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(bytes, "IEND", new byte[0]);
    Files.write(file, bytes.toByteArray());
  }

  private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** Puts a record with these page scans (paths in the image store) into the catalog. */
  static void addRecord(Catalog catalog, String id, Page... pages) {
    try (CatalogWriter writer = catalog.writer()) {
      writer.put(Fixtures.record(id).pages(pages).build());
      writer.commit();
    }
  }

  static Page page(String image, int width, int height) {
    return new Page(image, width, height, null);
  }

  static BufferedImage decode(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    if (image == null) {
      throw new IOException("not an image (" + bytes.length + " bytes)");
    }
    return image;
  }

  /**
   * True when the pixel is within {@code tolerance} of the colour in every channel (JPEG is lossy).
   */
  static boolean near(BufferedImage image, int x, int y, Color expected, int tolerance) {
    Color c = new Color(image.getRGB(x, y), true);
    return Math.abs(c.getRed() - expected.getRed()) <= tolerance
        && Math.abs(c.getGreen() - expected.getGreen()) <= tolerance
        && Math.abs(c.getBlue() - expected.getBlue()) <= tolerance;
  }

  static String describe(BufferedImage image, int x, int y) {
    Color c = new Color(image.getRGB(x, y), true);
    return "("
        + c.getRed()
        + ","
        + c.getGreen()
        + ","
        + c.getBlue()
        + ","
        + c.getAlpha()
        + ") at "
        + x
        + ","
        + y;
  }
}
