package org.dossier.logging;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Lines written by a thread of their own, so that a request never waits for a disk or a pipe: the
 * serving thread only queues its line. The queue is bounded; when the output cannot keep up, lines
 * are dropped and counted, and the count is written when the output catches up. The writer looks
 * for lines every 10 ms and flushes whenever it has written all there were, so a line is out within
 * moments of its request.
 */
public final class LogLines implements AutoCloseable {
  private static final int CAPACITY = 16_384;

  /** How long the writer waits when there is nothing to write. */
  private static final long PAUSE_NANOS = 10_000_000L;

  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final OutputStream out;
  private final boolean closeOut;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean stopping;

  private LogLines(OutputStream out, boolean closeOut, String name) {
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.closeOut = closeOut;
    this.writer = new Thread(this::drain, name);
    writer.setDaemon(true);
    writer.start();
  }

  /** Lines to standard output. */
  public static LogLines stdout(String name) {
    return new LogLines(new FileOutputStream(FileDescriptor.out), false, name);
  }

  /**
   * Lines appended to a file, created with its directory when missing.
   *
   * @throws IOException when the file cannot be opened for appending
   */
  public static LogLines file(Path file, String name) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new LogLines(
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        true,
        name);
  }

  /** Queues a line (without its line end); dropped, and counted, when the queue is full. */
  public void add(String line) {
    if (!queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  /** Lines dropped since the start because the output could not keep up. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Writes what has been queued every few milliseconds. The thread is never woken by a line being
   * queued: a wake-up per request would cost more than the line itself.
   */
  private void drain() {
    List<String> batch = new ArrayList<>(1024);
    long reported = 0;
    boolean unflushed = false;
    try {
      while (true) {
        queue.drainTo(batch, 4096);
        if (batch.isEmpty()) {
          if (unflushed) {
            out.flush();
            unflushed = false;
          }
          if (stopping) {
            break;
          }
          LockSupport.parkNanos(PAUSE_NANOS);
          continue;
        }
        for (String line : batch) {
          out.write(line.getBytes(StandardCharsets.UTF_8));
          out.write('\n');
        }
        batch.clear();
        long lost = dropped.get();
        if (lost != reported) {
          out.write(
              ("(" + (lost - reported) + " log lines dropped: the output was too slow)\n")
                  .getBytes(StandardCharsets.UTF_8));
          reported = lost;
        }
        unflushed = true;
      }
    } catch (IOException e) {
      System.err.println("log lines can no longer be written: " + e);
    }
  }

  /** Writes what is queued, then closes the output (a file; standard output stays open). */
  @Override
  public void close() {
    try {
      stopping = true;
      LockSupport.unpark(writer);
      writer.join(10_000);
      if (closeOut) {
        out.close();
      } else {
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // nothing more can be written anyway
    }
  }
}
