package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.catalog.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index in a directory of its own ({@code {data.dir}/search}), a projection of the
 * catalog. Each commit carries the last change-log sequence applied ({@code seq} in the commit's
 * user data); {@link #catchUp} applies what the change log holds after it: an upserted record is
 * re-indexed, a deleted one removed, on all cores.
 *
 * <p>One process at a time may open it (Lucene's write lock); searches run concurrently with
 * catch-up and see its result once it commits.
 */
public final class SearchIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  private static final String SEQ = "seq";
  private static final String FORMAT = "format";
  /**
   * The layout of documents (fields, analysis). An index written with another is rebuilt from the
   * catalog at open, as it would not answer queries correctly. Raise it when IndexFields or
   * ArchiveAnalyzer change.
   */
  static final String CURRENT_FORMAT = "3";
  /** Results deeper than this are not paged to: the cost of a page grows with its depth. */
  public static final int MAX_WINDOW = 10_000;
  private static final int CHANGE_BATCH = 1000;
  private static final int COMMIT_EVERY = 50_000;

  private final Path path;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FacetsConfig facetsConfig = IndexFields.facetsConfig();
  private final Searches searches;
  private final ExecutorService pool;
  private final ReentrantLock writing = new ReentrantLock();
  private final Indexers indexers;
  private final RecordIndexer recordIndexer;
  private volatile long appliedSeq;
  private volatile java.util.concurrent.ScheduledExecutorService follower;
  private volatile boolean closing;

  private SearchIndex(Path path, Directory directory, IndexWriter writer, ArchiveAnalyzer indexAnalyzer,
      ExecutorService pool, int exactFacets) throws IOException {
    this.path = path;
    this.directory = directory;
    this.writer = writer;
    this.pool = pool;
    this.indexers = new Indexers(Math.max(1, Runtime.getRuntime().availableProcessors()));
    this.recordIndexer = new RecordIndexer(writer, facetsConfig);
    this.searchers = new SearcherManager(writer, new FacetedSearcherFactory(pool, facetsConfig));
    this.searches = new Searches(searchers, indexAnalyzer, facetsConfig, exactFacets);
    String seq = commitData(writer, SEQ);
    this.appliedSeq = seq == null ? 0 : Long.parseLong(seq);
  }

  /**
   * Opens the index in a directory, creating it when missing. A corrupt or unreadable index is
   * derived data: it is deleted and started afresh, to be refilled from the catalog.
   *
   * @throws SearchIndexException when another process holds the index or the directory is unusable
   */
  public static SearchIndex open(Path path) {
    return open(path, Searches.EXACT_FACETS);
  }

  /** As {@link #open(Path)}, counting facets exactly up to {@code exactFacets} matches. */
  static SearchIndex open(Path path, int exactFacets) {
    try {
      return openOnce(path, exactFacets);
    } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
      LOG.warn("the search index in {} is unreadable ({}); it is recreated from the catalog", path, e.getMessage());
      try {
        deleteTree(path);
        return openOnce(path, exactFacets);
      } catch (IOException again) {
        throw new SearchIndexException("cannot recreate the search index in " + path + ": " + again.getMessage(), again);
      }
    } catch (LockObtainFailedException e) {
      throw new SearchIndexException("the search index in " + path + " is in use by another Dossier process"
          + " (a running server or a rebuild); stop it first", e);
    } catch (IOException e) {
      throw new SearchIndexException("cannot open the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  private static SearchIndex openOnce(Path path, int exactFacets) throws IOException {
    Files.createDirectories(path);
    Directory directory = FSDirectory.open(path);
    ArchiveAnalyzer analyzer = ArchiveAnalyzer.forIndexing();
    // An index of another layout is started afresh (and filled by the catch-up from the catalog):
    // its documents would answer wrongly, and its sort could not be changed anyway.
    boolean current;
    try {
      current = !DirectoryReader.indexExists(directory)
          || CURRENT_FORMAT.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
    if (!current) {
      LOG.info("the search index in {} has another layout (now {}); it is rebuilt from the catalog", path, CURRENT_FORMAT);
    }
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(current ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE)
        .setIndexSort(IndexFields.INDEX_SORT)
        .setRAMBufferSizeMB(64)
        .setCommitOnClose(false);
    IndexWriter writer;
    try {
      writer = new IndexWriter(directory, config);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
    if (!current) {
      writer.setLiveCommitData(Map.of(FORMAT, CURRENT_FORMAT).entrySet());
      writer.commit();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        daemon("search"));
    try {
      return new SearchIndex(path, directory, writer, analyzer, pool, exactFacets);
    } catch (IOException | RuntimeException e) {
      writer.close();
      directory.close();
      pool.shutdownNow();
      throw e;
    }
  }

  /** Deletes the index and builds it anew from the catalog. */
  public static SearchIndex rebuild(Path path, Catalog catalog) {
    try {
      deleteTree(path);
    } catch (IOException e) {
      throw new SearchIndexException("cannot delete the search index in " + path + ": " + e.getMessage(), e);
    }
    SearchIndex index = open(path);
    try {
      index.catchUp(catalog);
      return index;
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  /** The last change-log sequence number whose change is committed and visible to searches. */
  public long appliedSeq() {
    return appliedSeq;
  }

  /** Number of records in the index. */
  public int size() {
    return searches.withSearcher(s -> s.getIndexReader().numDocs());
  }

  // ---- reading (see Searches) ----

  /** Runs a query: the requested slice of hits with their matches marked, the exact total, and facet counts. */
  public SearchResult search(SearchQuery q) {
    return searches.search(q);
  }

  /**
   * Every place in one record's texts where a query matches ("search in this document"), in the
   * order of its texts, at most {@code limit}; empty when none does.
   */
  public List<TextSnippet> inRecord(String recordId, String query, int limit) {
    return searches.inRecord(recordId, query, limit);
  }

  /**
   * A collection's records in date order (undated last, then by id), a slice of them with the
   * exact total: what a collection page lists, without the catalog's count and offset scans.
   */
  public SearchResult inCollection(String collectionId, int offset, int limit) {
    return searches.inCollection(collectionId, offset, limit);
  }

  /** How many indexed records carry a facet value, exactly. */
  public int count(Facet facet, String value) {
    return searches.count(facet, value);
  }

  /** The records that changed last, newest first. */
  public List<Hit> recent(int n) {
    return searches.recent(n);
  }

  /**
   * Visits a slice of the indexed records in index order, giving each id and datestamp: what a
   * sitemap lists. Reads doc values only, so a slice of 50,000 costs milliseconds.
   */
  public void forEachRecord(int offset, int limit, BiConsumer<String, Instant> visitor) {
    searches.forEachRecord(offset, limit, visitor);
  }

  // ---- keeping up with the catalog ----

  /**
   * Applies every change the catalog logged after {@link #appliedSeq()}, commits and makes it
   * visible to searches. Waits while another catch-up runs.
   *
   * @return how many change-log entries were applied
   */
  public long catchUp(Catalog catalog) {
    writing.lock();
    try {
      return catchUpLocked(catalog);
    } finally {
      writing.unlock();
    }
  }

  /**
   * Catches up now if at most {@code maxBacklog} changes are pending and no other catch-up runs;
   * otherwise leaves it to the background follower.
   *
   * @return true when the index is current afterwards
   */
  public boolean catchUpIfSmall(Catalog catalog, long maxBacklog) {
    long last = catalog.lastChangeSeq();
    if (last <= appliedSeq) {
      return true;
    }
    if (last - appliedSeq > maxBacklog || !writing.tryLock()) {
      return false;
    }
    try {
      catchUpLocked(catalog);
      return true;
    } finally {
      writing.unlock();
    }
  }

  /**
   * Follows the catalog from a background thread: every {@code interval} it asks the catalog for
   * its newest change-log sequence (one indexed lookup) and catches up when it moved, so changes
   * made by another process (a command-line import) reach searches within seconds.
   */
  public void follow(Catalog catalog, java.time.Duration interval) {
    if (follower != null) {
      throw new IllegalStateException("already following");
    }
    follower = Executors.newSingleThreadScheduledExecutor(daemon("search-follower"));
    follower.scheduleWithFixedDelay(() -> {
      try {
        if (catalog.lastChangeSeq() > appliedSeq) {
          long applied = catchUp(catalog);
          LOG.debug("search index applied {} change(s), now at {}", applied, appliedSeq);
        }
      } catch (RuntimeException e) {
        LOG.warn("search index could not catch up with the catalog (retrying): {}", e.toString());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private long catchUpLocked(Catalog catalog) {
    long start = appliedSeq;
    long seq = start;
    long t0 = System.nanoTime();
    try {
      long sinceCommit = 0;
      while (!closing) {
        List<Change> changes = catalog.changesSince(seq, CHANGE_BATCH);
        if (changes.isEmpty()) {
          break;
        }
        apply(catalog, changes);
        seq = changes.get(changes.size() - 1).seq();
        sinceCommit += changes.size();
        if (sinceCommit >= COMMIT_EVERY) {
          indexers.await();
          commit(seq);
          sinceCommit = 0;
        }
      }
      indexers.await();
      if (seq != appliedSeq) {
        commit(seq);
      }
    } catch (IOException e) {
      // What was applied but not committed is applied again next time (re-indexing is idempotent).
      throw new UncheckedIOException("search index update failed", e);
    }
    if (appliedSeq - start >= COMMIT_EVERY) {
      LOG.info("search index applied {} changes in {} s", appliedSeq - start, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    }
    return appliedSeq - start;
  }

  /**
   * Reads the current state of the changed records and hands them to the indexers. Each record
   * always goes to the same indexer, which works in order, so a record changed in two batches ends
   * in its latest state however the indexers interleave.
   */
  private void apply(Catalog catalog, List<Change> changes) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    for (Change c : changes) {
      if (c.entity() == Change.Entity.RECORD) {
        ids.add(c.id());
      }
    }
    Map<String, Record> found = new HashMap<>();
    for (Record r : catalog.records(ids)) {
      found.put(r.id(), r);
    }
    indexers.submit(ids, part -> recordIndexer.apply(catalog, part, found));
  }

  /** Commits what was applied up to {@code seq} and makes it visible to searches; only then is it {@link #appliedSeq()}. */
  private void commit(long seq) throws IOException {
    writer.setLiveCommitData(Map.of(SEQ, Long.toString(seq), FORMAT, CURRENT_FORMAT).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
    appliedSeq = seq;
  }

  // ---- searching ----

  @Override
  public void close() {
    // No interrupts: an interrupted Lucene write closes its file channel. A catch-up in progress
    // sees the flag and stops after its current batch.
    closing = true;
    if (follower != null) {
      follower.shutdown();
      try {
        follower.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writing.lock();
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      LOG.warn("search index did not close cleanly: {}", e.toString());
    } finally {
      writing.unlock();
      pool.shutdownNow();
      indexers.close();
    }
  }

  // ---- plumbing ----

  /** A value of the commit's user data, or null. */
  private static String commitData(IndexWriter writer, String key) {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().equals(key)) {
          return e.getValue();
        }
      }
    }
    return null;
  }


  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
