package org.dossier.scans;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What a scan's header says, read without decoding its pixels: the stored pixel size and the
 * orientation in which it is displayed. {@link #width()} and {@link #height()} are the displayed
 * size, the one manifests, info.json and tiles use.
 *
 * @param resolutions the resolution levels of a JPEG 2000 codestream; 1 for other formats
 */
public record ScanHeader(
    int storedWidth, int storedHeight, Orientation orientation, int resolutions) {

  public int width() {
    return orientation.swapsAxes() ? storedHeight : storedWidth;
  }

  public int height() {
    return orientation.swapsAxes() ? storedWidth : storedHeight;
  }

  /**
   * Reads a scan's header by ranges (a scan in a remote store): a JPEG 2000 file's boxes and main
   * header, or what ImageIO's reader of a JPEG, PNG or TIFF asks for, fetched in blocks; the pixels
   * are not read.
   *
   * @throws IOException saying why when the scan is in no format read here, or damaged
   */
  public static ScanHeader read(Ranges ranges) throws IOException {
    if (Jp2.isJp2(ranges.read(0, 12))) {
      Jp2.Header h = Jp2.header(ranges);
      return new ScanHeader(h.width(), h.height(), Orientation.NORMAL, h.resolutions());
    }
    try (javax.imageio.stream.ImageInputStream in = new RangedImageInputStream(ranges)) {
      return read(in, ranges.name());
    }
  }

  /**
   * Reads a scan's header (of a multi-image file, the first image). A JPEG 2000 file's structure is
   * checked too ({@link Jp2#check}), so a truncated one is refused here.
   *
   * @throws IOException saying why when the file is missing, in no format read here, or damaged
   */
  public static ScanHeader read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file.getFileName() + " is not a file");
    }
    if (Jp2.isJp2(file)) {
      Jp2.Header h = Jp2.header(file);
      return new ScanHeader(h.width(), h.height(), Orientation.NORMAL, h.resolutions());
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new IOException(file.getFileName() + " cannot be opened");
      }
      return read(in, file.getFileName().toString());
    }
  }

  private static ScanHeader read(ImageInputStream in, String name) throws IOException {
    Orientation orientation = Exif.isJpeg(in) ? Exif.orientation(in) : Orientation.NORMAL;
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new IOException(name + " is not in a format read here (JPEG, PNG, TIFF, JPEG 2000)");
    }
    ImageReader reader = readers.next();
    try {
      reader.setInput(in, true, true);
      return new ScanHeader(reader.getWidth(0), reader.getHeight(0), orientation, 1);
    } catch (RuntimeException e) {
      throw new IOException(name + " has an unreadable header: " + e, e);
    } finally {
      reader.dispose();
    }
  }
}
