package org.dossier.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.search.Facet;
import org.dossier.search.FacetCount;
import org.dossier.search.Hit;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchQuery;
import org.dossier.search.SearchResult;
import org.dossier.search.TextSnippet;
import org.dossier.urls.Urls;

/**
 * {@code GET /search?q=…}: "Results: 1 - 10 of N", each hit with its date, linked title and
 * summary, the matching words marked; filters by collection, type, person, place and years with
 * their counts; relevance or date order; page links that keep all of it. An empty query lists every
 * document.
 */
@Path("/search")
public final class SearchPage {
  /** More distinct years than this are shown as decades. */
  private static final int MAX_YEARS_SHOWN = 15;

  private final SitePages pages;

  SearchPage(SitePages pages) {
    this.pages = pages;
  }

  @GET
  @Produces("text/html")
  public Response search(@Context UriInfo uri) {
    return pages.respond(
        () -> {
          SearchParams params = SearchParams.parse(uri.getQueryParameters());
          if (params.page > SearchParams.MAX_PAGE) {
            return pages.error(
                400,
                "Page too deep",
                "Only the first "
                    + SearchIndex.MAX_WINDOW
                    + " results of a search can be paged through (pages 1 to "
                    + SearchParams.MAX_PAGE
                    + "); narrow the search with words or filters to reach the others.");
          }
          List<String> notes = new ArrayList<>(params.notes);
          if (!pages.catchUpIndex()) {
            notes.add(
                "The search index is being updated; the newest changes may not be found yet.");
          }
          SearchResult result = pages.index().search(params.query());
          if (result.plainWords()) {
            notes.add(
                "The search could not be read as query syntax, so its words were searched as they are.");
          }
          Site site = pages.site();
          Urls urls = site.urls();
          Map<String, String> collectionTitles = new TreeMap<>();
          for (ArchiveCollection c : pages.catalog().collections()) {
            collectionTitles.put(c.id(), c.title());
          }
          List<Views.Document> hits =
              result.hits().stream().map(h -> found(urls, params, h)).toList();
          long first = hits.isEmpty() ? 0 : (long) (params.page - 1) * SearchParams.PAGE_SIZE + 1;
          long last = hits.isEmpty() ? 0 : first + hits.size() - 1;
          int lastPage =
              (int)
                  Math.min(
                      Math.max(
                          1,
                          (result.total() + SearchParams.PAGE_SIZE - 1) / SearchParams.PAGE_SIZE),
                      SearchParams.MAX_PAGE);
          Views.Pager pager =
              Pagers.of(
                  Math.min(params.page, lastPage), lastPage, n -> params.withPage(n).url(urls));

          String title = params.q.isEmpty() ? "All documents" : "Search: " + params.q;
          String self = params.url(urls);
          List<String[]> listed =
              result.hits().stream().map(h -> new String[] {h.id(), h.title().text()}).toList();
          Page page =
              pages
                  .page(title, self, null, JsonLd.searchResults(site, self, result.total(), listed))
                  .withQuery(params.q);
          return pages.ok(
              "search.jte",
              new SearchView(
                  page,
                  params.q,
                  result.total(),
                  first,
                  last,
                  hits,
                  facets(urls, params, result, collectionTitles),
                  active(urls, params, collectionTitles),
                  params.withoutFilters().url(urls),
                  pager,
                  sorts(urls, params),
                  params.from,
                  params.to,
                  params.parameters(true, false, true, false),
                  notes,
                  result.facetsEstimated()));
        });
  }

  /**
   * A hit as the results list shows it, with the places in its texts and a link to search within
   * it.
   */
  private static Views.Document found(Urls urls, SearchParams params, Hit hit) {
    Views.Document d = document(urls, hit, true);
    // The document page marks the words the search matched in its texts.
    String url = urls.recordPage(hit.id(), params.q);
    List<Views.TextPlace> places =
        hit.texts().stream().map(t -> new Views.TextPlace(placeLabel(t), t.snippet())).toList();
    String within =
        places.isEmpty() || params.record != null ? null : params.within(hit.id()).url(urls);
    return new Views.Document(url, d.date(), d.title(), d.summary(), places, within);
  }

  /** "Transcript (Russian)", "Page 2, OCR (English)". */
  static String placeLabel(TextSnippet t) {
    String kind =
        switch (t.kind()) {
          case "transcript" -> "Transcript";
          case "translation" -> "Translation";
          case "ocr-plain" -> "OCR text";
          case "ocr" -> "OCR";
          default -> t.kind();
        };
    String label = t.page() != null ? "Page " + t.page() + ", " + kind : kind;
    return t.language() == null ? label : label + " (" + Languages.name(t.language()) + ")";
  }

