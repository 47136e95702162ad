package org.dossier.web;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.search.Facet;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchQuery;
import org.dossier.urls.Urls;

/**
 * The search page's query string, parsed at the edge: {@code q}, the filters {@code collection},
 * {@code type}, {@code person} and {@code place} (repeatable, all must hold), the years {@code
 * from} and {@code to}, {@code sort} ({@code relevance}, {@code date}, {@code date-desc}), {@code
 * page}, and {@code record}: the id of one document to search within, whose hit then lists every
 * place in its texts where the words are. A value that cannot be used is dropped with a note for
 * the reader rather than refused; links to other pages, filters and orders are built from here so
 * they keep everything else.
 */
final class SearchParams {
  static final int PAGE_SIZE = 10;

  /**
   * The deepest page that can be asked for: past it, each page would cost more the deeper it is, so
   * a request for one is refused (400) rather than answered slowly.
   */
  static final int MAX_PAGE = SearchIndex.MAX_WINDOW / PAGE_SIZE;

  private static final int MAX_VALUES = 20;

  /** Longer than any record id: a longer {@code record} value is not one. */
  private static final int MAX_ID_LENGTH = 500;

  final String q;
  final Map<Facet, List<String>> filters;
  final Integer from;
  final Integer to;
  final SearchQuery.Order order;
  final int page;

  /** The one record searched within, or null. */
  final String record;

  final List<String> notes;

  private SearchParams(
      String q,
      Map<Facet, List<String>> filters,
      Integer from,
      Integer to,
      SearchQuery.Order order,
      int page,
      String record,
      List<String> notes) {
    this.q = q;
    this.filters = filters;
    this.from = from;
    this.to = to;
    this.order = order;
    this.page = page;
    this.record = record;
    this.notes = notes;
  }

  static SearchParams parse(MultivaluedMap<String, String> params) {
    List<String> notes = new ArrayList<>();
    String q = params.getFirst("q") == null ? "" : params.getFirst("q").strip();
    Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
    for (Facet facet : Facet.values()) {
      if (facet == Facet.YEAR) {
        continue;
      }
      List<String> values = params.get(facet.dim());
      if (values != null) {
        Set<String> distinct = new LinkedHashSet<>();
        values.stream()
            .map(String::strip)
            .filter(v -> !v.isEmpty())
            .limit(MAX_VALUES)
            .forEach(distinct::add);
        if (!distinct.isEmpty()) {
          filters.put(facet, List.copyOf(distinct));
        }
      }
    }
    Integer from = year(params.getFirst("from"), "from", notes);
    Integer to = year(params.getFirst("to"), "to", notes);
    if (from != null && to != null && from > to) {
      Integer swap = from;
      from = to;
      to = swap;
      notes.add("The years were given in reverse order and have been swapped.");
    }
    SearchQuery.Order order =
        switch (String.valueOf(params.getFirst("sort"))) {
          case "date" -> SearchQuery.Order.DATE;
          case "date-desc" -> SearchQuery.Order.DATE_DESCENDING;
          case "relevance", "null", "" -> SearchQuery.Order.RELEVANCE;
          default -> {
            notes.add(
                "The order “"
                    + params.getFirst("sort")
                    + "” is unknown; results are ordered by relevance.");
            yield SearchQuery.Order.RELEVANCE;
          }
        };
    int page =
        PageNumber.parse(params.getFirst("page"))
            .orElseGet(
                () -> {
                  notes.add(
                      "“"
                          + params.getFirst("page")
                          + "” is not a page number; showing the first page.");
                  return 1;
                });
    String record = params.getFirst("record") == null ? null : params.getFirst("record").strip();
    if (record != null && (record.isEmpty() || record.length() > MAX_ID_LENGTH)) {
      if (!record.isEmpty()) {
        notes.add(
            "The document to search within is not one of the archive's; all documents were searched.");
      }
      record = null;
    }
    return new SearchParams(q, filters, from, to, order, page, record, List.copyOf(notes));
  }

  private static Integer year(String text, String name, List<String> notes) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    if (t.matches("-?[0-9]{1,4}")) {
      return Integer.parseInt(t);
    }
    notes.add("“" + t + "” is not a year; the “" + name + "” year was ignored.");
    return null;
  }

  SearchQuery query() {
    return new SearchQuery(q, filters, from, to, order, (page - 1) * PAGE_SIZE, PAGE_SIZE, record);
  }

  String sortParam() {
    return switch (order) {
      case RELEVANCE -> "relevance";
      case DATE -> "date";
      case DATE_DESCENDING -> "date-desc";
    };
  }

  // ---- links that keep the rest ----

  SearchParams withPage(int n) {
    return new SearchParams(q, filters, from, to, order, n, record, notes);
  }

  SearchParams withOrder(SearchQuery.Order o) {
    return new SearchParams(q, filters, from, to, o, 1, record, notes);
  }

  SearchParams toggled(Facet facet, String value) {
    Map<Facet, List<String>> copy = new EnumMap<>(Facet.class);
    copy.putAll(filters);
    List<String> values = new ArrayList<>(copy.getOrDefault(facet, List.of()));
    if (!values.remove(value)) {
      values.add(value);
    }
    if (values.isEmpty()) {
      copy.remove(facet);
    } else {
      copy.put(facet, List.copyOf(values));
    }
    return new SearchParams(q, copy, from, to, order, 1, record, notes);
  }

  SearchParams withYears(Integer newFrom, Integer newTo) {
    return new SearchParams(q, filters, newFrom, newTo, order, 1, record, notes);
  }

  SearchParams withoutFilters() {
    return new SearchParams(q, Map.of(), null, null, order, 1, null, notes);
  }

  /** These parameters searching within one record, or all records when {@code id} is null. */
  SearchParams within(String id) {
    return new SearchParams(q, filters, from, to, order, 1, id, notes);
  }

  boolean has(Facet facet, String value) {
    return filters.getOrDefault(facet, List.of()).contains(value);
  }

  /** The URL of the search page with these parameters. */
  String url(Urls urls) {
    return urls.search(
        parameters(true, true, true, true).stream()
            .map(p -> Map.entry(p.name(), p.value()))
            .toList());
  }

  /** The parameters as name-value pairs, for links and for the hidden fields of forms. */
  List<Views.Hidden> parameters(
      boolean withQuery, boolean withYears, boolean withSort, boolean withPage) {
    List<Views.Hidden> out = new ArrayList<>();
    if (withQuery && !q.isEmpty()) {
      out.add(new Views.Hidden("q", q));
    }
    filters.forEach(
        (facet, values) -> values.forEach(v -> out.add(new Views.Hidden(facet.dim(), v))));
    if (withYears && from != null) {
      out.add(new Views.Hidden("from", from.toString()));
    }
    if (withYears && to != null) {
      out.add(new Views.Hidden("to", to.toString()));
    }
    if (withSort && order != SearchQuery.Order.RELEVANCE) {
      out.add(new Views.Hidden("sort", sortParam()));
    }
    if (record != null) {
      out.add(new Views.Hidden("record", record));
    }
    if (withPage && page > 1) {
      out.add(new Views.Hidden("page", Integer.toString(page)));
    }
    return out;
  }
}
