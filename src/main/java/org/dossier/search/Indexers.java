package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Indexing threads, one queue each: work for a key always runs on the same thread, in the order
 * submitted, while different keys proceed in parallel. A bounded number of batches is in flight, so
 * a long catch-up does not hold the whole change log in memory.
 */
final class Indexers implements AutoCloseable {
  /** Indexing work for some keys, in the order submitted. */
  interface Work {
    void run(List<String> keys) throws IOException;
  }

  private final List<ExecutorService> threads = new ArrayList<>();
  private final Semaphore inFlight;
  private final int permits;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  Indexers(int n) {
    for (int i = 0; i < n; i++) {
      threads.add(Executors.newSingleThreadExecutor(SearchIndex.daemon("indexer-" + i)));
    }
    permits = n * 4;
    inFlight = new Semaphore(permits);
  }

  /** Queues the work for each key on its thread; blocks while too many batches are waiting. */
  void submit(Collection<String> keys, Work work) throws IOException {
    rethrow();
    List<List<String>> parts = new ArrayList<>();
    for (int i = 0; i < threads.size(); i++) {
      parts.add(new ArrayList<>());
    }
    for (String key : keys) {
      parts.get(Math.floorMod(key.hashCode(), threads.size())).add(key);
    }
    for (int i = 0; i < threads.size(); i++) {
      List<String> part = parts.get(i);
      if (part.isEmpty()) {
        continue;
      }
      run(threads.get(i), part, work);
    }
  }

  /**
   * Queues work on one thread, holding a permit while it waits or runs; its failure stops the work
   * queued after it.
   */
  private void run(ExecutorService thread, List<String> keys, Work work) {
    inFlight.acquireUninterruptibly();
    thread.execute(
        () -> {
          try {
            if (failure.get() == null) {
              work.run(keys);
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          } finally {
            inFlight.release();
          }
        });
  }

  /** Runs {@code work} once on every thread, after what is queued there, and waits for it. */
  void onEach(Work work) throws IOException {
    for (ExecutorService thread : threads) {
      run(thread, List.of(), work);
    }
    await();
  }

  /** Waits until all queued work has run. */
  void await() throws IOException {
    inFlight.acquireUninterruptibly(permits);
    inFlight.release(permits);
    rethrow();
  }

  private void rethrow() throws IOException {
    Throwable e = failure.getAndSet(null);
    if (e instanceof IOException io) {
      throw io;
    }
    if (e != null) {
      throw new IOException("indexing failed: " + e, e);
    }
  }

  @Override
  public void close() {
    threads.forEach(ExecutorService::shutdown);
  }
}
