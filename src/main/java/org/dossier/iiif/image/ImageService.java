package org.dossier.iiif.image;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
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
 * remembered for a second, so a viewer's burst of tile requests costs one catalog look-up.
 */
final class ImageService {
  private static final long RECHECK_NANOS = 1_000_000_000L;
  private static final int MAX_ENTRIES = 10_000;

  private final ImageSources sources;
  private final Pyramids pyramids;
  private final Semaphore permits;
  private final int waitSeconds;
  private final Metrics metrics;
  private final ConcurrentHashMap<ImageId, Entry> entries = new ConcurrentHashMap<>();

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
  record Entry(ImageSources.Source source, Pyramid pyramid, long checkedAt) {}

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
    Entry e = entries.get(id);
    long now = System.nanoTime();
    if (e != null && now - e.checkedAt() < RECHECK_NANOS) {
      return e;
    }
    ImageSources.Source source = source(id);
    Pyramid pyramid = pyramids.current(source);
    e = new Entry(source, pyramid, now);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
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
      entries.remove(e.source().id());
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
