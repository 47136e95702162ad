package org.dossier.scans;

import java.awt.Rectangle;

/**
 * The EXIF/TIFF orientation (tag 274): how the stored rows and columns of a scan are turned for
 * display. Values 5 to 8 swap width and height. Names say what the viewer must do to the stored
 * image: {@link #ROTATE_90} turns it a quarter clockwise.
 */
public enum Orientation {
  /** 1: row 0 at the top, column 0 at the left. */
  NORMAL(1),
  /** 2: column 0 at the right (mirrored). */
  MIRROR_HORIZONTAL(2),
  /** 3: row 0 at the bottom, column 0 at the right. */
  ROTATE_180(3),
  /** 4: row 0 at the bottom, column 0 at the left. */
  MIRROR_VERTICAL(4),
  /** 5: row 0 on the left, column 0 at the top. */
  TRANSPOSE(5),
  /** 6: row 0 on the right, column 0 at the top. */
  ROTATE_90(6),
  /** 7: row 0 on the right, column 0 at the bottom. */
  TRANSVERSE(7),
  /** 8: row 0 on the left, column 0 at the bottom. */
  ROTATE_270(8);

  private final int tag;

  Orientation(int tag) {
    this.tag = tag;
  }

  /** The orientation a tag value names; values outside 1..8 (not allowed) are read as 1. */
  public static Orientation of(int tag) {
    return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
  }

  public int tag() {
    return tag;
  }

  /** True when the displayed image is the stored one with width and height exchanged. */
  public boolean swapsAxes() {
    return tag >= 5;
  }

  /**
   * The stored pixels that make displayed rows {@code y} to {@code y + rows - 1} (every column) of
   * a scan stored {@code storedWidth x storedHeight}.
   */
  public Rectangle storedRows(int y, int rows, int storedWidth, int storedHeight) {
    return switch (this) {
      case NORMAL, MIRROR_HORIZONTAL -> new Rectangle(0, y, storedWidth, rows);
      case ROTATE_180, MIRROR_VERTICAL ->
          new Rectangle(0, storedHeight - y - rows, storedWidth, rows);
      case TRANSPOSE, ROTATE_90 -> new Rectangle(y, 0, rows, storedHeight);
      case TRANSVERSE, ROTATE_270 -> new Rectangle(storedWidth - y - rows, 0, rows, storedHeight);
    };
  }

  /**
   * Turns interleaved 8-bit pixels ({@code bands} bytes a pixel, rows of {@code width}) as they are
   * stored into the way they are displayed; the result is {@code height x width} when {@link
   * #swapsAxes}. A block that {@link #storedRows} named turns into exactly those displayed rows.
   */
  public byte[] toDisplay(byte[] stored, int width, int height, int bands) {
    if (this == NORMAL) {
      return stored;
    }
    byte[] out = new byte[stored.length];
    int dw = swapsAxes() ? height : width;
    int dh = swapsAxes() ? width : height;
    for (int dy = 0; dy < dh; dy++) {
      for (int dx = 0; dx < dw; dx++) {
        int sx;
        int sy;
        switch (this) {
          case MIRROR_HORIZONTAL -> {
            sx = width - 1 - dx;
            sy = dy;
          }
          case ROTATE_180 -> {
            sx = width - 1 - dx;
            sy = height - 1 - dy;
          }
          case MIRROR_VERTICAL -> {
            sx = dx;
            sy = height - 1 - dy;
          }
          case TRANSPOSE -> {
            sx = dy;
            sy = dx;
          }
          case ROTATE_90 -> {
            sx = dy;
            sy = height - 1 - dx;
          }
          case TRANSVERSE -> {
            sx = width - 1 - dy;
            sy = height - 1 - dx;
          }
          default -> {
            sx = width - 1 - dy;
            sy = dx;
          }
        }
        System.arraycopy(stored, (sy * width + sx) * bands, out, (dy * dw + dx) * bands, bands);
      }
    }
    return out;
  }
}
