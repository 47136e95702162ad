package org.dossier.search;

import java.util.List;
import java.util.Map;

/**
 * One page of results.
 *
 * @param total how many records match in all (exact)
 * @param hits the records of the requested slice, in order
 * @param facets for each dimension, its most frequent values among all matches
 * @param plainWords true when the query could not be read as query syntax and was searched as plain
 *     words
 * @param facetsEstimated true when there were so many matches that facet counts were estimated from
 *     a sample
 */
public record SearchResult(
    long total,
    List<Hit> hits,
    Map<Facet, List<FacetCount>> facets,
    boolean plainWords,
    boolean facetsEstimated) {

  public SearchResult {
    hits = List.copyOf(hits);
    facets = Map.copyOf(facets);
  }

  public List<FacetCount> facet(Facet facet) {
    return facets.getOrDefault(facet, List.of());
  }
}
