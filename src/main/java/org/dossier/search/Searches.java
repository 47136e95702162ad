package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.dossier.catalog.ArchiveDate;

/**
 * The reading side of the {@link SearchIndex}: queries with their totals, marks and facet counts,
 * collection listings, and walks over every record, each on the searcher current when it starts.
 */
final class Searches {
  /**
   * Up to this many matches facets are counted exactly; above, from a sample of about this size.
   */
  static final int EXACT_FACETS = 25_000;

  /** Values shown per facet. */
  private static final int FACET_VALUES = 20;

  private static final Sort BY_DATE =
      new Sort(byDate(false), new SortField(IndexFields.ID, SortField.Type.STRING));
  private static final Sort BY_DATE_DESCENDING =
      new Sort(byDate(true), new SortField(IndexFields.ID, SortField.Type.STRING));
  private static final Sort BY_DATESTAMP_DESCENDING =
      new Sort(
          new SortField(IndexFields.DATESTAMP, SortField.Type.LONG, true),
          new SortField(IndexFields.ID, SortField.Type.STRING));

  /** Places in the texts shown with a hit. */
  private static final int HIT_PLACES = 2;

  /** Places listed when searching within one record ({@link SearchQuery#record()}). */
  static final int IN_RECORD_PLACES = 200;

  /**
   * How much of a hit's texts (per field) the results page looks through for them, in chars: some
   * 40 pages of dense print; a match further in a longer document shows no place.
   */
  private static final int HIT_TEXT_LENGTH = 250_000;

  /** The stored fields a hit shows: never the texts, which are read by the highlighter alone. */
  private static final Set<String> SHOWN =
      Set.of(IndexFields.ID, IndexFields.TITLE, IndexFields.SUMMARY, IndexFields.DATE);

  private static final Set<String> SOURCES =
      java.util.Arrays.stream(TextGroup.values())
          .map(TextGroup::sourceField)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Set<String> SHOWN_WITH_SOURCES = union(SHOWN, SOURCES);

  private final SearcherManager searchers;
  private final ArchiveAnalyzer indexAnalyzer;
  private final ArchiveAnalyzer queryAnalyzer = ArchiveAnalyzer.forQueries();
  private final FacetsConfig facetsConfig;
  private final int exactFacets;

  Searches(
      SearcherManager searchers,
      ArchiveAnalyzer indexAnalyzer,
      FacetsConfig facetsConfig,
      int exactFacets) {
    this.searchers = searchers;
    this.indexAnalyzer = indexAnalyzer;
    this.facetsConfig = facetsConfig;
    this.exactFacets = exactFacets;
  }

  /**
   * Runs a query: the requested slice of hits with their matches marked, the total, and facet
   * counts.
   */
  SearchResult search(SearchQuery q) {
    return withSearcher(
        searcher -> {
          FacetedSearcher s = (FacetedSearcher) searcher;
          // Parsed against the text fields this searcher's index holds.
          QueryText.Parsed parsed =
              pruned(QueryText.parse(q.text(), queryAnalyzer, s.textFields), s);
          try {
            return search(s, q, parsed);
          } catch (IndexSearcher.TooManyClauses e) {
            // A prefix or fuzzy term that expands too far: search the words as typed instead.
            return search(
                s, q, pruned(QueryText.plainWords(q.text(), queryAnalyzer, s.textFields), s));
          }
        });
  }

  /** The query without the alternatives no record can match. */
  private static QueryText.Parsed pruned(QueryText.Parsed parsed, IndexSearcher s)
      throws IOException {
    return new QueryText.Parsed(
        AbsentTerms.prune(parsed.query(), s.getIndexReader()), parsed.plainWords());
  }

