package org.dossier.scans;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A scan read by byte ranges, wherever it is kept: a local file, or an object in a remote store
 * (one ranged GET per read), so that a header is read without fetching the pixels.
 */
public interface Ranges {
  /** The scan's length in bytes. */
  long size();

  /** Up to {@code length} bytes from {@code offset}: fewer at the end, none past it. */
  byte[] read(long offset, int length) throws IOException;

  /** A name for messages (the file name or the object's key). */
  String name();

  /** A local file's ranges; the caller keeps the channel open while reading. */
  static Ranges of(FileChannel channel, Path file) throws IOException {
    long size = channel.size();
    return new Ranges() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        if (offset >= size || length <= 0) {
          return new byte[0];
        }
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, size - offset));
        while (b.hasRemaining() && channel.read(b, offset + b.position()) >= 0) {
          // until full or the end
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
      }

      @Override
      public String name() {
        return file.getFileName().toString();
      }
    };
  }

  /** Opens a local file for reading by ranges. */
  static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.READ);
  }
}
