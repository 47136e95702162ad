package org.dossier.iiif.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the scan behind an image identifier: the page of the catalog record, its file in the image
 * store. A path from the catalog that would leave the store (absolute, {@code ..}, a link pointing
 * out) is refused as if the image did not exist. A scan that is missing but {@linkplain
 * PendingScans pending} is made before it is served (503 should that fail). On object storage the
 * scan is an object of the scan store, looked at (HEAD) without being read.
 */
public final class ImageSources {
  private static final Logger LOG = LoggerFactory.getLogger(ImageSources.class);

  private final Catalog catalog;
  private final Path store;
  private final PendingScans pending;
  private final ObjectStore remote;

  public ImageSources(Catalog catalog, Path imageStore, PendingScans pending) {
    this(catalog, imageStore, null, pending);
  }

  /**
   * @param remote the scan store when it is object storage; null for the local image store
   */
  public ImageSources(Catalog catalog, Path imageStore, ObjectStore remote, PendingScans pending) {
    this.catalog = catalog;
    this.store = imageStore.toAbsolutePath().normalize();
    this.remote = remote;
    this.pending = pending;
  }

  /**
   * A page scan.
   *
   * @param file the scan's file on local storage; null on object storage
   * @param key the scan's path inside the image store, '/'-separated: also names its pyramid
   * @param object its size and modification time on object storage; null on local storage
   */
  public record Source(
      ImageId id, Record record, Page page, Path file, String key, ObjectStore.ObjectInfo object) {}

  /**
   * @throws ImageException 404 when there is no such record (or it is hidden), page or scan; 403
   *     when its record shows no scans (access level metadata); 503 while the scan is pending
   */
  Source resolve(ImageId id) throws IOException {
    Record record =
        catalog
            .record(id.recordId())
            .filter(r -> !r.deleted())
            .orElseThrow(
                () ->
                    ImageException.notFound(
                        "no image '" + id + "': there is no record " + id.recordId()));
    if (!record.access().showsImages()) {
      throw ImageException.forbidden(
          "image '"
              + id
              + "' is not shown: record "
              + id.recordId()
              + " is described only (access level metadata), its scans are shown to nobody");
    }
    if (id.page() > record.pages().size()) {
      throw ImageException.notFound(
          "no image '"
              + id
              + "': record "
              + id.recordId()
              + " has "
              + record.pages().size()
              + " page(s)");
    }
    Page page = record.pages().get(id.page() - 1);
    if (remote != null) {
      return remote(id, record, page);
    }
    Path file = inside(page.image());
    if (file == null) {
      LOG.warn(
          "image {}: the catalog names '{}', which is outside the image store; refused",
          id,
          page.image());
      throw ImageException.notFound("no image '" + id + "'");
    }
    if (!Files.exists(file) && pending.isPending(page.image())) {
      make(id, page);
    }
    if (!Files.isRegularFile(file) || !staysInside(file)) {
      throw ImageException.notFound(
          "no image '" + id + "': its scan is missing from the image store");
    }
    return new Source(
        id,
        record,
        page,
        file,
        store.relativize(file).toString().replace(java.io.File.separatorChar, '/'),
        null);
  }

  private Source remote(ImageId id, Record record, Page page) throws IOException {
    String key = keyOf(page.image());
    if (key == null) {
      LOG.warn(
          "image {}: the catalog names '{}', which is not a path inside the scan store; refused",
          id,
          page.image());
      throw ImageException.notFound("no image '" + id + "'");
    }
    java.util.Optional<ObjectStore.ObjectInfo> object = remote.stat(key);
    if (object.isEmpty() && pending.isPending(page.image())) {
      make(id, page);
      object = remote.stat(key);
    }
    if (object.isEmpty()) {
      throw ImageException.notFound(
          "no image '" + id + "': its scan is missing from the image store");
    }
    return new Source(id, record, page, null, key, object.get());
  }

  /** Has a pending scan made now; 503 when it cannot be (it stays pending, to be tried again). */
  private void make(ImageId id, Page page) {
    try {
      pending.make(page.image());
    } catch (IOException | RuntimeException e) {
      LOG.warn("image {}: could not make its scan {}: {}", id, page.image(), e.toString());
    }
    if (pending.isPending(page.image())) {
      throw ImageException.notYetAvailable(
          "image '" + id + "' is being prepared; try again shortly");
    }
  }

  /** The object key a catalog image path names, or null when it would lead out of the store. */
  static String keyOf(String image) {
    if (image == null
        || image.isEmpty()
        || image.startsWith("/")
        || image.contains("\\")
        || image.contains(":")) {
      return null;
    }
    String key = Path.of(image).normalize().toString().replace(java.io.File.separatorChar, '/');
    try {
      return ObjectStore.checkKey(key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The file a catalog image path names, or null when the path would lead out of the store. */
  Path inside(String image) {
    if (image == null
        || image.isEmpty()
        || image.startsWith("/")
        || image.contains("\\")
        || image.contains(":")) {
      return null;
    }
    Path file = store.resolve(image).normalize();
    if (!file.startsWith(store) || file.equals(store)) {
      return null;
    }
    return file;
  }

  /** True when the file, links resolved, is still inside the store. */
  private boolean staysInside(Path file) throws IOException {
    return file.toRealPath().startsWith(store.toRealPath());
  }
}
