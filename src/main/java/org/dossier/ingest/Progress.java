package org.dossier.ingest;

import java.io.PrintStream;

/**
 * Progress of a long import on stderr: items so far, items per second and the time left, estimated
 * from the bytes read. Prints at most once a second and nothing for imports shorter than that.
 */
final class Progress {
  private final PrintStream out;
  private final long totalBytes;
  private final long start = System.nanoTime();
  private long lastPrint = start;
  private boolean printed;

  Progress(PrintStream out, long totalBytes) {
    this.out = out;
    this.totalBytes = totalBytes;
  }

  void update(long items, long bytesRead) {
    long now = System.nanoTime();
    if (out == null || now - lastPrint < 1_000_000_000L) {
      return;
    }
    lastPrint = now;
    double seconds = (now - start) / 1e9;
    double fraction = totalBytes == 0 ? 0 : Math.min(1.0, (double) bytesRead / totalBytes);
    String eta = fraction <= 0 ? "?" : formatSeconds(seconds / fraction - seconds);
    out.printf(
        "\rimport: %,d items, %,.0f items/s, %.0f%% read, ETA %s   ",
        items, items / seconds, fraction * 100, eta);
    out.flush();
    printed = true;
  }

  void finish() {
    if (printed) {
      out.println();
    }
  }

  private static String formatSeconds(double s) {
    long total = Math.round(s);
    return String.format("%d:%02d", total / 60, total % 60);
  }
}
