package org.dossier.scans;

import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO input stream over {@link Ranges}, fetched in blocks as the reader seeks: reading a
 * JPEG, PNG or TIFF header (a TIFF's directories may be at the end) costs a few blocks, not the
 * file.
 */
final class RangedImageInputStream extends ImageInputStreamImpl {
  static final int BLOCK = 64 * 1024;

  private final Ranges ranges;
  private long blockStart = -1;
  private byte[] block = new byte[0];

  RangedImageInputStream(Ranges ranges) {
    this.ranges = ranges;
  }

  private boolean fill() throws IOException {
    if (streamPos >= ranges.size()) {
      return false;
    }
    if (blockStart < 0 || streamPos < blockStart || streamPos >= blockStart + block.length) {
      blockStart = streamPos / BLOCK * BLOCK;
      block = ranges.read(blockStart, BLOCK);
    }
    return streamPos < blockStart + block.length;
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    if (!fill()) {
      return -1;
    }
    return block[(int) (streamPos++ - blockStart)] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkClosed();
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int at = (int) (streamPos - blockStart);
    int n = Math.min(len, block.length - at);
    System.arraycopy(block, at, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return ranges.size();
  }
}
