package org.dossier.web;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.function.Supplier;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.search.SearchIndex;
import org.dossier.urls.Urls;

/**
 * The public pages as one Jersey feature: home, collections, search, documents, sitemaps, the
 * static files and the 404 page for browsers, every page made with one {@link SitePages}.
 */
public final class SiteFeature implements Feature {
  private final Catalog catalog;
  private final Supplier<SearchIndex> index;
  private final Settings settings;
  private final Urls urls;

  /**
   * @param catalog the open catalog
   * @param index the search index, following the catalog; a server that opens it after turning
   *     ready hands a supplier that waits for it briefly, then throws {@code StoreOpeningException}
   *     (the 503 page)
   */
  public SiteFeature(Catalog catalog, Supplier<SearchIndex> index, Settings settings, Urls urls) {
    this.catalog = catalog;
    this.index = index;
    this.settings = settings;
    this.urls = urls;
  }

  @Override
  public boolean configure(FeatureContext context) {
    Site site =
        new Site(
            settings.get(Settings.ARCHIVE_NAME),
            settings.get(Settings.OAI_REPOSITORY_IDENTIFIER),
            urls);
    SitePages pages = new SitePages(site, catalog, index);
    context.register(new HomePage(pages));
    context.register(new CollectionPage(pages));
    context.register(new SearchPage(pages));
    context.register(new RecordPage(pages));
    context.register(new RecordTextResource(pages));
    context.register(new Sitemaps(pages, settings.get(Settings.SITE_SITEMAP_URLS)));
    context.register(new StaticFiles(settings.get(Settings.SITE_STATIC_CACHE_ENTRIES)));
    context.register(new NotFoundPages(pages));
    return true;
  }
}
