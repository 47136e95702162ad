package org.dossier.iiif.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.ScanLocks;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.storage.Storage;

/**
 * Answers image requests: finds the scan, makes sure its pyramid is current, then serves a stored
 * file or computes the image under the concurrency bound. What an identifier resolves to is
 * remembered for a second, so a viewer's burst of tile requests costs one catalog look-up; an entry
 * holds its whole record, so it is dropped when its second is over, not kept until the bound is
 * reached.
 */
final class ImageService {
  private static final Duration RECHECK = Duration.ofSeconds(1);
  private static final int MAX_ENTRIES = 10_000;

  private final ImageSources sources;
  private final Pyramids pyramids;
  private final Semaphore permits;
  private final int waitSeconds;
  private final Metrics metrics;
  private final Cache<ImageId, Entry> entries =
      Caffeine.newBuilder()
          .maximumSize(MAX_ENTRIES)
          .expireAfterWrite(RECHECK)
          .scheduler(Scheduler.systemScheduler())
          .build();

  ImageService(
      Settings settings,
      Catalog catalog,
      Path imageStore,
      Storage storage,
      PendingScans pending,
      Metrics metrics)
      throws IOException {
    this.sources =
        new ImageSources(catalog, imageStore, storage.remote() ? storage.scans() : null, pending);
    // Fair: a request that has waited longest computes next, so that none waits out its time
    // while later ones go first.
    this.permits = new Semaphore(settings.get(Settings.IIIF_IMAGE_CONCURRENCY), true);
    this.waitSeconds = settings.get(Settings.IIIF_IMAGE_WAIT_SECONDS);
    this.pyramids = Pyramids.of(settings, permits, metrics, storage, new ScanLocks(catalog));
    this.metrics = metrics;
  }

  /** An image ready to serve: its scan and current pyramid. */
  record Entry(ImageSources.Source source, Pyramid pyramid) {}

  Limits limits() {
    return pyramids.limits();
  }

  /** The scan behind an identifier, without touching its pyramid. */
  ImageSources.Source source(ImageId id) throws IOException {
    return sources.resolve(id);
  }

  /**
   * @throws ImageException 404 for an unknown image, 500 for an unreadable scan, 503 when too busy
   *     or while the scan is pending
   */
  Entry entry(ImageId id) throws IOException {
    Entry e = entries.getIfPresent(id);
    if (e != null) {
      return e;
    }
    ImageSources.Source source = source(id);
    e = new Entry(source, pyramids.current(source));
    entries.put(id, e);
    return e;
  }

  /**
   * The encoded image of a plan: a file read for tiles and listed sizes, else computed.
   *
   * @throws ImageException 503 when the concurrency bound is reached
   */
  byte[] image(Entry e, ImageRequest.Plan plan) throws IOException {
    try {
      return imageOf(e.pyramid(), plan);
    } catch (NoSuchFileException gone) {
      // The pyramid was replaced (a rebuild) or removed after this entry was made: look again.
      entries.invalidate(e.source().id());
      pyramids.forget(e.source().key());
      return imageOf(entry(e.source().id()).pyramid(), plan);
    }
  }

  private boolean turn() {
    try {
      return permits.tryAcquire(waitSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private byte[] imageOf(Pyramid pyramid, ImageRequest.Plan plan) throws IOException {
    String stored = pyramid.storedFile(plan);
    if (stored != null) {
      byte[] bytes = pyramids.read(pyramid, stored);
      metrics.image(true);
      return bytes;
    }
    if (!turn()) {
      throw ImageException.busy("too many images are being computed at once; try again shortly");
    }
    try {
      byte[] bytes =
          Codec.encode(Renderer.render(pyramid, plan, pyramids::readJpeg), plan.format());
      metrics.image(false);
      return bytes;
    } finally {
      permits.release();
    }
  }
}
