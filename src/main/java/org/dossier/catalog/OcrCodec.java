package org.dossier.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of a page's OCR lines: a compact binary layout, deflated. Numbers are unsigned
 * LEB128 varints (signed ones zigzag-coded); a word's box is stored relative to the end of the word
 * before it on its line (the first relative to the line's box), so the typical numbers are a
 * space's width and a few pixels of baseline drift. The words' texts follow all the numbers, so
 * that deflate sees the text as one stream. About 5 bytes a word plus its text, before deflating.
 *
 * <pre>
 * byte    version (1)
 * varint  length of the layout before deflating
 * deflate(
 *   varint lines; per line: x, y, w, h, words;
 *     per word: zigzag(x - previous right edge), zigzag(y - line y), w, h * 2 + hyphenated (0 | 1)
 *   per word: UTF-8 length, UTF-8 bytes; then per hyphenated word: its whole word likewise)
 * </pre>
 */
final class OcrCodec {

  private static final int VERSION = 1;

  private OcrCodec() {}

  /**
   * The layout before deflating: what the content hash covers (deflate output may vary by zlib).
   */
  static byte[] layout(List<OcrLine> lines) {
    Bytes out = new Bytes(64 + lines.size() * 200);
    out.varint(lines.size());
    List<String> texts = new ArrayList<>();
    List<String> wholes = new ArrayList<>();
    for (OcrLine line : lines) {
      out.varint(line.x());
      out.varint(line.y());
      out.varint(line.w());
      out.varint(line.h());
      out.varint(line.words().size());
      int previousEnd = line.x();
      for (OcrWord word : line.words()) {
        out.zigzag(word.x() - previousEnd);
        out.zigzag(word.y() - line.y());
        out.varint(word.w());
        out.varint(word.h() << 1 | (word.whole() == null ? 0 : 1));
        previousEnd = word.x() + word.w();
        texts.add(word.text());
        if (word.whole() != null) {
          wholes.add(word.whole());
        }
      }
    }
    for (String text : texts) {
      out.string(text);
    }
    for (String whole : wholes) {
      out.string(whole);
    }
    return out.toArray();
  }

  /** The stored bytes of a layout from {@link #layout(List)}. */
  static byte[] pack(byte[] layout) {
    // The fastest level: the import deflates every page it writes, on its one writing thread,
    // and the higher levels save little on word lists (a few percent) for several times the time.
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      deflater.setInput(layout);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(layout.length / 2 + 16);
      out.write(VERSION);
      Bytes header = new Bytes(5);
      header.varint(layout.length);
      out.write(header.buffer, 0, header.size);
      byte[] chunk = new byte[Math.max(256, layout.length)];
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  static byte[] encode(List<OcrLine> lines) {
    return pack(layout(lines));
  }

  /**
   * @throws CatalogException for bytes this version cannot read
   */
  static List<OcrLine> decode(byte[] stored) {
    if (stored.length < 2 || stored[0] != VERSION) {
      throw new CatalogException(
          "stored OCR of an unknown encoding (version "
              + (stored.length == 0 ? "none" : stored[0])
              + ")");
    }
    Reader header = new Reader(stored, 1);
    int length = header.varint();
    byte[] layout = new byte[length];
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(stored, header.pos, stored.length - header.pos);
      int n = 0;
      while (n < length) {
        int got = inflater.inflate(layout, n, length - n);
        if (got == 0
            && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != length) {
        throw new CatalogException("stored OCR is truncated");
      }
    } catch (DataFormatException e) {
      throw new CatalogException("stored OCR is corrupt: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
    return read(layout);
  }

  private static List<OcrLine> read(byte[] layout) {
    Reader in = new Reader(layout, 0);
    int lineCount = in.varint();
    int[][] boxes = new int[lineCount][];
    int[][] wordBoxes = new int[lineCount][];
    int words = 0;
    int hyphenated = 0;
    for (int l = 0; l < lineCount; l++) {
      int x = in.varint();
      int y = in.varint();
      int w = in.varint();
      int h = in.varint();
      int n = in.varint();
      boxes[l] = new int[] {x, y, w, h, n};
      int[] wb = new int[n * 5];
      int previousEnd = x;
      for (int i = 0; i < n; i++) {
        int wx = previousEnd + in.zigzag();
        int wy = y + in.zigzag();
        int ww = in.varint();
        int heightAndFlag = in.varint();
        int wh = heightAndFlag >>> 1;
        int flag = heightAndFlag & 1;
        wb[i * 5] = wx;
        wb[i * 5 + 1] = wy;
        wb[i * 5 + 2] = ww;
        wb[i * 5 + 3] = wh;
        wb[i * 5 + 4] = flag;
        previousEnd = wx + ww;
        hyphenated += flag;
      }
      wordBoxes[l] = wb;
      words += n;
    }
    String[] texts = new String[words];
    for (int i = 0; i < words; i++) {
      texts[i] = in.string();
    }
    String[] wholes = new String[hyphenated];
    for (int i = 0; i < hyphenated; i++) {
      wholes[i] = in.string();
    }
    List<OcrLine> lines = new ArrayList<>(lineCount);
    int t = 0;
    int h = 0;
    for (int l = 0; l < lineCount; l++) {
      int[] box = boxes[l];
      int[] wb = wordBoxes[l];
      OcrWord[] lineWords = new OcrWord[box[4]];
      for (int i = 0; i < lineWords.length; i++) {
        String whole = wb[i * 5 + 4] == 1 ? wholes[h++] : null;
        lineWords[i] =
            new OcrWord(texts[t++], wb[i * 5], wb[i * 5 + 1], wb[i * 5 + 2], wb[i * 5 + 3], whole);
      }
      lines.add(new OcrLine(box[0], box[1], box[2], box[3], Arrays.asList(lineWords)));
    }
    return lines;
  }

  /** A growable byte buffer that writes varints. */
  private static final class Bytes {
    byte[] buffer;
    int size;

    Bytes(int capacity) {
      buffer = new byte[Math.max(16, capacity)];
    }

    void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }

    void varint(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("negative value " + value + " in OCR layout");
      }
      ensure(5);
      while ((value & ~0x7F) != 0) {
        buffer[size++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      buffer[size++] = (byte) value;
    }

    void zigzag(int value) {
      varint((value << 1) ^ (value >> 31));
    }

    void string(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buffer, size, utf8.length);
      size += utf8.length;
    }

    byte[] toArray() {
      return Arrays.copyOf(buffer, size);
    }
  }

  private static final class Reader {
    final byte[] bytes;
    int pos;

    Reader(byte[] bytes, int pos) {
      this.bytes = bytes;
      this.pos = pos;
    }

    int varint() {
      int value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        if (pos >= bytes.length) {
          throw new CatalogException("stored OCR is truncated");
        }
        byte b = bytes[pos++];
        value |= (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new CatalogException("stored OCR is corrupt: a number runs too long");
    }

    int zigzag() {
      int v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    String string() {
      int n = varint();
      if (n < 0 || pos + n > bytes.length) {
        throw new CatalogException("stored OCR is truncated");
      }
      String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }
}