  private SearchResult search(FacetedSearcher s, SearchQuery q, QueryText.Parsed parsed)
      throws IOException {
    Query filtered = filtered(parsed.query(), q);
    int window = Math.min(q.offset() + q.limit(), SearchIndex.MAX_WINDOW);
    // The exact total. Where the index knows it (a single term's document frequency) the page of
    // hits is found apart, skipping whatever cannot make it. Where counting means visiting every
    // match anyway (conjunctions, filters, a word sought in the texts too), that one visit also
    // scores them, keeps the best and notes every match for the facet counts.
    int total = cheapCount(s, filtered);
    TopDocs counted = null;
    Matches all = null;
    if (total < 0) {
      Object[] both =
          s.search(
              filtered,
              new MultiCollectorManager(
                  topCollector(q.order(), window, Integer.MAX_VALUE), Matches.collector()));
      counted = (TopDocs) both[0];
      all = (Matches) both[1];
      total = Math.toIntExact(counted.totalHits.value);
    }
    // Facet counts: over every match up to exactFacets of them; above, over the matches in a
    // fixed sample of the index (see IndexFields.SAMPLE), scaled up. Counting 700,000 matches
    // takes tens of milliseconds; the sample of about 25,000, one or two.
    FacetsCollector matches;
    double scale = 1;
    if (total > exactFacets) {
      int buckets =
          Math.max(
              1,
              Math.min(
                  IndexFields.SAMPLE_BUCKETS,
                  (int) Math.ceil((double) IndexFields.SAMPLE_BUCKETS * exactFacets / total)));
      scale = (double) IndexFields.SAMPLE_BUCKETS / buckets;
      if (all != null) {
        matches = all.sampled(s.sample(buckets));
      } else {
        matches =
            s.search(
                new BooleanQuery.Builder()
                    .add(filtered, BooleanClause.Occur.MUST)
                    .add(IndexFields.sample(buckets), BooleanClause.Occur.FILTER)
                    .build(),
                new FacetsCollectorManager());
      }
    } else {
      matches = all != null ? all.all() : s.search(filtered, new FacetsCollectorManager());
    }
    TopDocs top = counted != null ? counted : top(s, filtered, q.order(), window, window);
    // Within one record, its hit lists every place; otherwise each hit its best few.
    List<Hit> hits =
        q.record() != null
            ? hits(
                s,
                top.scoreDocs,
                q.offset(),
                parsed.query(),
                IN_RECORD_PLACES,
                Integer.MAX_VALUE - 1,
                true)
            : hits(
                s, top.scoreDocs, q.offset(), parsed.query(), HIT_PLACES, HIT_TEXT_LENGTH, false);
    return new SearchResult(
        total, hits, facetCounts(s, matches, scale, total), parsed.plainWords(), scale != 1);
  }

  /**
   * The best {@code window} matches in the given order, counting matches exactly up to {@code
   * countUpTo}.
   */
  private static TopDocs top(
      IndexSearcher s, Query query, SearchQuery.Order order, int window, int countUpTo)
      throws IOException {
    return s.search(query, topCollector(order, window, countUpTo));
  }

  private static CollectorManager<? extends Collector, ? extends TopDocs> topCollector(
      SearchQuery.Order order, int window, int countUpTo) {
    return switch (order) {
      case RELEVANCE -> new TopScoreDocCollectorManager(window, null, countUpTo);
      case DATE -> new TopFieldCollectorManager(BY_DATE, window, null, countUpTo);
      case DATE_DESCENDING ->
          new TopFieldCollectorManager(BY_DATE_DESCENDING, window, null, countUpTo);
    };
  }

  /**
   * The number of matches when every segment can tell it without visiting them (a term's document
   * frequency, a match-all), or -1.
   */
  private static int cheapCount(IndexSearcher s, Query query) throws IOException {
    Weight weight = s.createWeight(s.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
    int total = 0;
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      int n = weight.count(leaf);
      if (n < 0) {
        return -1;
      }
      total += n;
    }
    return total;
  }

