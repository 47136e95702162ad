package org.dossier.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's disk cache of objects read from a remote store (pyramid tiles and sizes, which never
 * change once written: a rebuilt pyramid has a new folder). Bounded by bytes: the least recently
 * used files go first (Caffeine's size-based eviction, weighed in bytes). It starts empty; what an
 * earlier run left in its folder is removed.
 */
public final class TileCache {
  private static final Logger LOG = LoggerFactory.getLogger(TileCache.class);

  private final Path dir;
  private final Cache<String, Integer> entries;

  /**
   * @param maxBytes the most bytes kept; 0 keeps nothing
   */
  public TileCache(Path dir, long maxBytes) throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    clear(this.dir);
    Files.createDirectories(this.dir);
    this.entries =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((String key, Integer size) -> size)
            .executor(Runnable::run) // evict on the caller's thread: no pool of our own
            .removalListener(
                (String key, Integer size, RemovalCause cause) -> {
                  if (cause.wasEvicted() || cause == RemovalCause.EXPLICIT) {
                    try {
                      Files.deleteIfExists(file(key));
                    } catch (IOException e) {
                      LOG.warn("could not remove {} from the tile cache: {}", key, e.toString());
                    }
                  }
                })
            .build();
  }

  private Path file(String key) {
    return dir.resolve(ObjectStore.checkKey(key));
  }

  /**
   * The object from the cache, else from the store (and then kept).
   *
   * @param key the object's key in {@code store}, which also names it here
   */
  public byte[] read(ObjectStore store, String key) throws IOException {
    String name = store.describe().hashCode() + "/" + key;
    if (entries.getIfPresent(name) != null) {
      try {
        return Files.readAllBytes(file(name));
      } catch (NoSuchFileException e) {
        entries.invalidate(name); // evicted between the look-up and the read
      }
    }
    byte[] bytes = store.read(key);
    put(name, bytes);
    return bytes;
  }

  /**
   * Keeps an object just written to {@code store}, so that the node that wrote it serves it warm.
   */
  public void written(ObjectStore store, String key, byte[] bytes) {
    put(store.describe().hashCode() + "/" + key, bytes);
  }

  private void put(String name, byte[] bytes) {
    try {
      Path target = file(name);
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), ".partial-", ".part");
      Files.write(partial, bytes);
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      entries.put(name, bytes.length);
    } catch (IOException e) {
      // A full or failing cache disk costs speed, not answers.
      LOG.warn("could not keep {} in the tile cache: {}", name, e.toString());
    }
  }

  /** Bytes held now. */
  public long bytes() {
    entries.cleanUp();
    return entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  private static void clear(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
