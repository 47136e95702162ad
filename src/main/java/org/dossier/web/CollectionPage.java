package org.dossier.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.search.Hit;
import org.dossier.search.SearchResult;
import org.dossier.urls.Routes;
import org.dossier.urls.Urls;

/**
 * {@code GET /collections/{id}}: the collection's title and description, then its documents in date
 * order, each with its date as the archive writes it ("March 05, 1949", "April, 1950"), title and
 * summary; {@value #PAGE_SIZE} to a page. Linked-data clients get RDF from the same URL, by {@code
 * Accept} (see {@link Routes}).
 */
@Path(Routes.COLLECTION)
public final class CollectionPage {
  static final int PAGE_SIZE = 25;

  private final SitePages pages;

  CollectionPage(SitePages pages) {
    this.pages = pages;
  }

  @GET
  @Produces("text/html")
  public Response collection(@PathParam("id") String id, @QueryParam("page") String pageParam) {
    return pages.respond(
        () -> {
          Optional<Integer> pageNumber = PageNumber.parse(pageParam);
          if (pageNumber.isEmpty()) {
            return pages.error(
                400, "Bad request", "The page number must be a whole number of 1 or more.");
          }
          Optional<ArchiveCollection> found = pages.catalog().collection(id);
          if (found.isEmpty()) {
            return pages.notFound("There is no collection with the id “" + id + "”.");
          }
          ArchiveCollection c = found.get();
          // The index lists members in the catalog's date order; counting and paging a collection
          // of
          // 100,000 in the catalog would take a second a page.
          pages.catchUpIndex();
          int current = pageNumber.get();
          int offset = (current - 1) * PAGE_SIZE;
          SearchResult listed = pages.index().inCollection(id, offset, PAGE_SIZE);
          long size = listed.total();
          int last = (int) Math.max(1, (size + PAGE_SIZE - 1) / PAGE_SIZE);
          if (current > last) {
            return pages.notFound(
                "The collection “" + c.title() + "” has " + last + " page(s) of documents.");
          }
          Site site = pages.site();
          Urls urls = site.urls();
          List<Hit> members = listed.hits();
          List<Views.Document> documents =
              members.stream()
                  .map(
                      h ->
                          new Views.Document(
                              urls.recordPage(h.id()),
                              DisplayDate.padded(h.date()),
                              h.title(),
                              h.summary()))
                  .toList();
          Page page =
              pages.page(
                  c.title(),
                  urls.collectionPage(id, current),
                  c.description(),
                  JsonLd.collection(site, c, size, members));
          Views.Pager pager = Pagers.of(current, last, n -> urls.collectionPage(id, n));
          // The URL also serves RDF by Accept (org.dossier.rdf.web), so caches must key on Accept.
          return Response.fromResponse(
                  pages.ok(
                      "collection.jte",
                      new CollectionView(
                          page,
                          c.title(),
                          c.description(),
                          size,
                          members.isEmpty() ? 0 : offset + 1,
                          offset + members.size(),
                          documents,
                          pager)))
              .header("Vary", "Accept")
              .build();
        });
  }
}
