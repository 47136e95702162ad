package org.dossier.iiif.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pyramids of all page scans, under {@code {data.dir}/pyramids/{scan path}/}: each a {@code
 * pyramid.json} naming the current version folder. A pyramid is built when it is missing or its
 * source changed (size, modification time) or the settings that shape it did; one build per scan at
 * a time however many requests ask, into a fresh folder that replaces the old one at once.
 */
public final class Pyramids {
  private static final Logger LOG = LoggerFactory.getLogger(Pyramids.class);

  /**
   * Bumped when the layout or content of pyramids changes, so old ones are rebuilt (2: JPEG EXIF
   * orientation applied).
   */
  private static final int FORMAT = 2;

  /** How long a request waits for a pyramid another request is building. */
  private static final long BUILD_WAIT_SECONDS = 120;

  private final Path root;
  private final int tileSize;
  private final Limits limits;
  private final long maxSourcePixels;
  private final Semaphore permits;

  /** The pyramids of the scans most recently asked for: bounded, like every cache of a server. */
  private final Cache<String, Pyramid> known;

  private Metrics metrics = Metrics.NONE;

  private final ConcurrentHashMap<String, CompletableFuture<Pyramid>> building =
      new ConcurrentHashMap<>();

  /**
   * @param permits shared with computed requests, so builds count against the concurrency bound;
   *     null for none (the rebuild command)
   */
  public Pyramids(
      Path root,
      int tileSize,
      Limits limits,
      long maxSourcePixels,
      Semaphore permits,
      int cacheEntries) {
    this.known =
        Caffeine.newBuilder()
            .maximumSize(cacheEntries)
            .executor(Runnable::run) // evict on the request's thread: no pool of our own
            .build();
    this.root = root;
    this.tileSize = tileSize;
    this.limits = limits;
    this.maxSourcePixels = maxSourcePixels;
    this.permits = permits;
  }

  public static Pyramids of(Settings settings, Semaphore permits) {
    return of(settings, permits, Metrics.NONE);
  }

  /**
   * @param metrics counts the pyramids built on request
   */
  static Pyramids of(Settings settings, Semaphore permits, Metrics metrics) {
    Pyramids pyramids =
        new Pyramids(
            settings.dataDir().resolve("pyramids"),
            settings.get(Settings.IIIF_IMAGE_TILE_SIZE),
            Limits.of(settings),
            settings.get(Settings.IIIF_IMAGE_MAX_SOURCE_PIXELS),
            permits,
            settings.get(Settings.IIIF_IMAGE_PYRAMID_CACHE_ENTRIES));
    pyramids.metrics = metrics;
    return pyramids;
  }

  public Limits limits() {
    return limits;
  }

  /** What {@link #current} did. */
  public enum Outcome {
    UP_TO_DATE,
    BUILT
  }

  /**
   * The up-to-date pyramid of a scan, built first if needed.
   *
   * @param key the scan's path inside the image store ('/'-separated, already checked to stay
   *     inside it)
   * @param source the scan file
   * @throws ImageException 500 when the scan cannot be read or is refused; 503 when the server is
   *     too busy to build it now
   */
  Pyramid current(String key, Path source) throws IOException {
    String version = version(key, source);
    Pyramid p = known.getIfPresent(key);
    if (p != null && p.version().equals(version)) {
      return p;
    }
    p = Pyramid.readDescription(description(key));
    if (p != null && p.version().equals(version) && Files.isDirectory(p.dir())) {
      known.put(key, p);
      return p;
    }
    CompletableFuture<Pyramid> mine = new CompletableFuture<>();
    CompletableFuture<Pyramid> theirs = building.putIfAbsent(key, mine);
    if (theirs != null) {
      return await(theirs, key);
    }
    try {
      Pyramid built = build(key, source, version);
      metrics.pyramidBuilt();
      known.put(key, built);
      mine.complete(built);
      return built;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      building.remove(key, mine);
    }
  }

  /** Builds the pyramid of a scan unless it is up to date (the rebuild command). */
  public Outcome ensure(String key, Path source) throws IOException {
    String version = version(key, source);
    Pyramid p = Pyramid.readDescription(description(key));
    if (p != null && p.version().equals(version) && Files.isDirectory(p.dir())) {
      return Outcome.UP_TO_DATE;
    }
    current(key, source);
    return Outcome.BUILT;
  }

  /** How many pyramid descriptions are kept now (for tests). */
  long cached() {
    known.cleanUp();
    return known.estimatedSize();
  }

  /** Forgets what is known of a scan's pyramid, so that the next request reads it again. */
  void forget(String key) {
    known.invalidate(key);
  }

