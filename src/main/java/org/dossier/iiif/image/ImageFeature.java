package org.dossier.iiif.image;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.nio.file.Path;
import org.dossier.access.AccessControl;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.storage.Storage;
import org.dossier.urls.Urls;

/**
 * The Image API as one Jersey feature: the image service over the catalog's page scans in the image
 * store, in versions 3.0 and 2.1 over the same pyramids, and the wire form of its errors.
 */
public final class ImageFeature implements Feature {
  private final ImageResource resource;

  /**
   * @param imageStore the folder the catalog's page scan paths are relative to
   * @param storage where scans and pyramids are kept (the data directory or object storage)
   * @param pending scans that are missing only for now (answered 503 rather than 404)
   * @param metrics counts images read from pyramids and computed, and pyramid builds
   * @param access who may have which scans at which size
   */
  public ImageFeature(
      Catalog catalog,
      Settings settings,
      Path imageStore,
      Storage storage,
      Urls urls,
      PendingScans pending,
      Metrics metrics,
      AccessControl access) {
    try {
      this.resource =
          new ImageResource(
              urls,
              new ImageService(settings, catalog, imageStore, storage, pending, metrics),
              settings,
              access);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot prepare the image service's work folder", e);
    }
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(resource);
    context.register(new ImageResource2(resource));
    context.register(new ImageErrorMapper());
    context.register(new StorageOutageMapper());
    return true;
  }
}
