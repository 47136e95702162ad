package org.dossier.search;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * A searcher that carries the facet ordinals of its reader, built once per refresh rather than
 * per query (it maps each segment's ordinals to global ones: costly at a million records).
 */
final class FacetedSearcher extends IndexSearcher {
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

/** Makes the {@link FacetedSearcher}s a searcher manager hands out. */
final class FacetedSearcherFactory extends SearcherFactory {
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
