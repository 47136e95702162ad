package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.FixedBitSet;

/**
 * The matches of a search that fall in the index's fixed sample, for counting facets over: the
 * search noted every match already, so the sample is their intersection with the sample's bits
 * rather than a second search.
 */
final class SampledMatches extends FacetsCollector {
  private final List<MatchingDocs> docs;

  private SampledMatches(List<MatchingDocs> docs) {
    this.docs = docs;
  }

  /**
   * @param sample each segment's records in the sample, by the segment's position among the
   *     reader's leaves
   */
  static SampledMatches of(FacetsCollector all, FixedBitSet[] sample) {
    List<MatchingDocs> docs = new ArrayList<>();
    try {
      for (MatchingDocs m : all.getMatchingDocs()) {
        FixedBitSet in = sample[m.context.ord];
        FixedBitSet kept = new FixedBitSet(m.context.reader().maxDoc());
        DocIdSetIterator it = m.bits.iterator();
        if (it != null) {
          kept.or(it);
          kept.and(in);
        }
        int n = kept.cardinality();
        if (n > 0) {
          docs.add(new MatchingDocs(m.context, new BitDocIdSet(kept, n), n, null));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SampledMatches(docs);
  }

  @Override
  public List<MatchingDocs> getMatchingDocs() {
    return docs;
  }
}
