package org.dossier.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
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
import org.dossier.catalog.Catalog;
import org.dossier.http.ServerContext;
import org.dossier.search.Facet;
import org.dossier.search.FacetCount;
import org.dossier.search.Hit;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchQuery;
import org.dossier.search.SearchResult;
import org.dossier.search.TextSnippet;

/**
 * {@code GET /search?q=…}: "Results: 1 - 10 of N", each hit with its date, linked title and
 * summary, the matching words marked; filters by collection, type, person, place and years with
 * their counts; relevance or date order; page links that keep all of it. An empty query lists
 * every document.
 */
@Path("/search")
@Singleton
public final class SearchPage {
  /** Up to this many pending catalog changes are indexed before answering; more are left to the follower. */
  static final long SMALL_BACKLOG = 500;
  /** More distinct years than this are shown as decades. */
  private static final int MAX_YEARS_SHOWN = 15;

  private final ServerContext context;
  private final PageResponses pages;

  @Inject
  public SearchPage(ServerContext context) {
    this.context = context;
    this.pages = new PageResponses(context);
  }

  @GET
  @Produces("text/html")
  public Response search(@Context UriInfo uri) {
    return pages.respond(() -> {
      SearchParams params = SearchParams.parse(uri.getQueryParameters());
      Catalog catalog = context.catalog();
      SearchIndex index = context.searchIndex();
      List<String> notes = new ArrayList<>(params.notes);
      if (!index.catchUpIfSmall(catalog, SMALL_BACKLOG)) {
        notes.add("The search index is being updated; the newest changes may not be found yet.");
      }
      SearchResult result = index.search(params.query());
      if (result.plainWords()) {
        notes.add("The search could not be read as query syntax, so its words were searched as they are.");
      }
      Site site = pages.site();
      Map<String, String> collectionTitles = new TreeMap<>();
      for (ArchiveCollection c : catalog.collections()) {
        collectionTitles.put(c.id(), c.title());
      }
      List<Views.Document> hits = result.hits().stream().map(h -> found(site, params, h)).toList();
      long first = hits.isEmpty() ? 0 : (long) (params.page - 1) * SearchParams.PAGE_SIZE + 1;
      long last = hits.isEmpty() ? 0 : first + hits.size() - 1;
      int lastPage = (int) Math.min(Math.max(1, (result.total() + SearchParams.PAGE_SIZE - 1) / SearchParams.PAGE_SIZE),
          SearchIndex.MAX_WINDOW / SearchParams.PAGE_SIZE);
      Views.Pager pager = Pagers.of(Math.min(params.page, lastPage), lastPage, n -> params.withPage(n).url(site));

      String title = params.q.isEmpty() ? "All documents" : "Search: " + params.q;
      String self = params.url(site).substring(site.baseUrl().length());
      List<String[]> listed = result.hits().stream().map(h -> new String[] {h.id(), h.title().text()}).toList();
      Page page = pages.page(title, self, null, JsonLd.searchResults(site, params.url(site), result.total(), listed))
          .withQuery(params.q);
      return pages.ok("search.jte", new SearchView(page, params.q, result.total(), first, last, hits,
          facets(site, params, result, collectionTitles), active(site, params, collectionTitles),
          params.withoutFilters().url(site), pager, sorts(site, params), params.from, params.to,
          params.parameters(true, false, true, false), notes, result.facetsEstimated()));
    });
  }

  /** A hit as the results list shows it, with the places in its texts and a link to search within it. */
  private static Views.Document found(Site site, SearchParams params, Hit hit) {
    Views.Document d = document(site, hit, true);
    List<Views.TextPlace> places = hit.texts().stream().map(t -> new Views.TextPlace(placeLabel(t), t.snippet())).toList();
    String within = places.isEmpty() || params.record != null ? null : params.within(hit.id()).url(site);
    return new Views.Document(d.url(), d.date(), d.title(), d.summary(), places, within);
  }

  /** "Transcript (Russian)", "Page 2, OCR (English)". */
  static String placeLabel(TextSnippet t) {
    String kind = switch (t.kind()) {
      case "transcript" -> "Transcript";
      case "translation" -> "Translation";
      case "ocr-plain" -> "OCR text";
      case "ocr" -> "OCR";
      default -> t.kind();
    };
    String label = t.page() != null ? "Page " + t.page() + ", " + kind : kind;
    return t.language() == null ? label : label + " (" + Languages.name(t.language()) + ")";
  }

