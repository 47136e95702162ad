package org.dossier.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.dossier.config.Settings;

/**
 * The stores of one node: page scans, image pyramids, and (for object storage) the disk cache of
 * hot tiles in front of them. Local storage is the data directory's {@code images/} and {@code
 * pyramids/}, exactly as before; S3 storage is one bucket under {@code storage.s3.prefix}.
 */
public final class Storage implements AutoCloseable {
  private final ObjectStore scans;
  private final ObjectStore pyramids;
  private final TileCache tileCache;
  private final AutoCloseable owner;

  private Storage(
      ObjectStore scans, ObjectStore pyramids, TileCache tileCache, AutoCloseable owner) {
    this.scans = scans;
    this.pyramids = pyramids;
    this.tileCache = tileCache;
    this.owner = owner;
  }

  /**
   * The data directory's stores: scans in {@code imageStore}, pyramids in {@code
   * {data.dir}/pyramids}.
   */
  public static Storage local(Path imageStore, Path pyramids) {
    return new Storage(new LocalStore(imageStore), new LocalStore(pyramids), null, () -> {});
  }

  /**
   * The stores {@code storage.type} names.
   *
   * @param imageStore the local folder of scans (storage.type=local)
   * @throws IllegalArgumentException when the S3 settings are incomplete
   * @throws IOException when the tile cache's folder cannot be made
   */
  public static Storage open(Settings settings, Path imageStore) throws IOException {
    if (!isRemote(settings)) {
      return local(imageStore, settings.dataDir().resolve("pyramids"));
    }
    S3Store root = S3Store.open(settings);
    String dir = settings.get(Settings.STORAGE_CACHE_DIR);
    TileCache cache =
        new TileCache(
            dir.isEmpty() ? settings.dataDir().resolve("tile-cache") : Path.of(dir),
            (long) settings.get(Settings.STORAGE_CACHE_MB) << 20);
    return new Storage(root.under("images"), root.under("pyramids"), cache, root);
  }

  public static boolean isRemote(Settings settings) {
    return settings.get(Settings.STORAGE_TYPE).equals("s3");
  }

  /** Page scans, by the path the catalog gives each page. */
  public ObjectStore scans() {
    return scans;
  }

  /** Image pyramids, by scan path. */
  public ObjectStore pyramids() {
    return pyramids;
  }

  /**
   * The node's cache of tiles read from a remote store; null for local storage, which needs none.
   */
  public TileCache tileCache() {
    return tileCache;
  }

  /** True for object storage, false for the data directory. */
  public boolean remote() {
    return tileCache != null;
  }

  @Override
  public void close() {
    try {
      owner.close();
    } catch (Exception e) {
      // closing a client: nothing to do about it
    }
  }
}
