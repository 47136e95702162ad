package org.dossier.iiif.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;

/**
 * Interleaved 8-bit pixels: 1 band (gray), 3 (blue, green, red) or 4 (alpha, blue, green, red), the
 * byte layouts of {@code TYPE_BYTE_GRAY}, {@code TYPE_3BYTE_BGR} and {@code TYPE_4BYTE_ABGR}, so
 * that images move between ImageIO and the pixel loops here without conversion.
 */
final class Pixels {
  final int width;
  final int height;
  final int bands;
  final byte[] data;

  Pixels(int width, int height, int bands) {
    this(
        width,
        height,
        bands,
        new byte[Math.multiplyExact(Math.multiplyExact(width, height), bands)]);
  }

  Pixels(int width, int height, int bands, byte[] data) {
    this.width = width;
    this.height = height;
    this.bands = bands;
    this.data = data;
  }

  int stride() {
    return width * bands;
  }

  /**
   * The pixels of an image with {@code bands} bands (1 or 3): taken as they are when the image
   * already has that layout, otherwise drawn over white (which also drops any alpha).
   */
  static Pixels of(BufferedImage image, int bands) {
    int type = bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
    if (image.getType() == type && isPlain(image.getRaster(), bands)) {
      byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      return new Pixels(image.getWidth(), image.getHeight(), bands, data);
    }
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
    Graphics2D g = copy.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return new Pixels(
        image.getWidth(),
        image.getHeight(),
        bands,
        ((DataBufferByte) copy.getRaster().getDataBuffer()).getData());
  }

  /** True when the raster's bytes are exactly rows of interleaved pixels, starting at 0. */
  private static boolean isPlain(WritableRaster raster, int bands) {
    if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || buffer.getNumBanks() != 1
        || !(raster.getSampleModel() instanceof ComponentSampleModel model)) {
      return false;
    }
    return raster.getParent() == null
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && model.getPixelStride() == bands
        && model.getScanlineStride() == raster.getWidth() * bands
        && buffer.getOffset() == 0
        && buffer.getData().length == raster.getWidth() * raster.getHeight() * bands;
  }

  /** True when the image's colour model has one colour component (gray, with or without alpha). */
  static boolean isGray(BufferedImage image) {
    return image.getColorModel().getNumColorComponents() == 1;
  }

  BufferedImage toImage() {
    int type =
        switch (bands) {
          case 1 -> BufferedImage.TYPE_BYTE_GRAY;
          case 3 -> BufferedImage.TYPE_3BYTE_BGR;
          case 4 -> BufferedImage.TYPE_4BYTE_ABGR;
          default -> throw new IllegalStateException(bands + " bands");
        };
    BufferedImage image = new BufferedImage(width, height, type);
    byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(data, 0, target, 0, data.length);
    return image;
  }

  /** Copies {@code src} into this image with its top left corner at (x, y). */
  void paste(Pixels src, int x, int y) {
    int rowBytes = src.stride();
    for (int row = 0; row < src.height; row++) {
      System.arraycopy(src.data, row * rowBytes, data, (y + row) * stride() + x * bands, rowBytes);
    }
  }

  Pixels crop(int x, int y, int w, int h) {
    Pixels out = new Pixels(w, h, bands);
    for (int row = 0; row < h; row++) {
      System.arraycopy(
          data, (y + row) * stride() + x * bands, out.data, row * out.stride(), w * bands);
    }
    return out;
  }

  /** Reflection on the vertical axis (section 4.3, "!"). */
  Pixels mirror() {
    Pixels out = new Pixels(width, height, bands);
    for (int y = 0; y < height; y++) {
      int row = y * stride();
      for (int x = 0; x < width; x++) {
        System.arraycopy(data, row + x * bands, out.data, row + (width - 1 - x) * bands, bands);
      }
    }
    return out;
  }

  /** Exact clockwise rotation by 90, 180 or 270 degrees: pixels move, none are interpolated. */
  Pixels rotate(int quarterTurns) {
    if (quarterTurns == 0) {
      return this;
    }
    boolean swap = quarterTurns % 2 == 1;
    Pixels out = new Pixels(swap ? height : width, swap ? width : height, bands);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int tx;
        int ty;
        switch (quarterTurns) {
          case 1 -> {
            tx = height - 1 - y;
            ty = x;
          }
          case 2 -> {
            tx = width - 1 - x;
            ty = height - 1 - y;
          }
          default -> {
            tx = y;
            ty = width - 1 - x;
          }
        }
        System.arraycopy(
            data, (y * width + x) * bands, out.data, (ty * out.width + tx) * bands, bands);
      }
    }
    return out;
  }

  /** Luminance (ITU-R BT.601 weights); keeps alpha as the only other band of a 4-band image. */
  Pixels gray() {
    if (bands == 1) {
      return this;
    }
    int n = width * height;
    if (bands == 3) {
      Pixels out = new Pixels(width, height, 1);
      for (int i = 0; i < n; i++) {
        out.data[i] = (byte) luma(data[i * 3 + 2], data[i * 3 + 1], data[i * 3]);
      }
      return out;
    }
    Pixels out = new Pixels(width, height, 4, data.clone());
    for (int i = 0; i < n; i++) {
      byte y = (byte) luma(data[i * 4 + 3], data[i * 4 + 2], data[i * 4 + 1]);
      out.data[i * 4 + 1] = y;
      out.data[i * 4 + 2] = y;
      out.data[i * 4 + 3] = y;
    }
    return out;
  }

  /** Black or white, split at the middle of the gray scale. */
  Pixels bitonal() {
    Pixels gray = gray();
    Pixels out =
        new Pixels(width, height, gray.bands, gray.data == data ? data.clone() : gray.data);
    for (int i = 0; i < out.data.length; i++) {
      boolean alpha = out.bands == 4 && i % 4 == 0;
      if (!alpha) {
        out.data[i] = (out.data[i] & 0xff) >= 128 ? (byte) 255 : 0;
      }
    }
    return out;
  }

  private static int luma(byte r, byte g, byte b) {
    return ((r & 0xff) * 299 + (g & 0xff) * 587 + (b & 0xff) * 114 + 500) / 1000;
  }
}
