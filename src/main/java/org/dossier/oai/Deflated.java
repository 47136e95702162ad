package org.dossier.oai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * Compressed responses made of pieces compressed apart. A piece deflated on its own and ended with
 * a sync flush ends on a byte boundary with no final block and refers to nothing before it, so
 * pieces laid end to end, closed by a final block, are one valid deflate stream (RFC 1951). The
 * checksum of the whole (CRC-32 for gzip, RFC 1952; Adler-32 for zlib, RFC 1950) is computed over
 * the uncompressed pieces as they go out. Records rendered ahead are stored deflated this way, so a
 * compressed harvest copies them as it copies the uncompressed ones.
 */
final class Deflated {
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  /** CMF (deflate, 32K window) and FLG (fastest level, no dictionary), a multiple of 31. */
  private static final byte[] ZLIB_HEADER = {0x78, 0x01};

  private Deflated() {}

  /** Bytes deflated on their own, ending with a sync flush. */
  static byte[] piece(byte[] bytes) {
    return piece(bytes, Deflater.DEFAULT_COMPRESSION);
  }

  private static byte[] piece(byte[] bytes, int level) {
    Deflater deflater = new Deflater(level, true);
    try {
      deflater.setInput(bytes);
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
      byte[] buffer = new byte[8192];
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length);
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** The final, empty block that closes a stream of pieces: BFINAL set, fixed Huffman, no data. */
  private static final byte[] FINAL_BLOCK = {0x03, 0x00};

  /**
   * Writes {@code head}, then every record, then {@code tail}, as one gzip member or zlib stream.
   *
   * @param records the uncompressed records
   * @param pieces the same records, each deflated by {@link #piece}, in the same order
   */
  static void write(
      String coding,
      byte[] head,
      List<byte[]> records,
      List<byte[]> pieces,
      byte[] tail,
      OutputStream out)
      throws IOException {
    boolean gzip = coding.equals("gzip");
    Checksum sum = gzip ? new CRC32() : new Adler32();
    long size = 0;
    out.write(gzip ? GZIP_HEADER : ZLIB_HEADER);
    out.write(piece(head, Deflater.BEST_SPEED));
    sum.update(head, 0, head.length);
    size += head.length;
    for (int i = 0; i < records.size(); i++) {
      byte[] record = records.get(i);
      out.write(pieces.get(i));
      sum.update(record, 0, record.length);
      size += record.length;
    }
    out.write(piece(tail, Deflater.BEST_SPEED));
    sum.update(tail, 0, tail.length);
    size += tail.length;
    out.write(FINAL_BLOCK);
    long value = sum.getValue();
    if (gzip) {
      writeLittleEndian(out, value);
      writeLittleEndian(out, size);
    } else {
      out.write((int) (value >>> 24));
      out.write((int) (value >>> 16));
      out.write((int) (value >>> 8));
      out.write((int) value);
    }
  }

  private static void writeLittleEndian(OutputStream out, long value) throws IOException {
    out.write((int) value);
    out.write((int) (value >>> 8));
    out.write((int) (value >>> 16));
    out.write((int) (value >>> 24));
  }
}