  static Views.Document document(Urls urls, Hit hit, boolean searchForm) {
    return new Views.Document(
        urls.recordPage(hit.id()),
        searchForm ? DisplayDate.plain(hit.date()) : DisplayDate.padded(hit.date()),
        hit.title(),
        hit.summary());
  }

  private static List<Views.Facet> facets(
      Urls urls, SearchParams params, SearchResult result, Map<String, String> collectionTitles) {
    List<Views.Facet> facets = new ArrayList<>();
    facets.add(facet(urls, params, result, Facet.COLLECTION, "Collection", collectionTitles));
    facets.add(facet(urls, params, result, Facet.TYPE, "Document type", Map.of()));
    facets.add(facet(urls, params, result, Facet.PERSON, "Person", Map.of()));
    facets.add(facet(urls, params, result, Facet.PLACE, "Place", Map.of()));
    facets.add(years(urls, params, result.facet(Facet.YEAR)));
    facets.add(
        facet(
            urls,
            params,
            result,
            Facet.TEXT_LANGUAGE,
            "Language of the text",
            Languages.names(result.facet(Facet.TEXT_LANGUAGE))));
    return facets.stream().filter(f -> !f.values().isEmpty()).toList();
  }

  private static Views.Facet facet(
      Urls urls,
      SearchParams params,
      SearchResult result,
      Facet facet,
      String heading,
      Map<String, String> labels) {
    List<Views.FacetValue> values = new ArrayList<>();
    for (FacetCount c : result.facet(facet)) {
      values.add(
          new Views.FacetValue(
              labels.getOrDefault(c.value(), c.value()),
              c.count(),
              params.toggled(facet, c.value()).url(urls),
              params.has(facet, c.value())));
    }
    return new Views.Facet(heading, facet.dim(), values);
  }

  private static Views.Facet years(Urls urls, SearchParams params, List<FacetCount> years) {
    List<Views.FacetValue> values = new ArrayList<>();
    if (years.size() <= MAX_YEARS_SHOWN) {
      for (FacetCount c : years) {
        int y = Integer.parseInt(c.value());
        boolean selected =
            Integer.valueOf(y).equals(params.from) && Integer.valueOf(y).equals(params.to);
        values.add(
            new Views.FacetValue(
                c.value(),
                c.count(),
                (selected ? params.withYears(null, null) : params.withYears(y, y)).url(urls),
                selected));
      }
    } else {
      Map<Integer, Long> decades = new TreeMap<>();
      for (FacetCount c : years) {
        decades.merge(Math.floorDiv(Integer.parseInt(c.value()), 10) * 10, c.count(), Long::sum);
      }
      decades.forEach(
          (decade, count) -> {
            boolean selected =
                decade.equals(params.from) && Integer.valueOf(decade + 9).equals(params.to);
            values.add(
                new Views.FacetValue(
                    decade + "s",
                    count,
                    (selected ? params.withYears(null, null) : params.withYears(decade, decade + 9))
                        .url(urls),
                    selected));
          });
    }
    return new Views.Facet("Year", "year", values);
  }

  private static List<Views.ActiveFilter> active(
      Urls urls, SearchParams params, Map<String, String> collectionTitles) {
    List<Views.ActiveFilter> active = new ArrayList<>();
    params.filters.forEach(
        (facet, values) -> {
          for (String v : values) {
            String label =
                switch (facet) {
                  case COLLECTION -> "Collection: " + collectionTitles.getOrDefault(v, v);
                  case TYPE -> "Type: " + v;
                  case PERSON -> "Person: " + v;
                  case PLACE -> "Place: " + v;
                  case YEAR -> "Year: " + v;
                  case TEXT_LANGUAGE -> "Language of the text: " + Languages.name(v);
                };
            active.add(new Views.ActiveFilter(label, params.toggled(facet, v).url(urls)));
          }
        });
    if (params.record != null) {
      active.add(
          new Views.ActiveFilter(
              "Within document " + params.record, params.within(null).url(urls)));
    }
    if (params.from != null || params.to != null) {
      String label =
          params.from != null && params.from.equals(params.to)
              ? "Year: " + params.from
              : "Years: "
                  + (params.from == null ? "…" : params.from)
                  + "–"
                  + (params.to == null ? "…" : params.to);
      active.add(new Views.ActiveFilter(label, params.withYears(null, null).url(urls)));
    }
    return active;
  }

  private static List<Views.Choice> sorts(Urls urls, SearchParams params) {
    return List.of(
        sort(urls, params, "Relevance", SearchQuery.Order.RELEVANCE),
        sort(urls, params, "Date, oldest first", SearchQuery.Order.DATE),
        sort(urls, params, "Date, newest first", SearchQuery.Order.DATE_DESCENDING));
  }

  private static Views.Choice sort(
      Urls urls, SearchParams params, String label, SearchQuery.Order order) {
    return new Views.Choice(label, params.withOrder(order).url(urls), params.order == order);
  }
}
