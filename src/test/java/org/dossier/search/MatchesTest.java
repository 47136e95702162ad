package org.dossier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.FixedBitSet;
import org.dossier.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The matches a search marks, as Lucene's facet counting reads them. */
class MatchesTest {
  @Test
  void matchesThatAllLieInOneOfSeveralSegmentsAreCountedUnderTheirOwnValues() throws Exception {
    FacetsConfig config = IndexFields.facetsConfig();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w =
            new IndexWriter(
                dir,
                new IndexWriterConfig(ArchiveAnalyzer.forIndexing())
                    .setIndexSort(IndexFields.INDEX_SORT))) {
      // First segment: types that sort before the second's, so that its ordinals differ from the
      // index's.
      for (String type : List.of("aide-memoire", "bulletin", "cable", "diary", "letter")) {
        w.addDocument(
            IndexFields.document(
                Fixtures.record("a-" + type).title("Harbour " + type).type(type).build(), config));
      }
      w.commit();
      w.addDocument(
          IndexFields.document(
              Fixtures.record("b1").title("Zebra crossing treaty").type("telegram").build(),
              config));
      w.addDocument(
          IndexFields.document(
              Fixtures.record("b2").title("Zebra crossing plan").type("memorandum").build(),
              config));
      w.commit();
      try (DirectoryReader r = DirectoryReader.open(w)) {
        assertEquals(2, r.leaves().size());
        FacetedSearcher s = new FacetedSearcher(r, null, config);
        Matches m =
            s.search(
                new BooleanQuery.Builder()
                    .add(
                        new TermQuery(new Term(IndexFields.TEXT, "zebra")),
                        BooleanClause.Occur.MUST)
                    .add(
                        new TermQuery(new Term(IndexFields.TEXT, "crossing")),
                        BooleanClause.Occur.MUST)
                    .build(),
                Matches.collector());
        Map<String, Integer> expected = Map.of("telegram", 1, "memorandum", 1);
        assertEquals(
            expected,
            types(
                new SortedSetDocValuesFacetCounts(s.facetState, m.all())
                    .getTopChildren(10, Facet.TYPE.dim())));
        FixedBitSet[] everything = new FixedBitSet[r.leaves().size()];
        for (int i = 0; i < everything.length; i++) {
          everything[i] = new FixedBitSet(r.leaves().get(i).reader().maxDoc());
          everything[i].set(0, everything[i].length());
        }
        assertEquals(
            expected,
            types(
                new SortedSetDocValuesFacetCounts(s.facetState, m.sampled(everything))
                    .getTopChildren(10, Facet.TYPE.dim())));
      }
    }
  }

  private static Map<String, Integer> types(FacetResult r) {
    Map<String, Integer> counts = new HashMap<>();
    for (LabelAndValue lv : r.labelValues) {
      counts.put(lv.label, lv.value.intValue());
    }
    return counts;
  }
}
