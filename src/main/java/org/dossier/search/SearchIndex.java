package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
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
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.RandomSamplingFacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.dossier.catalog.ArchiveDate;
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
  /** Results deeper than this are not paged to: the cost of a page grows with its depth. */
  public static final int MAX_WINDOW = 10_000;
  /** Up to this many matches facets are counted exactly; above, from a random sample of this size. */
  static final int EXACT_FACETS = 25_000;
  private final int exactFacets;
  private static final long SAMPLING_SEED = 20_240_521L;
  /** Values shown per facet. */
  private static final int FACET_VALUES = 20;
  /** The top-hits pass counts exactly up to here, then skips what cannot make the page. */
  private static final int TOP_HITS_THRESHOLD = 1000;
  private static final int CHANGE_BATCH = 1000;
  private static final int COMMIT_EVERY = 50_000;
  private static final Sort BY_DATE = new Sort(byDate(false), new SortField(IndexFields.ID, SortField.Type.STRING));
  private static final Sort BY_DATE_DESCENDING = new Sort(byDate(true), new SortField(IndexFields.ID, SortField.Type.STRING));
  private static final Sort BY_DATESTAMP_DESCENDING = new Sort(
      new SortField(IndexFields.DATESTAMP, SortField.Type.LONG, true), new SortField(IndexFields.ID, SortField.Type.STRING));

  private final Path path;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FacetsConfig facetsConfig = IndexFields.facetsConfig();
  private final ArchiveAnalyzer queryAnalyzer = ArchiveAnalyzer.forQueries();
  private final ArchiveAnalyzer indexAnalyzer;
  private final ExecutorService pool;
  private final ReentrantLock writing = new ReentrantLock();
  private final Indexers indexers;
  private volatile long appliedSeq;
  private volatile java.util.concurrent.ScheduledExecutorService follower;
  private volatile boolean closing;

  private SearchIndex(Path path, Directory directory, IndexWriter writer, ArchiveAnalyzer indexAnalyzer,
      ExecutorService pool, int exactFacets) throws IOException {
    this.path = path;
    this.exactFacets = exactFacets;
    this.directory = directory;
    this.writer = writer;
    this.indexAnalyzer = indexAnalyzer;
    this.pool = pool;
    this.indexers = new Indexers(Math.max(1, Runtime.getRuntime().availableProcessors()));
    this.searchers = new SearcherManager(writer, new FacetedSearcherFactory(pool, facetsConfig));
    String seq = null;
    for (Map.Entry<String, String> e : liveCommitData(writer)) {
      if (e.getKey().equals(SEQ)) {
        seq = e.getValue();
      }
    }
    this.appliedSeq = seq == null ? 0 : Long.parseLong(seq);
  }

  /**
   * Opens the index in a directory, creating it when missing. A corrupt or unreadable index is
   * derived data: it is deleted and started afresh, to be refilled from the catalog.
   *
   * @throws SearchIndexException when another process holds the index or the directory is unusable
   */
  public static SearchIndex open(Path path) {
    return open(path, EXACT_FACETS);
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
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64)
        .setCommitOnClose(false);
    IndexWriter writer;
    try {
      writer = new IndexWriter(directory, config);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
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
    return withSearcher(s -> s.getIndexReader().numDocs());
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
    indexers.submit(ids, id -> {
      Record r = found.get(id);
      Term term = new Term(IndexFields.ID, id);
      if (r == null || r.deleted()) {
        writer.deleteDocuments(term);
      } else {
        writer.updateDocument(term, IndexFields.document(r, facetsConfig));
      }
    });
  }

  /** Commits what was applied up to {@code seq} and makes it visible to searches; only then is it {@link #appliedSeq()}. */
  private void commit(long seq) throws IOException {
    writer.setLiveCommitData(Map.of(SEQ, Long.toString(seq)).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
    appliedSeq = seq;
  }

  // ---- searching ----

  /** Runs a query: the requested slice of hits with their matches marked, the total, and facet counts. */
  public SearchResult search(SearchQuery q) {
    QueryText.Parsed parsed = QueryText.parse(q.text(), queryAnalyzer);
    try {
      return search(q, parsed);
    } catch (IndexSearcher.TooManyClauses e) {
      // A prefix or fuzzy term that expands too far: search the words as typed instead.
      return search(q, QueryText.plainWords(q.text(), queryAnalyzer));
    }
  }

  private SearchResult search(SearchQuery q, QueryText.Parsed parsed) {
    Query filtered = filtered(parsed.query(), q);
    int window = Math.min(q.offset() + q.limit(), MAX_WINDOW);
    return withSearcher(searcher -> {
      FacetedSearcher s = (FacetedSearcher) searcher;
      // Pass 1: every match, for the exact total and the facet counts (from a sample when there
      // are more than exactFacets matches: counting every one of 700,000 takes tens of ms, a
      // sample of 25,000 one or two, within a few per cent for the values shown).
      RandomSamplingFacetsCollector matches =
          s.search(filtered, RandomSamplingFacetsCollector.createManager(exactFacets, SAMPLING_SEED));
      long total = 0;
      for (FacetsCollector.MatchingDocs m : matches.getOriginalMatchingDocs()) {
        total += m.totalHits;
      }
      // Pass 2: the requested slice; it may skip non-competitive matches as it no longer counts them.
      TopDocs top = switch (q.order()) {
        case RELEVANCE -> s.search(filtered, new TopScoreDocCollectorManager(window, null, TOP_HITS_THRESHOLD));
        case DATE -> s.search(filtered, new TopFieldCollectorManager(BY_DATE, window, null, TOP_HITS_THRESHOLD));
        case DATE_DESCENDING -> s.search(filtered, new TopFieldCollectorManager(BY_DATE_DESCENDING, window, null, TOP_HITS_THRESHOLD));
      };
      List<Hit> hits = hits(s, top.scoreDocs, q.offset(), parsed.query());
      boolean estimated = total > exactFacets;
      return new SearchResult(total, hits, facetCounts(s, matches), parsed.plainWords(), estimated);
    });
  }

  private static Query filtered(Query text, SearchQuery q) {
    if (q.filters().isEmpty() && q.yearFrom() == null && q.yearTo() == null) {
      return text;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    q.filters().forEach((facet, values) -> {
      for (String value : values) {
        Term term = DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, facet.dim(), value);
        b.add(new TermQuery(term), BooleanClause.Occur.FILTER);
      }
    });
    if (q.yearFrom() != null || q.yearTo() != null) {
      int from = q.yearFrom() == null ? Integer.MIN_VALUE : q.yearFrom();
      int to = q.yearTo() == null ? Integer.MAX_VALUE : q.yearTo();
      b.add(IntPoint.newRangeQuery(IndexFields.YEAR, from, to), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private List<Hit> hits(FacetedSearcher s, ScoreDoc[] scoreDocs, int offset, Query textQuery) throws IOException {
    if (offset >= scoreDocs.length) {
      return List.of();
    }
    int n = scoreDocs.length - offset;
    int[] docIds = new int[n];
    for (int i = 0; i < n; i++) {
      docIds[i] = scoreDocs[offset + i].doc;
    }
    Map<String, Object[]> marked = new Highlighter(s, indexAnalyzer)
        .highlight(new String[] {IndexFields.TITLE, IndexFields.SUMMARY}, textQuery, docIds);
    StoredFields stored = s.storedFields();
    List<Hit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Document doc = stored.document(docIds[i]);
      Snippet title = (Snippet) marked.get(IndexFields.TITLE)[i];
      Snippet summary = (Snippet) marked.get(IndexFields.SUMMARY)[i];
      hits.add(hit(doc, title, summary));
    }
    return hits;
  }

  private static Hit hit(Document doc, Snippet title, Snippet summary) {
    String date = doc.get(IndexFields.DATE);
    return new Hit(doc.get(IndexFields.ID),
        title != null ? title : Snippet.plain(doc.get(IndexFields.TITLE)),
        summary != null ? summary : Snippet.plain(doc.get(IndexFields.SUMMARY)),
        date == null ? null : ArchiveDate.parse(date),
        Instant.ofEpochSecond(doc.getField(IndexFields.DATESTAMP).numericValue().longValue()));
  }

  private Map<Facet, List<FacetCount>> facetCounts(FacetedSearcher s, RandomSamplingFacetsCollector matches)
      throws IOException {
    Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
    if (s.facetState == null) {
      return facets;
    }
    SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(s.facetState, matches);
    for (Facet facet : Facet.values()) {
      FacetResult r;
      try {
        r = facet == Facet.YEAR ? counts.getAllChildren(facet.dim()) : counts.getTopChildren(FACET_VALUES, facet.dim());
      } catch (IllegalArgumentException e) {
        r = null; // no record in the index has this dimension yet
      }
      facets.put(facet, facetValues(matches.amortizeFacetCounts(r, facetsConfig, s), facet));
    }
    return facets;
  }

  private static List<FacetCount> facetValues(FacetResult r, Facet facet) {
    if (r == null) {
      return List.of();
    }
    List<FacetCount> values = new ArrayList<>(r.labelValues.length);
    for (LabelAndValue lv : r.labelValues) {
      values.add(new FacetCount(lv.label, lv.value.longValue()));
    }
    if (facet == Facet.YEAR) {
      values.sort(java.util.Comparator.comparing(FacetCount::value));
    }
    return values;
  }

  /**
   * A collection's records in date order (undated last, then by id), a slice of them with the
   * exact total: what a collection page lists, without the catalog's count and offset scans.
   */
  public SearchResult inCollection(String collectionId, int offset, int limit) {
    Query members = new TermQuery(DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, Facet.COLLECTION.dim(), collectionId));
    return withSearcher(s -> {
      int total = s.count(members);
      TopDocs top = s.search(members, new TopFieldCollectorManager(BY_DATE, Math.max(1, offset + limit), null, TOP_HITS_THRESHOLD));
      List<Hit> hits = new ArrayList<>();
      StoredFields stored = s.storedFields();
      for (int i = offset; i < top.scoreDocs.length; i++) {
        hits.add(hit(stored.document(top.scoreDocs[i].doc), null, null));
      }
      return new SearchResult(total, hits, Map.of(), false, false);
    });
  }

  /** How many indexed records carry a facet value, exactly. */
  public int count(Facet facet, String value) {
    Query q = new TermQuery(DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, facet.dim(), value));
    return withSearcher(s -> s.count(q));
  }

  /** The records that changed last, newest first. */
  public List<Hit> recent(int n) {
    return withSearcher(s -> {
      TopDocs top = s.search(new MatchAllDocsQuery(), n, BY_DATESTAMP_DESCENDING);
      StoredFields stored = s.storedFields();
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        hits.add(hit(stored.document(sd.doc), null, null));
      }
      return hits;
    });
  }

  /**
   * Visits a slice of the indexed records in index order, giving each id and datestamp: what a
   * sitemap lists. Reads doc values only, so a slice of 50,000 costs milliseconds.
   */
  public void forEachRecord(int offset, int limit, BiConsumer<String, Instant> visitor) {
    withSearcher(s -> {
      int skip = offset;
      int left = limit;
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        if (left == 0) {
          break;
        }
        int live = leaf.reader().numDocs();
        if (skip >= live) {
          skip -= live;
          continue;
        }
        Bits liveDocs = leaf.reader().getLiveDocs();
        SortedDocValues ids = leaf.reader().getSortedDocValues(IndexFields.ID);
        NumericDocValues stamps = leaf.reader().getNumericDocValues(IndexFields.DATESTAMP);
        for (int doc = 0; doc < leaf.reader().maxDoc() && left > 0; doc++) {
          if (liveDocs != null && !liveDocs.get(doc)) {
            continue;
          }
          if (skip > 0) {
            skip--;
            continue;
          }
          ids.advanceExact(doc);
          stamps.advanceExact(doc);
          visitor.accept(ids.lookupOrd(ids.ordValue()).utf8ToString(), Instant.ofEpochSecond(stamps.longValue()));
          left--;
        }
      }
      return null;
    });
  }

  private interface SearcherWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return work.run(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

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

  private static Iterable<Map.Entry<String, String>> liveCommitData(IndexWriter writer) {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    return data == null ? List.of() : data;
  }

  private static SortField byDate(boolean descending) {
    // Undated records have no value; they sort last either way.
    SortField f = new SortField(IndexFields.DATE_SORT, SortField.Type.LONG, descending);
    f.setMissingValue(descending ? Long.MIN_VALUE : Long.MAX_VALUE);
    return f;
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

  /** A searcher that carries the facet ordinals of its reader, built once per refresh. */
  static final class FacetedSearcher extends IndexSearcher {
    final SortedSetDocValuesReaderState facetState;

    FacetedSearcher(IndexReader reader, ExecutorService executor, FacetsConfig config) throws IOException {
      super(reader, executor);
      this.facetState = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, config) : null;
    }

    private static boolean hasFacets(IndexReader reader) {
      for (LeafReaderContext leaf : reader.leaves()) {
        if (leaf.reader().getFieldInfos().fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME) != null) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class FacetedSearcherFactory extends SearcherFactory {
    private final ExecutorService executor;
    private final FacetsConfig config;

    FacetedSearcherFactory(ExecutorService executor, FacetsConfig config) {
      this.executor = executor;
      this.config = config;
    }

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
      return new FacetedSearcher(reader, executor, config);
    }
  }
}
