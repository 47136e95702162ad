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
import java.nio.file.StandardOpenOption;
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

  /** What the header of a JPEG 2000 scan says. */
  public record Header(int width, int height, int resolutions, int components) {}

  /** True when the file starts as a JP2/JPX file or a bare JPEG 2000 codestream. */
  public static boolean isJp2(Path file) throws IOException {
    byte[] head = new byte[12];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return (n == 12 && Arrays.equals(head, SIGNATURE))
        || (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), CODESTREAM));
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
        info.getNumComponents());
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
      throw new IOException(
          file.getFileName()
              + ": the JPEG 2000 codestream cannot be decoded at resolution -"
              + reduce
              + ": "
              + e.getMessage(),
          e);
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
    String name = file.getFileName().toString();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (!isJp2(file)) {
        throw new IOException(name + " is not a JPEG 2000 file (no JP2 signature or codestream)");
      }
      long start;
      long end;
      if (startsWith(ch, 0, CODESTREAM)) {
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
          ByteBuffer head = read(ch, pos, 8);
          long length = head.getInt() & 0xFFFFFFFFL;
          int type = head.getInt();
          long headerLength = 8;
          if (length == 1) {
            if (size - pos < 16) {
              throw new IOException(name + ": truncated inside a box header at byte " + pos);
            }
            length = read(ch, pos + 8, 8).getLong();
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
      if (end - start < 6 || !startsWith(ch, start, CODESTREAM)) {
        throw new IOException(
            name + ": the codestream does not start with the SOC and SIZ markers");
      }
      ByteBuffer eoc = read(ch, end - 2, 2);
      if ((eoc.get() & 0xFF) != 0xFF || (eoc.get() & 0xFF) != 0xD9) {
        throw new IOException(
            name + " is truncated or damaged: its codestream does not end with the EOC marker");
      }
    }
  }

  private static boolean startsWith(FileChannel ch, long pos, byte[] prefix) throws IOException {
    if (ch.size() - pos < prefix.length) {
      return false;
    }
    ByteBuffer b = read(ch, pos, prefix.length);
    return Arrays.equals(b.array(), prefix);
  }

  private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, pos + b.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return b.flip();
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
