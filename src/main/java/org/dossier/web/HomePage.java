package org.dossier.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.search.Facet;
import org.dossier.search.Hit;
import org.dossier.search.SearchIndex;
import org.dossier.urls.Urls;

/**
 * {@code GET /}: the archive's name, a search box, its collections and what was added last. The
 * counts come from the search index, which answers them in microseconds at any size.
 */
@Path("/")
@Singleton
public final class HomePage {
  static final int RECENT = 10;

  private final Catalog catalog;
  private final SearchIndex searchIndex;
  private final PageResponses pages;

  @Inject
  public HomePage(Catalog catalog, SearchIndex searchIndex, Settings settings, Urls urls) {
    this.catalog = catalog;
    this.searchIndex = searchIndex;
    this.pages = new PageResponses(settings, urls);
  }

  @GET
  @Produces("text/html")
  public Response home() {
    return pages.respond(() -> {
      Catalog catalog = this.catalog;
      SearchIndex index = searchIndex;
      index.catchUpIfSmall(catalog, SearchPage.SMALL_BACKLOG);
      Site site = pages.site();
      List<Views.CollectionEntry> collections = new ArrayList<>();
      for (ArchiveCollection c : catalog.collections()) {
        collections.add(new Views.CollectionEntry(Links.collection(site, c.id()), c.title(), c.description(),
            index.count(Facet.COLLECTION, c.id())));
      }
      List<Views.Document> recent = new ArrayList<>();
      for (Hit hit : index.recent(RECENT)) {
        recent.add(SearchPage.document(site, hit, false));
      }
      Page page = pages.page(null, "/", "Search and read the documents of " + site.archiveName() + ".",
          JsonLd.website(site));
      return pages.ok("home.jte", new HomeView(page, collections, recent, index.size()));
    });
  }
}
