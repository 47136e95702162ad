package org.dossier.scans;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * The orientation of a JPEG scan, from the EXIF block of its APP1 segment (read with TwelveMonkeys'
 * metadata readers; only the segments before the image data are read).
 */
public final class Exif {
  private Exif() {}

  /** True when the stream starts with the JPEG start-of-image marker; the stream is rewound. */
  public static boolean isJpeg(ImageInputStream in) throws IOException {
    in.seek(0);
    boolean jpeg = in.read() == 0xFF && in.read() == 0xD8;
    in.seek(0);
    return jpeg;
  }

  /**
   * The orientation a JPEG declares; {@link Orientation#NORMAL} when it has no EXIF block, no
   * orientation, or one that cannot be read (a viewer shows such a file unturned too). The stream
   * is rewound.
   */
  public static Orientation orientation(ImageInputStream in) throws IOException {
    try {
      in.seek(0);
      List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      for (JPEGSegment segment : segments) {
        byte[] data;
        try (InputStream s = segment.data()) {
          data = s.readAllBytes();
        }
        // "Exif" is followed by two zero bytes; the segment reader skips the first.
        int start = data.length > 0 && data[0] == 0 ? 1 : 0;
        try (ImageInputStream tiff =
            ImageIO.createImageInputStream(
                new ByteArrayInputStream(data, start, data.length - start))) {
          Directory ifd = new TIFFReader().read(tiff);
          Entry entry = ifd.getEntryById(TIFF.TAG_ORIENTATION);
          if (entry != null && entry.getValue() instanceof Number n) {
            return Orientation.of(n.intValue());
          }
        }
      }
      return Orientation.NORMAL;
    } catch (IOException | RuntimeException e) {
      // A damaged EXIF block says nothing about the pixels, which may well be readable.
      return Orientation.NORMAL;
    } finally {
      in.seek(0);
    }
  }
}
