package org.dossier.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.search.Facet;
import org.dossier.search.Hit;
import org.dossier.search.SearchIndex;

/**
 * {@code GET /}: the archive's name, a search box, its collections and what was added last. The
 * counts come from the search index, which answers them in microseconds at any size.
 */
@Path("/")
public final class HomePage {
  static final int RECENT = 10;

  private final SitePages pages;

  HomePage(SitePages pages) {
    this.pages = pages;
  }

  @GET
  @Produces("text/html")
  public Response home() {
    return pages.respond(
        () -> {
          pages.catchUpIndex();
          SearchIndex index = pages.index();
          Site site = pages.site();
          List<Views.CollectionEntry> collections = new ArrayList<>();
          for (ArchiveCollection c : pages.catalog().collections()) {
            collections.add(
                new Views.CollectionEntry(
                    site.urls().collectionPage(c.id()),
                    c.title(),
                    c.description(),
                    index.count(Facet.COLLECTION, c.id())));
          }
          List<Views.Document> recent = new ArrayList<>();
          for (Hit hit : index.recent(RECENT)) {
            recent.add(SearchPage.document(site.urls(), hit, false));
          }
          Page page =
              pages.page(
                  null,
                  site.urls().home(),
                  "Search and read the documents of " + site.archiveName() + ".",
                  JsonLd.website(site));
          return pages.ok("home.jte", new HomeView(page, collections, recent, index.size()));
        });
  }
}