  static Views.Document document(Site site, Hit hit, boolean searchForm) {
    return new Views.Document(Links.record(site, hit.id()),
        searchForm ? DisplayDate.plain(hit.date()) : DisplayDate.padded(hit.date()), hit.title(), hit.summary());
  }

  private static List<Views.Facet> facets(Site site, SearchParams params, SearchResult result,
      Map<String, String> collectionTitles) {
    List<Views.Facet> facets = new ArrayList<>();
    facets.add(facet(site, params, result, Facet.COLLECTION, "Collection", collectionTitles));
    facets.add(facet(site, params, result, Facet.TYPE, "Document type", Map.of()));
    facets.add(facet(site, params, result, Facet.PERSON, "Person", Map.of()));
    facets.add(facet(site, params, result, Facet.PLACE, "Place", Map.of()));
    facets.add(years(site, params, result.facet(Facet.YEAR)));
    facets.add(facet(site, params, result, Facet.TEXT_LANGUAGE, "Language of the text", Languages.names(result.facet(Facet.TEXT_LANGUAGE))));
    return facets.stream().filter(f -> !f.values().isEmpty()).toList();
  }

  private static Views.Facet facet(Site site, SearchParams params, SearchResult result, Facet facet, String heading,
      Map<String, String> labels) {
    List<Views.FacetValue> values = new ArrayList<>();
    for (FacetCount c : result.facet(facet)) {
      values.add(new Views.FacetValue(labels.getOrDefault(c.value(), c.value()), c.count(),
          params.toggled(facet, c.value()).url(site), params.has(facet, c.value())));
    }
    return new Views.Facet(heading, facet.dim(), values);
  }

  private static Views.Facet years(Site site, SearchParams params, List<FacetCount> years) {
    List<Views.FacetValue> values = new ArrayList<>();
    if (years.size() <= MAX_YEARS_SHOWN) {
      for (FacetCount c : years) {
        int y = Integer.parseInt(c.value());
        boolean selected = Integer.valueOf(y).equals(params.from) && Integer.valueOf(y).equals(params.to);
        values.add(new Views.FacetValue(c.value(), c.count(),
            (selected ? params.withYears(null, null) : params.withYears(y, y)).url(site), selected));
      }
    } else {
      Map<Integer, Long> decades = new TreeMap<>();
      for (FacetCount c : years) {
        decades.merge(Math.floorDiv(Integer.parseInt(c.value()), 10) * 10, c.count(), Long::sum);
      }
      decades.forEach((decade, count) -> {
        boolean selected = decade.equals(params.from) && Integer.valueOf(decade + 9).equals(params.to);
        values.add(new Views.FacetValue(decade + "s", count,
            (selected ? params.withYears(null, null) : params.withYears(decade, decade + 9)).url(site), selected));
      });
    }
    return new Views.Facet("Year", "year", values);
  }

  private static List<Views.ActiveFilter> active(Site site, SearchParams params, Map<String, String> collectionTitles) {
    List<Views.ActiveFilter> active = new ArrayList<>();
    params.filters.forEach((facet, values) -> {
      for (String v : values) {
        String label = switch (facet) {
          case COLLECTION -> "Collection: " + collectionTitles.getOrDefault(v, v);
          case TYPE -> "Type: " + v;
          case PERSON -> "Person: " + v;
          case PLACE -> "Place: " + v;
          case YEAR -> "Year: " + v;
          case TEXT_LANGUAGE -> "Language of the text: " + Languages.name(v);
        };
        active.add(new Views.ActiveFilter(label, params.toggled(facet, v).url(site)));
      }
    });
    if (params.record != null) {
      active.add(new Views.ActiveFilter("Within document " + params.record, params.within(null).url(site)));
    }
    if (params.from != null || params.to != null) {
      String label = params.from != null && params.from.equals(params.to) ? "Year: " + params.from
          : "Years: " + (params.from == null ? "…" : params.from) + "–" + (params.to == null ? "…" : params.to);
      active.add(new Views.ActiveFilter(label, params.withYears(null, null).url(site)));
    }
    return active;
  }

  private static List<Views.Choice> sorts(Site site, SearchParams params) {
    return List.of(
        sort(site, params, "Relevance", SearchQuery.Order.RELEVANCE),
        sort(site, params, "Date, oldest first", SearchQuery.Order.DATE),
        sort(site, params, "Date, newest first", SearchQuery.Order.DATE_DESCENDING));
  }

  private static Views.Choice sort(Site site, SearchParams params, String label, SearchQuery.Order order) {
    return new Views.Choice(label, params.withOrder(order).url(site), params.order == order);
  }
}
