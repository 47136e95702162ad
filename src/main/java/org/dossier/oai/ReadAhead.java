package org.dossier.oai;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.dossier.catalog.Position;
import org.dossier.catalog.Renditions;
import org.dossier.catalog.Selection;
import org.dossier.metrics.Metrics;

/**
 * The next ListRecords page of a list, read from the catalog while the harvester is still reading
 * the page before it: a harvester asks for the next page as soon as it has this one, so the
 * catalog's answer (a round trip and a hundred stored records; on PostgreSQL most of a page's time)
 * is ready, or on its way, when it comes.
 *
 * <p>A page read ahead is served only as the catalog stands when it is asked for: it carries the
 * change-log position read before its query ran, and is dropped when the log has moved since, so a
 * harvester never gets a record older than a fresh query would give. Read-ahead never waits for a
 * thread: when its threads are all busy, the page is not read ahead and its request reads it.
 */
final class ReadAhead {
  /** Pages kept at once, about one per harvest in progress; each holds a page's renditions. */
  private static final int ENTRIES = 32;

  /** A page not asked for within this long is dropped (its harvester stopped, or paused). */
  private static final Duration KEPT = Duration.ofSeconds(30);

  /** What a page is: its list, the position it starts after, and how its records are read. */
  record Key(
      String prefix, Selection selection, Position after, long generation, boolean deflated) {}

  /** A page read ahead, with the change-log position read before its query. */
  private record Page(long seq, List<Renditions.Listed> listed) {}

  private final Cache<Key, CompletableFuture<Page>> pages =
      Caffeine.newBuilder()
          .maximumSize(ENTRIES)
          .expireAfterWrite(KEPT)
          .executor(Runnable::run) // evict on the caller's thread: no pool of Caffeine's own
          .build();

  private final ThreadPoolExecutor threads;
  private final LongSupplier changeSeq;
  private final Metrics metrics;

  /**
   * @param threads how many pages may be read ahead at once
   * @param changeSeq the catalog's last change-log position
   * @param metrics counts the pages served and dropped
   */
  ReadAhead(int threads, LongSupplier changeSeq, Metrics metrics) {
    this.changeSeq = changeSeq;
    this.metrics = metrics;
    this.threads =
        new ThreadPoolExecutor(
            threads,
            threads,
            10,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "oai-read-ahead");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.threads.allowCoreThreadTimeOut(true);
  }

  /** Starts reading the page {@code key} names, unless every read-ahead thread is busy. */
  void start(Key key, Supplier<List<Renditions.Listed>> query) {
    CompletableFuture<Page> page;
    try {
      page =
          CompletableFuture.supplyAsync(
              () -> {
                long seq = changeSeq.getAsLong();
                return new Page(seq, query.get());
              },
              threads);
    } catch (RejectedExecutionException busy) {
      return;
    }
    pages.put(key, page);
  }

  /**
   * The page {@code key} names when it was read ahead and the catalog has not changed since; null
   * otherwise (the caller reads it). A page being read is waited for: it started before the request
   * did. Each page is served at most once.
   */
  List<Renditions.Listed> take(Key key) {
    CompletableFuture<Page> future = pages.asMap().remove(key);
    if (future == null) {
      return null;
    }
    Page page;
    try {
      page = future.get();
    } catch (ExecutionException e) {
      // The request reads the page itself and meets the catalog's error there, if it lasts.
      metrics.oaiReadAhead(false);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (changeSeq.getAsLong() != page.seq()) {
      metrics.oaiReadAhead(false);
      return null;
    }
    metrics.oaiReadAhead(true);
    return page.listed();
  }
}
