package org.dossier.search;

import java.io.EOFException;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Change;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.projection.Projection;
import org.dossier.projection.ProjectionFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index in a directory of its own ({@code {data.dir}/search}), a {@link Projection} of
 * the catalog. Each commit carries the last change-log sequence applied ({@code seq} in the
 * commit's user data); a batch of the change log is applied by re-indexing each upserted record and
 * removing each deleted one, on all cores, and is committed when the follower has no more to give
 * or every {@value #COMMIT_EVERY} changes.
 *
 * <p>One process at a time may open it (Lucene's write lock, taken before any file is read or
 * deleted); searches run concurrently with the follower and see its work once it commits.
 */
public final class SearchIndex implements Projection<SearchIndex.Batch> {
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

  /** Change-log entries per batch when no follower drives the index (a test, a benchmark). */
  private static final int CHANGE_BATCH = 2000;

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

  /** Changes applied since the last commit; guarded by {@link #writing}. */
  private long sinceCommit;

  private volatile ProjectionFollower follower;
  private volatile boolean closed;
  private volatile Prefilled prefilled;

  private SearchIndex(
      Path path,
      Directory directory,
      IndexWriter writer,
      ArchiveAnalyzer indexAnalyzer,
      ExecutorService pool,
      int exactFacets)
      throws IOException {
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
      return openOnce(path, exactFacets, false);
    } catch (CorruptIndexException
        | IndexFormatTooOldException
        | IndexFormatTooNewException
        | EOFException e) {
      LOG.warn(
          "the search index in {} is unreadable ({}); it is recreated from the catalog",
          path,
          e.getMessage());
      try {
        return openOnce(path, exactFacets, true);
      } catch (LockObtainFailedException again) {
        throw inUse(path, again);
      } catch (IOException again) {
        throw new SearchIndexException(
            "cannot recreate the search index in " + path + ": " + again.getMessage(), again);
      }
    } catch (LockObtainFailedException e) {
      throw inUse(path, e);
    } catch (IOException e) {
      throw new SearchIndexException(
          "cannot open the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  private static SearchIndexException inUse(Path path, LockObtainFailedException e) {
    return new SearchIndexException(
        "the search index in "
            + path
            + " is in use by another Dossier process"
            + " (a running server or a rebuild); stop it first",
        e,
        true);
  }

  /**
   * Opens the index, holding Lucene's write lock before it reads or deletes anything: an index
   * another process holds is never touched.
   *
   * @param discard whether to delete the index's files first (it was found unreadable)
   */
  private static SearchIndex openOnce(Path path, int exactFacets, boolean discard)
      throws IOException {
    Files.createDirectories(path);
    Directory directory = FSDirectory.open(path);
    ArchiveAnalyzer analyzer = ArchiveAnalyzer.forIndexing();
    // An index of another layout is started afresh (and filled by the catch-up from the catalog):
    // its documents would answer wrongly, and its sort could not be changed anyway.
    boolean current;
    try (Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      if (discard) {
        lock.ensureValid();
        for (String file : directory.listAll()) {
          if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
            directory.deleteFile(file);
          }
        }
      }
      current =
          !DirectoryReader.indexExists(directory)
              || CURRENT_FORMAT.equals(
                  SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
    // The lock is let go for the writer to take: a process that takes it in between makes the
    // writer fail with LockObtainFailedException, having deleted nothing of ours.
    if (!current) {
      LOG.info(
          "the search index in {} has another layout (now {}); it is rebuilt from the catalog",
          path,
          CURRENT_FORMAT);
    }
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer)
            .setOpenMode(
                current
                    ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND
                    : IndexWriterConfig.OpenMode.CREATE)
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
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("search"));
    try {
      return new SearchIndex(path, directory, writer, analyzer, pool, exactFacets);
    } catch (IOException | RuntimeException e) {
      writer.close();
      directory.close();
      pool.shutdownNow();
      throw e;
    }
  }

  /**
   * Opens the index (taking its lock first), empties it and builds it anew from the catalog.
   *
   * @throws SearchIndexException when another process holds the index: nothing is deleted then
   */
  public static SearchIndex rebuild(Path path, Catalog catalog) {
    SearchIndex index = open(path);
    try {
      index.rebuild(catalog);
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

  @Override
  public String name() {
    return "search";
  }

  /** The last change-log sequence number whose change is committed and visible to searches. */
  @Override
  public long appliedSeq() {
    return appliedSeq;
  }

  /** Number of records in the index. */
  public int size() {
    return searches.withSearcher(s -> s.getIndexReader().numDocs());
  }

  // ---- reading (see Searches) ----

  /**
   * Runs a query: the requested slice of hits with their matches marked, the exact total, and facet
   * counts.
   */
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
   * A collection's records in date order (undated last, then by id), a slice of them with the exact
   * total: what a collection page lists, without the catalog's count and offset scans.
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

  @Override
  public void followedBy(ProjectionFollower follower) {
    this.follower = follower;
  }

  /**
   * Applies every change the catalog logged after {@link #appliedSeq()}, commits and makes it
   * visible to searches. When a follower drives the index it does this (on the calling thread,
   * after the batch its lane is in), and {@code catalog} is the follower's.
   *
   * @return how many change-log entries were applied
   */
  public long catchUp(Catalog catalog) {
    ProjectionFollower f = follower;
    if (f != null) {
      return f.catchUpNow(this);
    }
    // One catch-up at a time, as the follower would ensure.
    writing.lock();
    try {
      return ProjectionFollower.catchUp(catalog, this, CHANGE_BATCH);
    } finally {
      writing.unlock();
    }
  }

  /**
   * What a page asks before it searches: when at most {@code maxBacklog} changes are pending, they
   * are applied first (the follower is woken and waited for); a larger backlog is left to the
   * follower.
   *
   * @return true when the index is current afterwards
   */
  public boolean catchUpIfSmall(Catalog catalog, long maxBacklog) {
    ProjectionFollower f = follower;
    if (f != null) {
      return f.awaitCurrent(this, maxBacklog);
    }
    long last = catalog.lastChangeSeq();
    if (last > appliedSeq && last - appliedSeq <= maxBacklog) {
      catchUp(catalog);
    }
    return appliedSeq >= last;
  }

  /**
   * A batch of the change log with the current state of its records, as {@link #read} found them.
   */
  public static final class Batch {
    private final Catalog catalog;
    private final long lastSeq;
    private final int changes;
    private final Set<String> ids;
    private final Map<String, Record> found;
    private final Map<String, Long> lastSeqOf;

    private Batch(
        Catalog catalog,
        long lastSeq,
        int changes,
        Set<String> ids,
        Map<String, Record> found,
        Map<String, Long> lastSeqOf) {
      this.catalog = catalog;
      this.lastSeq = lastSeq;
      this.changes = changes;
      this.ids = ids;
      this.found = found;
      this.lastSeqOf = lastSeqOf;
    }
  }

  @Override
  public Batch read(Catalog catalog, List<Change> changes) {
    Set<String> ids = new LinkedHashSet<>();
    Map<String, Long> lastSeqOf = new HashMap<>();
    for (Change c : changes) {
      if (c.entity() == Change.Entity.RECORD) {
        ids.add(c.id());
        lastSeqOf.merge(c.id(), c.seq(), Math::max);
      }
    }
    Map<String, Record> found = new HashMap<>();
    for (Record r : catalog.records(ids)) {
      found.put(r.id(), r);
    }
    return new Batch(
        catalog, changes.get(changes.size() - 1).seq(), changes.size(), ids, found, lastSeqOf);
  }

  /**
   * Hands the batch's records to the indexers. Each record always goes to the same indexer, which
   * works in order, so a record changed in two batches ends in its latest state however the
   * indexers interleave. What was applied but not committed is applied again after a failure
   * (re-indexing is idempotent).
   */
  @Override
  public void apply(Batch batch, boolean more) {
    writing.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the search index in " + path + " is closed");
      }
      Prefilled p = prefilled;
      RecordIndexer.Current current =
          p == null ? id -> false : id -> p.current(id, batch.lastSeqOf.getOrDefault(id, 0L));
      indexers.submit(
          batch.ids, part -> recordIndexer.apply(batch.catalog, part, batch.found, current));
      sinceCommit += batch.changes;
      // After a prefill, one commit at the end: until then some prefilled documents still wait
      // for their datestamps.
      if (!more || (sinceCommit >= COMMIT_EVERY && p == null)) {
        indexers.await();
        commit(batch.lastSeq);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("search index update failed", e);
    } finally {
      writing.unlock();
    }
  }

  /**
   * Empties the index at sequence 0: the follower (or {@link #rebuild(Path, Catalog)}) fills it
   * from the change log.
   */
  @Override
  public void rebuild(Catalog catalog) {
    writing.lock();
    try {
      indexers.await();
      prefilled = null;
      writer.deleteAll();
      commit(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the search index in " + path, e);
    } finally {
      writing.unlock();
    }
  }

  /**
   * Commits what was applied up to {@code seq} and makes it visible to searches; only then is it
   * {@link #appliedSeq()}.
   */
  private void commit(long seq) throws IOException {
    // What is still buffered is written out by every indexing thread at once (the commit would do
    // it on this one thread): after a large catch-up or prefill, that is most of a commit's time.
    indexers.onEach(
        none -> {
          while (writer.flushNextBuffer()) {
            // one buffer more
          }
        });
    writer.setLiveCommitData(Map.of(SEQ, Long.toString(seq), FORMAT, CURRENT_FORMAT).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
    appliedSeq = seq;
    sinceCommit = 0;
    Prefilled p = prefilled;
    if (p != null && seq >= p.through) {
      prefilled = null;
    }
  }

  // ---- prefilling during an import ----

  /**
   * Records a prefill wrote while the catalog's transaction was open, and the last change-log
   * sequence of that transaction: a record among them whose changes in a batch go no further is
   * already in the index as the catalog has it, but for its datestamp.
   */
  private record Prefilled(Set<String> ids, long through) {
    boolean current(String id, long lastSeqInBatch) {
      return lastSeqInBatch <= through && ids.contains(id);
    }
  }

  /**
   * A listener for an import's catalog transaction that indexes each record as the import writes
   * it, on the indexing threads, so that indexing runs alongside the import instead of after it.
   * Nothing it adds is committed by it: once the catalog has committed, the catch-up (which must
   * follow) finds those records current, sets their datestamps and commits the whole; if the
   * catalog rolls back, the index is closed and what was added is dropped. For a process that holds
   * the index alone (a command), never alongside a follower that commits on its own.
   */
  public CatalogWriter.Listener prefill() {
    return new Prefill();
  }

  private final class Prefill implements CatalogWriter.Listener {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Map<String, IndexedRecord> pending = new HashMap<>();
    private ThreadPoolExecutor workers;

    @Override
    public void written(Record record, List<RecordText> texts, List<PageOcr> ocr) {
      if (failure.get() != null) {
        return;
      }
      pending.put(record.id(), new IndexedRecord(record, texts, ocr));
      if (pending.size() >= RecordIndexer.TEXT_BATCH) {
        submit();
      }
    }

    /**
     * Hands the pending records to whichever indexing thread is free (each record is written once
     * in a transaction, so their order does not matter); when all are busy and their queue is full,
     * the writing thread indexes them itself, which keeps the import from running ahead.
     */
    private void submit() {
      Map<String, IndexedRecord> part = pending;
      pending = new HashMap<>();
      if (part.isEmpty()) {
        return;
      }
      if (closed) {
        failure.compareAndSet(null, new IllegalStateException("the index is closed"));
        return;
      }
      if (workers == null) {
        int n = Math.max(1, Runtime.getRuntime().availableProcessors());
        workers =
            new ThreadPoolExecutor(
                n,
                n,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2 * n),
                daemon("prefill"),
                new ThreadPoolExecutor.CallerRunsPolicy());
      }
      ids.addAll(part.keySet());
      workers.execute(
          () -> {
            try {
              if (failure.get() == null) {
                for (IndexedRecord r : part.values()) {
                  recordIndexer.put(r);
                }
              }
            } catch (IOException | RuntimeException e) {
              failure.compareAndSet(null, e);
            }
          });
    }

    /** Waits for the work handed out, and stops the threads. */
    private void finish() {
      if (workers != null) {
        workers.shutdown();
        try {
          while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
            LOG.info("indexing what the import wrote...");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, e);
        }
      }
    }

    @Override
    public void committed(long lastSeq) {
      submit();
      finish();
      Throwable e = failure.get();
      if (e == null) {
        prefilled = new Prefilled(ids, lastSeq);
      } else {
        // The catch-up that follows indexes every record from the catalog instead.
        LOG.warn("indexing alongside the import stopped: {}", e.toString());
      }
    }

    @Override
    public void abandoned() {
      pending.clear();
      failure.compareAndSet(null, new IllegalStateException("abandoned"));
      finish();
      // Only closing without a commit drops what was added.
      close();
    }
  }

  // ---- searching ----

  /**
   * Closes the index after the batch being applied, if any. No thread is interrupted: an
   * interrupted Lucene write closes its file channel. What was applied but not committed is
   * dropped, to be applied again from the committed sequence.
   */
  @Override
  public void close() {
    writing.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      LOG.warn("search index did not close cleanly: {}", e.toString());
    } finally {
      writing.unlock();
      pool.shutdown();
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
}
