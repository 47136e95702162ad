package org.dossier.scans;

import de.digitalcollections.openjpeg.Info;
import de.digitalcollections.openjpeg.OpenJpeg;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * JPEG 2000 scans ({@code .jp2}, {@code .jpx}, or a bare codestream), decoded by OpenJPEG (Debian's
 * {@code libopenjp2-7}) through imageio-openjpeg's jnr-ffi binding. A codestream holds its image at
 * several resolutions, each half the size of the one above: {@link #decode} reads one region at one
 * of them, which is what lets a pyramid level be decoded at its own size.
 *
 * <p>Before a file is handed to the native decoder its box structure is walked ({@link #check}): a
 * truncated or damaged file is refused with a message that says what is wrong, instead of being
 * decoded into whatever part of the image survived.
 */
public final class Jp2 {
  /** The JPEG 2000 signature box (ISO/IEC 15444-1, I.5.1): length 12, type "jP ", 0D0A870A. */
  private static final byte[] SIGNATURE = {
    0, 0, 0, 12, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A
  };

  /** A bare codestream starts with SOC (FF4F) then SIZ (FF51). */
  private static final byte[] CODESTREAM = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51};

  private static final int JP2C = 0x6A703263; // "jp2c"

  private Jp2() {}

  /**
   * What the header of a JPEG 2000 scan says.
   *
   * @param tileHeight the height of the codestream's tiles when it has several rows of them on a
   *     grid starting at the top (then a band of whole tile rows is decoded tile by tile,
   *     OpenJPEG's fastest path), else 0
   */
  public record Header(int width, int height, int resolutions, int components, int tileHeight) {}

  /** True when the file starts as a JP2/JPX file or a bare JPEG 2000 codestream. */
  public static boolean isJp2(Path file) throws IOException {
    byte[] head = new byte[12];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return isJp2(Arrays.copyOf(head, n));
  }

  /** True when these first bytes (up to 12) start a JP2/JPX file or a bare codestream. */
  public static boolean isJp2(byte[] head) {
    return (head.length == 12 && Arrays.equals(head, SIGNATURE))
        || (head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), CODESTREAM));
  }

  /** True when the file is a bare codestream (SOC, SIZ) rather than a JP2/JPX file of boxes. */
  static boolean isCodestream(Path file) throws IOException {
    byte[] head = new byte[CODESTREAM.length];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return n == head.length && Arrays.equals(head, CODESTREAM);
  }

  /**
   * Checks the structure and reads the header.
   *
   * @throws IOException saying why the file is refused: truncated, damaged, or OpenJPEG missing
   */
  public static Header header(Path file) throws IOException {
    check(file);
    Info info;
    try {
      info = lib().getInfo(file);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          file.getFileName() + ": OpenJPEG cannot read the JPEG 2000 header: " + e.getMessage(), e);
    }
    if (info.getNativeSize().width <= 0 || info.getNativeSize().height <= 0) {
      throw new IOException(file.getFileName() + ": the JPEG 2000 header declares no image");
    }
    return new Header(
        info.getNativeSize().width,
        info.getNativeSize().height,
        info.getNumResolutions(),
        info.getNumComponents(),
        info.getNumTilesY() > 1 && info.getTileOrigin().y == 0 ? info.getTileSize().height : 0);
  }

  /** The error of a codestream that could not be decoded at a resolution, saying why. */
  static IOException cannotDecode(Path file, int reduce, Exception e) {
    return new IOException(
        file.getFileName()
            + ": the JPEG 2000 codestream cannot be decoded at resolution -"
            + reduce
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * Decodes a region at a resolution: {@code reduce} 0 is the full image, each step halves it
   * (rounding up, as the codestream's reference grid does). The region is given in the full image's
   * pixels; the result has the reduced size of that region.
   *
   * @throws IOException when the codestream cannot be decoded
   */
  public static BufferedImage decode(Path file, Rectangle region, int reduce) throws IOException {
    try {
      return lib().decode(file, region, reduce);
    } catch (IOException | RuntimeException e) {
      throw cannotDecode(file, reduce, e);
    }
  }

  /**
   * Walks the boxes of a JP2/JPX file (or the bare codestream): every box must fit in the file, a
   * {@code jp2c} box must be there, and its codestream must start with SOC and SIZ and end with EOC
   * (FFD9), which a truncated file has lost.
   *
   * @throws IOException saying what is wrong
   */
  public static void check(Path file) throws IOException {
    try (FileChannel ch = Ranges.open(file)) {
      codestream(Ranges.of(ch, file));
    }
  }

  /**
   * Walks the boxes as {@link #check} does, by ranges.
   *
   * @return where the codestream starts and ends
   * @throws IOException saying what is wrong
   */
  static long[] codestream(Ranges ranges) throws IOException {
    String name = ranges.name();
    long size = ranges.size();
    if (!isJp2(ranges.read(0, 12))) {
      throw new IOException(name + " is not a JPEG 2000 file (no JP2 signature or codestream)");
    }
    long start;
    long end;
    if (startsWith(ranges, 0, CODESTREAM)) {
      start = 0;
      end = size;
    } else {
      long pos = 0;
      start = -1;
      end = -1;
      while (pos < size) {
        if (size - pos < 8) {
          throw new IOException(name + ": truncated inside a box header at byte " + pos);
        }
        ByteBuffer box = read(ranges, pos, 8);
        long length = box.getInt() & 0xFFFFFFFFL;
        int type = box.getInt();
        long headerLength = 8;
        if (length == 1) {
          if (size - pos < 16) {
            throw new IOException(name + ": truncated inside a box header at byte " + pos);
          }
          length = read(ranges, pos + 8, 8).getLong();
          headerLength = 16;
        } else if (length == 0) {
          length = size - pos; // the last box runs to the end of the file
        }
        if (length < headerLength || pos + length > size) {
          throw new IOException(
              name
                  + " is truncated or damaged: the '"
                  + boxName(type)
                  + "' box at byte "
                  + pos
                  + " declares "
                  + length
                  + " bytes, but the file ends "
                  + (size - pos)
                  + " bytes after its start");
        }
        if (type == JP2C && start < 0) {
          start = pos + headerLength;
          end = pos + length;
        }
        pos += length;
      }
      if (start < 0) {
        throw new IOException(name + " has no codestream (no 'jp2c' box)");
      }
    }
    if (end - start < 6 || !startsWith(ranges, start, CODESTREAM)) {
      throw new IOException(name + ": the codestream does not start with the SOC and SIZ markers");
    }
    ByteBuffer eoc = read(ranges, end - 2, 2);
    if ((eoc.get() & 0xFF) != 0xFF || (eoc.get() & 0xFF) != 0xD9) {
      throw new IOException(
          name + " is truncated or damaged: its codestream does not end with the EOC marker");
    }
    return new long[] {start, end};
  }

  /**
   * Checks the structure and reads the header by ranges alone, without OpenJPEG: the image size
   * from the codestream's SIZ marker segment and the resolutions from its COD segment (ISO/IEC
   * 15444-1, A.5.1 and A.6.1), for a scan in a remote store.
   *
   * @throws IOException saying why the file is refused
   */
  public static Header header(Ranges ranges) throws IOException {
    long[] cs = codestream(ranges);
    String name = ranges.name();
    byte[] main = ranges.read(cs[0], (int) Math.min(cs[1] - cs[0], 16 * 1024));
    ByteBuffer b = ByteBuffer.wrap(main);
    int width = -1;
    int height = -1;
    int components = 0;
    int tileHeight = 0;
    int pos = 2; // after SOC
    while (pos + 4 <= main.length) {
      int marker = b.getShort(pos) & 0xFFFF;
      int length = b.getShort(pos + 2) & 0xFFFF;
      if (marker == 0xFF51 && pos + 40 <= main.length) {
        long xsiz = b.getInt(pos + 6) & 0xFFFFFFFFL;
        long ysiz = b.getInt(pos + 10) & 0xFFFFFFFFL;
        long xo = b.getInt(pos + 14) & 0xFFFFFFFFL;
        long yo = b.getInt(pos + 18) & 0xFFFFFFFFL;
        width = (int) (xsiz - xo);
        height = (int) (ysiz - yo);
        components = b.getShort(pos + 38) & 0xFFFF;
        long ytsiz = b.getInt(pos + 26) & 0xFFFFFFFFL;
        long yto = b.getInt(pos + 34) & 0xFFFFFFFFL;
        tileHeight = yto == 0 && ytsiz < ysiz ? (int) ytsiz : 0;
      } else if (marker == 0xFF52 && pos + 10 <= main.length) {
        if (width <= 0 || height <= 0) {
          break;
        }
        int levels = main[pos + 9] & 0xFF;
        return new Header(width, height, levels + 1, components, tileHeight);
      } else if (marker == 0xFF90 || (marker & 0xFF00) != 0xFF00) {
        break; // the first tile part, or not a marker: the main header is over
      }
      pos += 2 + length;
    }
    throw new IOException(
        name + ": the JPEG 2000 main header has no readable SIZ and COD segments");
  }

  private static boolean startsWith(Ranges ranges, long pos, byte[] prefix) throws IOException {
    return Arrays.equals(ranges.read(pos, prefix.length), prefix);
  }

  private static ByteBuffer read(Ranges ranges, long pos, int n) throws IOException {
    byte[] b = ranges.read(pos, n);
    if (b.length < n) {
      throw new IOException("unexpected end of file");
    }
    return ByteBuffer.wrap(b);
  }

  private static String boxName(int type) {
    StringBuilder s = new StringBuilder(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (type >>> shift) & 0xFF;
      s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return s.toString();
  }

  private static OpenJpeg lib;

  /** One binding for the process, made on first use (it loads the native library). */
  static synchronized OpenJpeg lib() throws IOException {
    if (lib == null) {
      try {
        lib = new OpenJpeg();
      } catch (RuntimeException | LinkageError e) {
        throw new IOException(
            "JPEG 2000 scans need OpenJPEG: install Debian's libopenjp2-7 (" + e + ")", e);
      }
    }
    return lib;
  }
}
