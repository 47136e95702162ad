package org.dossier.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.container.ResourceContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import org.dossier.config.Settings;
import org.dossier.rdf.web.DescriptionResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.search.Hit;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchResult;
import org.dossier.urls.Urls;

/**
 * {@code GET /collections/{id}}: the collection's title and description, then its documents in
 * date order, each with its date as the archive writes it ("March 05, 1949", "April, 1950"), title
 * and summary; {@value #PAGE_SIZE} to a page.
 */
// The ".ttl", ".jsonld", ".rdf" and ".nt" documents are the linked-data resource's (org.dossier.rdf.web).
@Path("/collections/{id: (?![^/]*\\.(?:ttl|jsonld|rdf|nt)$)[^/]+}")
@Singleton
public final class CollectionPage {
  static final int PAGE_SIZE = 25;

  private final Catalog catalog;
  private final SearchIndex searchIndex;
  private final PageResponses pages;

  @Inject
  public CollectionPage(Catalog catalog, SearchIndex searchIndex, Settings settings, Urls urls) {
    this.catalog = catalog;
    this.searchIndex = searchIndex;
    this.pages = new PageResponses(settings, urls);
  }

  /**
   * The same URL for linked-data clients: an RDF serialization chosen by {@code Accept}. HTML
   * stays the default ({@code qs} below 1), so browsers and {@code *}/{@code *} get the page.
   */
  @GET
  @Produces({"text/turtle;qs=0.9", "application/ld+json;qs=0.9", "application/rdf+xml;qs=0.9", "application/n-triples;qs=0.9"})
  public Response rdf(@PathParam("id") String id, @Context Request request, @Context ResourceContext resources) {
    return resources.getResource(DescriptionResource.class).negotiated("collections", id, request);
  }

  @GET
  @Produces("text/html")
  public Response collection(@PathParam("id") String id, @QueryParam("page") String pageParam) {
    return pages.respond(() -> {
      Optional<Integer> pageNumber = PageNumber.parse(pageParam);
      if (pageNumber.isEmpty()) {
        return pages.error(400, "Bad request", "The page number must be a whole number of 1 or more.");
      }
      Catalog catalog = this.catalog;
      Optional<ArchiveCollection> found = catalog.collection(id);
      if (found.isEmpty()) {
        return pages.notFound("There is no collection with the id “" + id + "”.");
      }
      ArchiveCollection c = found.get();
      // The index lists members in the catalog's date order; counting and paging a collection of
      // 100,000 in the catalog would take a second a page.
      SearchIndex index = searchIndex;
      index.catchUpIfSmall(catalog, SearchPage.SMALL_BACKLOG);
      int current = pageNumber.get();
      int offset = (current - 1) * PAGE_SIZE;
      SearchResult listed = index.inCollection(id, offset, PAGE_SIZE);
      long size = listed.total();
      int last = (int) Math.max(1, (size + PAGE_SIZE - 1) / PAGE_SIZE);
      if (current > last) {
        return pages.notFound("The collection “" + c.title() + "” has " + last + " page(s) of documents.");
      }
      Site site = pages.site();
      List<Hit> members = listed.hits();
      List<Views.Document> documents = members.stream()
          .map(h -> new Views.Document(Links.record(site, h.id()), DisplayDate.padded(h.date()), h.title(), h.summary()))
          .toList();
      String path = "/collections/" + Links.segment(id);
      String self = current == 1 ? path : path + "?page=" + current;
      Page page = pages.page(c.title(), self, c.description(), JsonLd.collection(site, c, size, members));
      Views.Pager pager = Pagers.of(current, last, n -> site.url(n == 1 ? path : path + "?page=" + n));
      // The URL also serves RDF by Accept (see rdf() above), so caches must key on Accept.
      return Response.fromResponse(pages.ok("collection.jte", new CollectionView(page, c.title(), c.description(), size,
          members.isEmpty() ? 0 : offset + 1, offset + members.size(), documents, pager))).header("Vary", "Accept").build();
    });
  }
}
