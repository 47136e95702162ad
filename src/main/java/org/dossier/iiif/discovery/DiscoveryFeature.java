package org.dossier.iiif.discovery;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;

/**
 * IIIF Change Discovery 1.0 as one Jersey feature: the activity streams below {@code
 * /iiif/discovery/activity} and the JSON form of their errors. CORS comes from the server's shared
 * filter on {@code /iiif/}.
 */
public final class DiscoveryFeature implements Feature {
  private final ActivityStreamResource resource;

  public DiscoveryFeature(Catalog catalog, Settings settings, Urls urls) {
    Objects.requireNonNull(catalog, "catalog");
    String license = settings.get(Settings.RDF_LICENSE);
    this.resource =
        new ActivityStreamResource(
            catalog,
            new StreamDocuments(urls, rightsUri(license)),
            settings.get(Settings.IIIF_DISCOVERY_PAGE_SIZE),
            settings.get(Settings.IIIF_DISCOVERY_CACHE_MAX_AGE));
  }

  /**
   * The licence as the {@code rights} of a stream may state it (§3.1: a Creative Commons or
   * RightsStatements.org URI, in its http form), or null.
   */
  static String rightsUri(String license) {
    if (license == null) {
      return null;
    }
    String uri = license.replaceFirst("^https://", "http://");
    return uri.startsWith("http://creativecommons.org/")
            || uri.startsWith("http://rightsstatements.org/")
        ? uri
        : null;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(resource);
    context.register(new DiscoveryExceptionMapper());
    return true;
  }
}
