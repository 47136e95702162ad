package org.dossier.search;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/** Makes the {@link FacetedSearcher}s a searcher manager hands out. */
final class FacetedSearcherFactory extends SearcherFactory {
  private final ExecutorService executor;
  private final FacetsConfig config;

  FacetedSearcherFactory(ExecutorService executor, FacetsConfig config) {
    this.executor = executor;
    this.config = config;
  }

  @Override
  public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader)
      throws IOException {
    return new FacetedSearcher(reader, executor, config);
  }
}
