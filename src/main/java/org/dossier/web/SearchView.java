package org.dossier.web;

import java.util.List;

/**
 * A search results page.
 *
 * @param first 1-based number of the first hit shown (0 when there is none)
 * @param last number of the last hit shown
 * @param notes things the reader should know: a value that was ignored, plain-words fallback, an
 *     index still catching up
 * @param hiddenForYears the parameters the year form carries along
 * @param countsEstimated whether facet counts were estimated from a sample of very many results
 */
public record SearchView(
    Page page,
    String query,
    long total,
    long first,
    long last,
    List<Views.Document> hits,
    List<Views.Facet> facets,
    List<Views.ActiveFilter> active,
    String clearUrl,
    Views.Pager pager,
    List<Views.Choice> sorts,
    Integer yearFrom,
    Integer yearTo,
    List<Views.Hidden> hiddenForYears,
    List<String> notes,
    boolean countsEstimated) {}
