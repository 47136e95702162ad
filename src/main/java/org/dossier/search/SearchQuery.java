package org.dossier.search;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What to search for: words in the query syntax (blank for everything), facet filters (all must
 * hold), an inclusive year range (either end open), the order, which slice of the results, and
 * optionally one record to search within.
 *
 * @param yearFrom first year, or null
 * @param yearTo last year, or null
 * @param record the id of the one record to search ("search in this document"), whose hit then
 *     lists every place in its texts where the words are; null for all records
 */
public record SearchQuery(
    String text,
    Map<Facet, List<String>> filters,
    Integer yearFrom,
    Integer yearTo,
    Order order,
    int offset,
    int limit,
    String record) {

  /** The order of results. */
  public enum Order {
    RELEVANCE,
    DATE,
    DATE_DESCENDING
  }

  public SearchQuery {
    text = text == null ? "" : text.strip();
    EnumMap<Facet, List<String>> copy = new EnumMap<>(Facet.class);
    filters.forEach(
        (facet, values) -> {
          if (!values.isEmpty()) {
            copy.put(facet, List.copyOf(values));
          }
        });
    filters = java.util.Collections.unmodifiableMap(copy);
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
    }
    record = record == null || record.isBlank() ? null : record;
  }

  /** A search of all records. */
  public SearchQuery(
      String text,
      Map<Facet, List<String>> filters,
      Integer yearFrom,
      Integer yearTo,
      Order order,
      int offset,
      int limit) {
    this(text, filters, yearFrom, yearTo, order, offset, limit, null);
  }

  /** The first {@code limit} results for some words, by relevance, unfiltered. */
  public static SearchQuery words(String text, int limit) {
    return new SearchQuery(text, Map.of(), null, null, Order.RELEVANCE, 0, limit);
  }
}
