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
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageFeature.class);

  private final ImageResource resource;
  private final ImageService service;

  /**
   * Builds the pyramids of scans written while the server runs, one at a time on a low-priority
   * thread, so that the first viewer finds the tiles ready; a bounded queue, since a request that
   * finds no pyramid builds it itself.
   */
  private final java.util.concurrent.ThreadPoolExecutor builder =
      new java.util.concurrent.ThreadPoolExecutor(
          0,
          1,
          30,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(1000),
          r -> {
            Thread t = new Thread(r, "pyramids-after-upload");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
          },
          new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());

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
      this.service = new ImageService(settings, catalog, imageStore, storage, pending, metrics);
      this.resource = new ImageResource(urls, service, settings, access);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot prepare the image service's work folder", e);
    }
  }

  /**
   * Builds the pyramid of a page's scan in the background, unless it is current (a scan just
   * written: the admin API's uploads). A failure is logged; the first request for the image tries
   * again and answers it in the Image API's terms.
   */
  public void buildLater(String recordId, int page) {
    builder.execute(
        () -> {
          try {
            service.entry(new ImageId(recordId, page));
          } catch (java.io.IOException | RuntimeException e) {
            LOG.warn(
                "the pyramid of {} was not built after its upload: {}",
                new ImageId(recordId, page),
                e.getMessage());
          }
        });
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
