package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.FixedBitSet;

/**
 * A searcher that carries the facet ordinals of its reader, built once per refresh rather than per
 * query (it maps each segment's ordinals to global ones: costly at a million records).
 */
final class FacetedSearcher extends IndexSearcher {
  /** Facet values whose number of carrying records is remembered, at most. */
  private static final int CARRYING_LIMIT = 100_000;

  final SortedSetDocValuesReaderState facetState;

  /**
   * The text fields ({@link IndexFields#TEXT_FIELDS}) some segment of the reader holds: only these
   * are searched, so an index without texts answers as it did before there were any.
   */
  final List<String> textFields;

  private final Map<String, Integer> carrying = new ConcurrentHashMap<>();
  private final Map<Integer, FixedBitSet[]> samples = new ConcurrentHashMap<>();

  FacetedSearcher(IndexReader reader, ExecutorService executor, FacetsConfig config)
      throws IOException {
    super(reader, executor);
    this.facetState =
        hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, config) : null;
    this.textFields = IndexFields.TEXT_FIELDS.stream().filter(f -> has(reader, f)).toList();
  }

  /**
   * A segment per slice: the executor's threads then share a search's work out evenly, where
   * Lucene's default slices (up to 250,000 documents, or five small segments, each) leave one
   * thread with a large slice to finish alone.
   */
  @Override
  protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
    return slices(leaves, 1, 1);
  }

  /**
   * How many records carry a facet value: its drill-down term's document frequency, remembered for
   * the life of this searcher (asking every segment's terms dictionary for each value shown would
   * cost more than counting the sample).
   */
  int carrying(String dim, String value) throws IOException {
    String key = dim + '\u001f' + value;
    Integer known = carrying.get(key);
    if (known == null) {
      known =
          getIndexReader()
              .docFreq(DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, dim, value));
      if (carrying.size() < CARRYING_LIMIT) {
        carrying.put(key, known);
      }
    }
    return known;
  }

  /**
   * Each segment's records in the first {@code buckets} sample buckets (see {@link
   * IndexFields#SAMPLE}), remembered for the life of this searcher: a few bits per record for each
   * of the few bucket counts that totals lead to.
   */
  FixedBitSet[] sample(int buckets) {
    return samples.computeIfAbsent(buckets, this::readSample);
  }

  private FixedBitSet[] readSample(int buckets) {
    try {
      return search(IndexFields.sample(buckets), Matches.collector())
          .byLeaf(getIndexReader().leaves());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasFacets(IndexReader reader) {
    return has(reader, FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
  }

  private static boolean has(IndexReader reader, String field) {
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader().getFieldInfos().fieldInfo(field) != null) {
        return true;
      }
    }
    return false;
  }
}
