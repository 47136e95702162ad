package org.dossier.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.FixedBitSet;

/**
 * Every match of a search, as one bit set per segment: noted while the search scores them, so that
 * the facets can be counted over all of them, or over those in the index's fixed sample, without
 * searching again. Setting a bit is the least a collector can do per match.
 */
final class Matches {
  private final List<LeafReaderContext> leaves;
  private final List<FixedBitSet> bits;

  private Matches(List<LeafReaderContext> leaves, List<FixedBitSet> bits) {
    this.leaves = leaves;
    this.bits = bits;
  }

  /** Collects the matches of a search, on as many threads as the searcher uses. */
  static CollectorManager<Marker, Matches> collector() {
    return new CollectorManager<>() {
      @Override
      public Marker newCollector() {
        return new Marker();
      }

      @Override
      public Matches reduce(Collection<Marker> markers) {
        List<LeafReaderContext> leaves = new ArrayList<>();
        List<FixedBitSet> bits = new ArrayList<>();
        for (Marker m : markers) {
          leaves.addAll(m.leaves);
          bits.addAll(m.bits);
        }
        return new Matches(leaves, bits);
      }
    };
  }

  /** The matches as one bit set per segment, by the segment's position among {@code leaves}. */
  FixedBitSet[] byLeaf(List<LeafReaderContext> leaves) {
    FixedBitSet[] sets = new FixedBitSet[leaves.size()];
    for (int i = 0; i < this.leaves.size(); i++) {
      sets[this.leaves.get(i).ord] = bits.get(i);
    }
    for (LeafReaderContext leaf : leaves) {
      if (sets[leaf.ord] == null) {
        sets[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
      }
    }
    return sets;
  }

  /** Every match, for counting facets over all of them. */
  FacetsCollector all() {
    List<FacetsCollector.MatchingDocs> docs = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      add(docs, leaves.get(i), bits.get(i));
    }
    return new Listed(docs);
  }

  /**
   * The matches in the sample, for counting facets over them.
   *
   * @param sample each segment's records in the sample, by the segment's position among the
   *     reader's leaves
   */
  FacetsCollector sampled(FixedBitSet[] sample) {
    List<FacetsCollector.MatchingDocs> docs = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafReaderContext leaf = leaves.get(i);
      FixedBitSet kept = bits.get(i).clone();
      kept.and(sample[leaf.ord]);
      add(docs, leaf, kept);
    }
    return new Listed(docs);
  }

  /**
   * Adds a segment's matches, even none: Lucene's facet counting takes a single entry to mean a
   * single-segment index and then reads the segment's ordinals as the index's.
   */
  private static void add(
      List<FacetsCollector.MatchingDocs> docs, LeafReaderContext leaf, FixedBitSet set) {
    int n = set.cardinality();
    docs.add(new FacetsCollector.MatchingDocs(leaf, new BitDocIdSet(set, n), n, null));
  }

  /** Sets a bit per match, in a bit set per segment. */
  static final class Marker extends SimpleCollector {
    private final List<LeafReaderContext> leaves = new ArrayList<>();
    private final List<FixedBitSet> bits = new ArrayList<>();
    private FixedBitSet current;

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      current = new FixedBitSet(context.reader().maxDoc());
      leaves.add(context);
      bits.add(current);
    }

    @Override
    public void collect(int doc) {
      current.set(doc);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** Matches handed to Lucene's facet counting, which reads them through a facets collector. */
  private static final class Listed extends FacetsCollector {
    private final List<MatchingDocs> docs;

    Listed(List<MatchingDocs> docs) {
      this.docs = docs;
    }

    @Override
    public List<MatchingDocs> getMatchingDocs() {
      return docs;
    }
  }
}
