package org.dossier.iiif.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.dossier.scans.Exif;
import org.dossier.scans.Orientation;

/**
 * A page scan opened for reading: JPEG, PNG or TIFF (tiled, striped, multi-page; the TwelveMonkeys
 * plugins join the JDK's readers). Of a multi-resolution file the largest image is read. A JPEG is
 * given as displayed: its EXIF orientation is applied to its size and pixels. Its pixel count is
 * checked against the limit from the header alone, before anything is decoded.
 */
final class SourceImage implements AutoCloseable {
  /** Images of a multi-page file that are looked at for the largest one. */
  private static final int MAX_IMAGES = 64;

  private final ImageInputStream in;
  private final ImageReader reader;
  private final int index;
  private final int width;
  private final int height;
  private final Orientation orientation;

  private SourceImage(
      ImageInputStream in,
      ImageReader reader,
      int index,
      int width,
      int height,
      Orientation orientation) {
    this.in = in;
    this.reader = reader;
    this.index = index;
    this.width = width;
    this.height = height;
    this.orientation = orientation;
  }

  /**
   * Opens a scan and reads its header.
   *
   * @throws ImageException 500 when the file is not a readable image or declares more than {@code
   *     maxPixels} pixels
   */
  static SourceImage open(Path file, long maxPixels) throws IOException {
    ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
    if (in == null) {
      throw ImageException.sourceFailed("the scan " + file.getFileName() + " cannot be opened");
    }
    try {
      Orientation orientation = Exif.isJpeg(in) ? Exif.orientation(in) : Orientation.NORMAL;
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw ImageException.sourceFailed(
            "the scan "
                + file.getFileName()
                + " is not in a format this server reads (JPEG, PNG, TIFF)");
      }
      ImageReader reader = readers.next();
      reader.setInput(in, false, true);
      // Only TIFF holds several resolutions worth looking at; asking a JPEG reader for a second
      // image
      // can leave its stream where the first image cannot be read any more.
      int images =
          reader.getFormatName().toLowerCase(java.util.Locale.ROOT).contains("tif")
              ? Math.max(1, Math.min(MAX_IMAGES, reader.getNumImages(true)))
              : 1;
      int best = 0;
      long bestArea = -1;
      int bw = 0;
      int bh = 0;
      for (int i = 0; i < images; i++) {
        int w;
        int h;
        try {
          w = reader.getWidth(i);
          h = reader.getHeight(i);
        } catch (IndexOutOfBoundsException | IOException e) {
          if (i == 0) {
            throw ImageException.sourceFailed(
                "the scan " + file.getFileName() + " cannot be read: " + e.getMessage());
          }
          break;
        }
        long area = (long) w * h;
        if (area > bestArea) {
          best = i;
          bestArea = area;
          bw = w;
          bh = h;
        }
      }
      if (bestArea <= 0) {
        throw ImageException.sourceFailed("the scan " + file.getFileName() + " holds no image");
      }
      if (bestArea > maxPixels) {
        throw ImageException.sourceFailed(
            "the scan "
                + file.getFileName()
                + " declares "
                + bw
                + "x"
                + bh
                + " = "
                + bestArea
                + " pixels, more than iiif.image.max-source-pixels ("
                + maxPixels
                + "); it is not decoded");
      }
      return new SourceImage(in, reader, best, bw, bh, orientation);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The width as displayed (after the EXIF orientation of a JPEG). */
  int width() {
    return orientation.swapsAxes() ? height : width;
  }

  /** The height as displayed. */
  int height() {
    return orientation.swapsAxes() ? width : height;
  }

  /**
   * Decodes displayed rows {@code y} to {@code y + rows - 1}, all columns. A JPEG whose EXIF
   * orientation turns it is read in the stored rows or columns that make them, then turned; for the
   * orientations that swap the axes that is a band of columns, which a sequential JPEG decodes from
   * the top each time.
   */
  BufferedImage readRows(int y, int rows) throws IOException {
    ImageReadParam param = reader.getDefaultReadParam();
    Rectangle stored = orientation.storedRows(y, rows, width, height);
    param.setSourceRegion(stored);
    BufferedImage band = reader.read(index, param);
    if (orientation == Orientation.NORMAL) {
      return band;
    }
    Pixels pixels = Pixels.of(band, Pixels.isGray(band) ? 1 : 3);
    byte[] turned = orientation.toDisplay(pixels.data, pixels.width, pixels.height, pixels.bands);
    int w = orientation.swapsAxes() ? pixels.height : pixels.width;
    int h = orientation.swapsAxes() ? pixels.width : pixels.height;
    return new Pixels(w, h, pixels.bands, turned).toImage();
  }

  @Override
  public void close() throws IOException {
    reader.dispose();
    in.close();
  }
}