  private Pyramid await(CompletableFuture<Pyramid> future, String key) throws IOException {
    try {
      return future.get(BUILD_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw ImageException.busy("the tiles of " + key + " are still being prepared");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ImageException.busy("interrupted while the tiles of " + key + " were prepared");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ImageException ie) {
        throw ie;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("pyramid build failed", e.getCause());
    }
  }

  private Pyramid build(String key, Path source, String version) throws IOException {
    boolean acquired = false;
    if (permits != null) {
      try {
        acquired = permits.tryAcquire(BUILD_WAIT_SECONDS / 4, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!acquired) {
        throw ImageException.busy("too many images are being prepared; try again shortly");
      }
    }
    try {
      Path dir = folder(key);
      Files.createDirectories(dir);
      removeAbandoned(dir);
      Path partial = Files.createTempDirectory(dir, PARTIAL_PREFIX + "build-" + PID + "-");
      long start = System.nanoTime();
      PyramidBuilder.Built b;
      try {
        b = PyramidBuilder.build(source, partial, tileSize, limits, maxSourcePixels);
      } catch (IOException | RuntimeException e) {
        deleteTree(partial);
        if (e instanceof IOException io) {
          throw ImageException.sourceFailed(
              "the scan " + key + " cannot be read: " + io.getMessage());
        }
        throw e;
      }
      Path target = dir.resolve("v-" + version);
      if (Files.exists(target)) {
        // built by another process meanwhile (the rebuild command beside a server): same input,
        // same files
        deleteTree(partial);
      } else {
        Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      Pyramid p =
          new Pyramid(
              target,
              b.width(),
              b.height(),
              b.bands(),
              tileSize,
              b.scaleFactors(),
              b.sizes(),
              version,
              Instant.now().truncatedTo(ChronoUnit.SECONDS));
      p.writeDescription(description(key));
      removeOtherVersions(dir, target);
      LOG.info(
          "built the pyramid of {} ({}x{}, {} levels) in {} ms",
          key,
          b.width(),
          b.height(),
          b.scaleFactors().size(),
          (System.nanoTime() - start) / 1_000_000);
      return p;
    } finally {
      if (acquired) {
        permits.release();
      }
    }
  }

  private Path folder(String key) {
    return root.resolve(key);
  }

  private Path description(String key) {
    return folder(key).resolve("pyramid.json");
  }

  /**
   * Names the state of the source and the settings that shape a pyramid; any change means a
   * rebuild.
   */
  private String version(String key, Path source) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(source, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw ImageException.notFound("the scan " + key + " is missing");
    }
    String state =
        FORMAT
            + "|"
            + key
            + "|"
            + attributes.size()
            + "|"
            + attributes.lastModifiedTime().toMillis()
            + "|"
            + tileSize
            + "|"
            + limits.maxWidth()
            + "|"
            + limits.maxHeight()
            + "|"
            + limits.maxArea();
    return RecordJson.sha256(state).substring(0, 16);
  }

  /**
   * Begins the name of what is being written in a scan's folder and is not in its place yet: a
   * pyramid being built ({@code .partial-build-PID-…}) or its description ({@code
   * .partial-pyramid-PID-….part}), each named with the id of the process that writes it.
   */
  static final String PARTIAL_PREFIX = ".partial-";

  static final long PID = ProcessHandle.current().pid();

  /**
   * Deletes what a process that died while writing (kill -9, a crash, power loss) left in a scan's
   * folder: partial builds and descriptions whose process is gone. One whose process id is alive
   * now, but was started after the partial was made, is a leftover too (ids are reused, and a
   * server in a container may get the same one at every start). A build another process is doing
   * (the rebuild command beside a server) is left alone.
   */
  static void removeAbandoned(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PARTIAL_PREFIX + "*")) {
      for (Path p : entries) {
        if (isAbandoned(p)) {
          LOG.info("removing {}, left by a process that stopped while writing it", p);
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not look for abandoned partial pyramids in {}: {}", dir, e.toString());
    }
  }

  private static boolean isAbandoned(Path partial) throws IOException {
    String name = partial.getFileName().toString().substring(PARTIAL_PREFIX.length());
    String[] parts = name.split("-", 3);
    long pid;
    try {
      pid = parts.length < 3 ? -1 : Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return false; // not ours to judge
    }
    Instant made =
        Files.readAttributes(partial, BasicFileAttributes.class).creationTime().toInstant();
    java.util.Optional<ProcessHandle> writer = ProcessHandle.of(pid);
    if (writer.isEmpty() || !writer.get().isAlive()) {
      return true;
    }
    java.util.Optional<Instant> started = writer.get().info().startInstant();
    // Start times are known to the second or so: only one clearly after the partial counts.
    return started.isPresent() && started.get().isAfter(made.plusSeconds(2));
  }

  private static void removeOtherVersions(Path dir, Path keep) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "v-*")) {
      for (Path p : entries) {
        if (!p.equals(keep)) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("could not remove old pyramid versions in {}: {}", dir, e.toString());
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // a reader may hold it open; it goes with the next rebuild
                }
              });
    } catch (IOException ignored) {
      // already gone
    }
  }
}