  private static Query filtered(Query text, SearchQuery q) {
    if (q.filters().isEmpty() && q.yearFrom() == null && q.yearTo() == null && q.record() == null) {
      return text;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    if (q.record() != null) {
      b.add(new TermQuery(new Term(IndexFields.ID, q.record())), BooleanClause.Occur.FILTER);
    }
    q.filters()
        .forEach(
            (facet, values) -> {
              for (String value : values) {
                Term term =
                    DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, facet.dim(), value);
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

  /**
   * The hits of a page with their marks and their places in their texts: at most {@code places}
   * each, looked for in the first {@code textLength} chars of each text field; the best ones, or
   * with {@code inTextOrder} the first ones in the order of the texts.
   */
  private List<Hit> hits(
      FacetedSearcher s,
      ScoreDoc[] scoreDocs,
      int offset,
      Query textQuery,
      int places,
      int textLength,
      boolean inTextOrder)
      throws IOException {
    if (offset >= scoreDocs.length) {
      return List.of();
    }
    int n = scoreDocs.length - offset;
    int[] docIds = new int[n];
    for (int i = 0; i < n; i++) {
      docIds[i] = scoreDocs[offset + i].doc;
    }
    Map<String, Object[]> marked =
        new Highlighter(s, indexAnalyzer)
            .highlight(new String[] {IndexFields.TITLE, IndexFields.SUMMARY}, textQuery, docIds);
    // Only the text fields the query has words for: the highlighter reads the texts of every field
    // it is given.
    String[] textFields = queriedTextFields(textQuery, s.textFields);
    Map<String, Object[]> inTexts = Map.of();
    if (textFields.length > 0) {
      inTexts =
          new TextHighlighter(s, indexAnalyzer, textLength)
              .highlight(textFields, textQuery, docIds, places);
    }
    StoredFields stored = s.storedFields();
    List<Hit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Document doc = stored.document(docIds[i], SHOWN_WITH_SOURCES);
      Snippet title = (Snippet) marked.get(IndexFields.TITLE)[i];
      Snippet summary = (Snippet) marked.get(IndexFields.SUMMARY)[i];
      List<Located> found = places(doc, textFields, inTexts, i);
      if (!inTextOrder) {
        // The best places of the hit, shown in the order of its texts.
        found.sort(Comparator.comparingDouble((Located l) -> -l.place().score()));
        found = new ArrayList<>(found.subList(0, Math.min(places, found.size())));
      }
      found.sort(Located.IN_TEXT_ORDER);
      hits.add(
          hit(
              doc,
              datestamp(s, docIds[i]),
              title,
              summary,
              found.stream().limit(places).map(Located::snippet).toList()));
    }
    return hits;
  }

  /** The text fields, of those given, that a query searches. */
  static String[] queriedTextFields(Query query, List<String> textFields) {
    Set<String> fields = new java.util.HashSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            if (textFields.contains(field)) {
              fields.add(field);
            }
            return false;
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            // The words a record must not have are not shown as places where it matched.
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    return textFields.stream().filter(fields::contains).toArray(String[]::new);
  }

  /** A place that matched, with the text it lies in. */
  private record Located(TextSource source, TextSnippetFormatter.Place place) {
    static final Comparator<Located> IN_TEXT_ORDER =
        Comparator.comparingInt((Located l) -> l.source().ordinal())
            .thenComparingInt(l -> l.place().offset());

    TextSnippet snippet() {
      return new TextSnippet(
          source.kind(), source.language(), source.page(), place.offset(), place.snippet());
    }
  }

  /**
   * The places the text highlighter found in the {@code i}-th document, with their texts' sources.
   */
  @SuppressWarnings("unchecked")
  private static List<Located> places(
      Document doc, String[] textFields, Map<String, Object[]> inTexts, int i) {
    List<Located> places = new ArrayList<>();
    for (String field : textFields) {
      Object[] perDoc = inTexts.get(field);
      if (perDoc == null || perDoc[i] == null) {
        continue;
      }
      String[] sources = doc.getValues(TextGroup.ofField(field).sourceField());
      for (TextSnippetFormatter.Place p : (List<TextSnippetFormatter.Place>) perDoc[i]) {
        if (p.value() < sources.length) {
          places.add(new Located(TextSource.decode(sources[p.value()]), p));
        }
      }
    }
    return places;
  }

  /**
   * Every place in one record's texts where a query matches, in the order of the texts (the
   * record's texts, then its pages), at most {@code limit}: what a document page lists when
   * searched within. Empty when the record is not indexed, has no text, or the query does not match
   * it (all words are required, in its metadata or texts).
   */
  List<TextSnippet> inRecord(String recordId, String text, int limit) {
    return withSearcher(
        searcher -> {
          FacetedSearcher s = (FacetedSearcher) searcher;
          if (s.textFields.isEmpty() || text == null || text.isBlank()) {
            return List.of();
          }
          TopDocs found = s.search(new TermQuery(new Term(IndexFields.ID, recordId)), 1);
          if (found.scoreDocs.length == 0) {
            return List.of();
          }
          int[] docIds = {found.scoreDocs[0].doc};
          QueryText.Parsed parsed = pruned(QueryText.parse(text, queryAnalyzer, s.textFields), s);
          String[] textFields = queriedTextFields(parsed.query(), s.textFields);
          if (textFields.length == 0) {
            return List.of();
          }
          Map<String, Object[]> inTexts;
          try {
            inTexts =
                new TextHighlighter(s, indexAnalyzer, Integer.MAX_VALUE - 1)
                    .highlight(textFields, parsed.query(), docIds, limit);
          } catch (IndexSearcher.TooManyClauses e) {
            inTexts =
                new TextHighlighter(s, indexAnalyzer, Integer.MAX_VALUE - 1)
                    .highlight(
                        textFields,
                        pruned(QueryText.plainWords(text, queryAnalyzer, s.textFields), s).query(),
                        docIds,
                        limit);
          }
          List<Located> places =
              places(s.storedFields().document(docIds[0], SOURCES), textFields, inTexts, 0);
          places.sort(Located.IN_TEXT_ORDER);
          return places.stream().limit(limit).map(Located::snippet).toList();
        });
  }

  private static Hit hit(
      Document doc, long datestamp, Snippet title, Snippet summary, List<TextSnippet> texts) {
    String date = doc.get(IndexFields.DATE);
    return new Hit(
        doc.get(IndexFields.ID),
        title != null ? title : Snippet.plain(doc.get(IndexFields.TITLE)),
        summary != null ? summary : Snippet.plain(doc.get(IndexFields.SUMMARY)),
        date == null ? null : ArchiveDate.parse(date),
        Instant.ofEpochSecond(datestamp),
        texts);
  }

  /** A hit's datestamp, from the doc values (the only place the index keeps it). */
  private static long datestamp(IndexSearcher s, int docId) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
    NumericDocValues stamps = leaf.reader().getNumericDocValues(IndexFields.DATESTAMP);
    return stamps != null && stamps.advanceExact(docId - leaf.docBase) ? stamps.longValue() : 0;
  }

  private Map<Facet, List<FacetCount>> facetCounts(
      FacetedSearcher s, FacetsCollector matches, double scale, long total) throws IOException {
    Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
    if (s.facetState == null) {
      return facets;
    }
    Facets counts = new SortedSetDocValuesFacetCounts(s.facetState, matches);
    for (Facet facet : Facet.values()) {
      FacetResult r;
      try {
        r =
            facet == Facet.YEAR
                ? counts.getAllChildren(facet.dim())
                : counts.getTopChildren(FACET_VALUES, facet.dim());
      } catch (IllegalArgumentException e) {
        r = null; // no record in the index has this dimension yet
      }
      List<FacetCount> values = facetValues(r, facet);
      if (scale != 1) {
        List<FacetCount> estimated = new ArrayList<>(values.size());
        for (FacetCount c : values) {
          estimated.add(estimate(s, facet, c, scale, total));
        }
        values = estimated;
      }
      facets.put(facet, values);
    }
    return facets;
  }

  /**
   * A sampled count scaled up, never above the results' total or the records that carry the value
   * at all.
   */
  private static FacetCount estimate(
      FacetedSearcher s, Facet facet, FacetCount sampled, double scale, long total)
      throws IOException {
    long carrying = s.carrying(facet.dim(), sampled.value());
    return new FacetCount(
        sampled.value(), Math.min(Math.round(sampled.count() * scale), Math.min(total, carrying)));
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
   * A collection's records in date order (undated last, then by id), a slice of them with the exact
   * total: what a collection page lists, without the catalog's count and offset scans.
   */
  SearchResult inCollection(String collectionId, int offset, int limit) {
    Query members =
        new TermQuery(
            DrillDownQuery.term(
                FacetsConfig.DEFAULT_INDEX_FIELD_NAME, Facet.COLLECTION.dim(), collectionId));
    return withSearcher(
        s -> {
          int total = s.count(members);
          int window = Math.max(1, offset + limit);
          TopDocs top =
              s.search(members, new TopFieldCollectorManager(BY_DATE, window, null, window));
          List<Hit> hits = new ArrayList<>();
          StoredFields stored = s.storedFields();
          for (int i = offset; i < top.scoreDocs.length; i++) {
            int doc = top.scoreDocs[i].doc;
            hits.add(hit(stored.document(doc, SHOWN), datestamp(s, doc), null, null, List.of()));
          }
          return new SearchResult(total, hits, Map.of(), false, false);
        });
  }

  /** How many indexed records carry a facet value, exactly. */
  int count(Facet facet, String value) {
    Query q =
        new TermQuery(
            DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, facet.dim(), value));
    return withSearcher(s -> s.count(q));
  }

  /** The records that changed last, newest first. */
  List<Hit> recent(int n) {
    return withSearcher(
        s -> {
          TopDocs top = s.search(new MatchAllDocsQuery(), n, BY_DATESTAMP_DESCENDING);
          StoredFields stored = s.storedFields();
          List<Hit> hits = new ArrayList<>();
          for (ScoreDoc sd : top.scoreDocs) {
            hits.add(
                hit(stored.document(sd.doc, SHOWN), datestamp(s, sd.doc), null, null, List.of()));
          }
          return hits;
        });
  }

  /**
   * Visits a slice of the indexed records in index order, giving each id and datestamp: what a
   * sitemap lists. Reads doc values only, so a slice of 50,000 costs milliseconds.
   */
  void forEachRecord(int offset, int limit, BiConsumer<String, Instant> visitor) {
    withSearcher(
        s -> {
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
              visitor.accept(
                  ids.lookupOrd(ids.ordValue()).utf8ToString(),
                  Instant.ofEpochSecond(stamps.longValue()));
              left--;
            }
          }
          return null;
        });
  }

  interface SearcherWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  <T> T withSearcher(SearcherWork<T> work) {
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

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> both = new java.util.HashSet<>(a);
    both.addAll(b);
    return Set.copyOf(both);
  }

  private static SortField byDate(boolean descending) {
    // Undated records have no value; they sort last either way.
    SortField f = new SortField(IndexFields.DATE_SORT, SortField.Type.LONG, descending);
    f.setMissingValue(descending ? Long.MIN_VALUE : Long.MAX_VALUE);
    return f;
  }
}
