package org.dossier.iiif.search;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;

/**
 * IIIF Content Search 2.0 and 1.0 with their autocomplete services, below {@code /iiif/search}:
 * registers {@link ContentSearchResource} and its error mapper. CORS comes from the server's shared
 * filter on {@code /iiif/}.
 */
public final class ContentSearchFeature implements Feature {
  private final ContentSearchResource resource;

  public ContentSearchFeature(Catalog catalog, Settings settings, Urls urls) {
    Objects.requireNonNull(catalog, "catalog");
    SearchAnswers answers =
        new SearchAnswers(
            urls,
            settings.get(Settings.IIIF_SEARCH_PAGE_SIZE),
            settings.get(Settings.IIIF_SEARCH_AUTOCOMPLETE_TERMS));
    IndexCache cache = new IndexCache(settings.get(Settings.IIIF_SEARCH_CACHE_MB) * 1024L * 1024L);
    this.resource =
        new ContentSearchResource(
            catalog,
            answers,
            cache,
            settings.get(Settings.IIIF_SEARCH_MAX_QUERY_LENGTH),
            settings.get(Settings.IIIF_PRESENTATION_CACHE_MAX_AGE),
            urls.base());
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(resource);
    context.register(new SearchExceptionMapper());
    return true;
  }
}
