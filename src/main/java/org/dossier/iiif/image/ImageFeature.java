package org.dossier.iiif.image;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.nio.file.Path;
import org.dossier.access.AccessControl;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.urls.Urls;

/**
 * The Image API as one Jersey feature: the image service over the catalog's page scans in the image
 * store, in versions 3.0 and 2.1 over the same pyramids, and the wire form of its errors.
 */
public final class ImageFeature implements Feature {
  private final ImageResource resource;

  /**
   * @param imageStore the folder the catalog's page scan paths are relative to
   * @param pending scans that are missing only for now (answered 503 rather than 404)
   * @param metrics counts images read from pyramids and computed, and pyramid builds
   * @param access who may have which scans at which size
   */
  public ImageFeature(
      Catalog catalog,
      Settings settings,
      Path imageStore,
      Urls urls,
      PendingScans pending,
      Metrics metrics,
      AccessControl access) {
    this.resource =
        new ImageResource(
            urls,
            new ImageService(settings, catalog, imageStore, pending, metrics),
            settings,
            access);
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(resource);
    context.register(new ImageResource2(resource));
    context.register(new ImageErrorMapper());
    return true;
  }
}
