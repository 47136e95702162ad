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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.ScanLocks;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.storage.ObjectStore;
import org.dossier.storage.Storage;
import org.dossier.storage.TileCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pyramids of all page scans, under {@code {data.dir}/pyramids/{scan path}/}: each a {@code
 * pyramid.json} naming the current version folder. A pyramid is built when it is missing or its
 * source changed (size, modification time) or the settings that shape it did; one build per scan at
 * a time however many requests ask, into a fresh folder that replaces the old one at once.
 *
 * <p>On object storage the same layout is kept under {@code {prefix}pyramids/}: a build downloads
 * the scan, builds in a local work folder, uploads the version folder and then, last, its {@code
 * pyramid.json}, so a reader on any node sees a whole pyramid or none. Every node of a cluster may
 * be asked for the same image at once: a build takes the scan's {@link ScanLocks cluster-wide lock}
 * first, and a node that finds it taken waits for the other's {@code pyramid.json}. Stored tiles
 * are read through the node's {@link TileCache}.
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
  private final ObjectStore store;
  private final ObjectStore scans;
  private final TileCache cache;
  private final ScanLocks locks;
  private final Path work;
  private final int tileSize;
  private final Limits limits;
  private final long maxSourcePixels;
  private final Semaphore permits;
  private final PyramidBuilder.DecodeMemory decodeMemory;

  /** The pyramids of the scans most recently asked for: bounded, like every cache of a server. */
  private final Cache<String, Pyramid> known;

  private Metrics metrics = Metrics.NONE;

  private final ConcurrentHashMap<String, CompletableFuture<Pyramid>> building =
      new ConcurrentHashMap<>();

  /**
   * @param permits shared with computed requests, so builds count against the concurrency bound;
   *     null for none (the rebuild command)
   * @param decodeMemoryMb native memory JPEG 2000 builds may hold (iiif.image.jp2-decode-memory-mb)
   */
  public Pyramids(
      Path root,
      int tileSize,
      Limits limits,
      long maxSourcePixels,
      Semaphore permits,
      int cacheEntries,
      int decodeMemoryMb) {
    this(
        root,
        null,
        null,
        null,
        null,
        null,
        tileSize,
        limits,
        maxSourcePixels,
        permits,
        cacheEntries,
        decodeMemoryMb);
  }

  private Pyramids(
      Path root,
      ObjectStore store,
      ObjectStore scans,
      TileCache cache,
      ScanLocks locks,
      Path work,
      int tileSize,
      Limits limits,
      long maxSourcePixels,
      Semaphore permits,
      int cacheEntries,
      int decodeMemoryMb) {
    this.store = store;
    this.scans = scans;
    this.cache = cache;
    this.locks = locks;
    this.work = work;
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
    this.decodeMemory = new PyramidBuilder.DecodeMemory(decodeMemoryMb);
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
            settings.get(Settings.IIIF_IMAGE_PYRAMID_CACHE_ENTRIES),
            settings.get(Settings.IIIF_IMAGE_JP2_DECODE_MEMORY_MB));
    pyramids.metrics = metrics;
    return pyramids;
  }

  /**
   * The pyramids of a node's storage: those of {@link #of(Settings, Semaphore, Metrics)} on local
   * storage; on object storage the pyramid store, read through the tile cache, with builds excluded
   * across nodes by {@code locks}.
   */
  static Pyramids of(
      Settings settings, Semaphore permits, Metrics metrics, Storage storage, ScanLocks locks)
      throws IOException {
    if (!storage.remote()) {
      return of(settings, permits, metrics);
    }
    Path work = workFolder(settings.dataDir().resolve("work"));
    Pyramids pyramids =
        new Pyramids(
            null,
            storage.pyramids(),
            storage.scans(),
            storage.tileCache(),
            locks,
            work,
            settings.get(Settings.IIIF_IMAGE_TILE_SIZE),
            Limits.of(settings),
            settings.get(Settings.IIIF_IMAGE_MAX_SOURCE_PIXELS),
            permits,
            settings.get(Settings.IIIF_IMAGE_PYRAMID_CACHE_ENTRIES),
            settings.get(Settings.IIIF_IMAGE_JP2_DECODE_MEMORY_MB));
    pyramids.metrics = metrics;
    return pyramids;
  }

  /**
   * This process's folder for downloads and builds, {@code work/{pid}}; those of processes that are
   * gone (killed while building) are removed.
   */
  private static Path workFolder(Path work) throws IOException {
    Files.createDirectories(work);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(work)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.matches("[0-9]+")
            && Long.parseLong(name) != PID
            && ProcessHandle.of(Long.parseLong(name)).map(h -> !h.isAlive()).orElse(true)) {
          deleteTree(p);
        }
      }
    }
    Path mine = work.resolve(Long.toString(PID));
    deleteTree(mine); // a process with this id was here before
    return Files.createDirectories(mine);
  }

  /** The bytes of a stored file of a pyramid ({@link Pyramid#tile}, {@link Pyramid#size}). */
  byte[] read(Pyramid p, String name) throws IOException {
    if (p.dir() != null) {
      return Files.readAllBytes(p.dir().resolve(name));
    }
    return cache.read(store, p.folder() + "/" + name);
  }

  /** Part of a stored JPEG of a pyramid, for {@link Renderer}. */
  java.awt.image.BufferedImage readJpeg(Pyramid p, String name, java.awt.Rectangle region)
      throws IOException {
    if (p.dir() != null) {
      return Codec.readJpeg(p.dir().resolve(name), region);
    }
    return Codec.readJpeg(read(p, name), region);
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
    return current(key, source, null);
  }

  /** The up-to-date pyramid of a scan as {@link ImageSources} found it, built first if needed. */
  Pyramid current(ImageSources.Source source) throws IOException {
    return current(source.key(), source.file(), source.object());
  }

  /**
   * @param source the scan's local file, or null on object storage
   * @param object the scan's size and modification time on object storage, or null
   */
  private Pyramid current(String key, Path source, ObjectStore.ObjectInfo object)
      throws IOException {
    String version = version(key, source, object);
    Pyramid p = known.getIfPresent(key);
    if (p != null && p.version().equals(version)) {
      return p;
    }
    p = stored(key, version);
    if (p != null) {
      known.put(key, p);
      return p;
    }
    CompletableFuture<Pyramid> mine = new CompletableFuture<>();
    CompletableFuture<Pyramid> theirs = building.putIfAbsent(key, mine);
    if (theirs != null) {
      return await(theirs, key);
    }
    try {
      Pyramid built = store == null ? build(key, source, version) : buildOnce(key, version);
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
    return ensure(key, source, null);
  }

  /** Builds the pyramid of a scan as {@link ImageSources} found it unless it is up to date. */
  Outcome ensure(ImageSources.Source source) throws IOException {
    return ensure(source.key(), source.file(), source.object());
  }

  private Outcome ensure(String key, Path source, ObjectStore.ObjectInfo object)
      throws IOException {
    String version = version(key, source, object);
    if (stored(key, version) != null) {
      return Outcome.UP_TO_DATE;
    }
    current(key, source, object);
    return Outcome.BUILT;
  }

  /** The stored pyramid of a scan if it is of this version and whole, else null. */
  private Pyramid stored(String key, String version) throws IOException {
    Pyramid p;
    if (store == null) {
      p = Pyramid.readDescription(description(key), key);
      return p != null && p.version().equals(version) && Files.isDirectory(p.dir()) ? p : null;
    }
    byte[] json;
    try {
      json = store.read(key + "/pyramid.json");
    } catch (NoSuchFileException e) {
      return null;
    }
    p = Pyramid.parse(new String(json, java.nio.charset.StandardCharsets.UTF_8), null, key);
    // pyramid.json is uploaded after its folder: when it names this version, the folder is whole.
    return p != null && p.version().equals(version) ? p : null;
  }

  /**
   * Builds a pyramid on object storage once across the cluster: under the scan's lock, unless
   * another node built it meanwhile; while another node holds the lock, waits for its result.
   */
  private Pyramid buildOnce(String key, String version) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BUILD_WAIT_SECONDS);
    while (true) {
      java.util.Optional<ScanLocks.Held> lock =
          locks == null ? java.util.Optional.of(() -> {}) : locks.tryLock("pyramid:" + key);
      if (lock.isPresent()) {
        ScanLocks.Held held = lock.get();
        try {
          Pyramid done = stored(key, version);
          if (done != null) {
            return done;
          }
          return build(key, null, version);
        } finally {
          held.close();
        }
      }
      Pyramid done = stored(key, version);
      if (done != null) {
        return done;
      }
      if (System.nanoTime() > deadline) {
        throw ImageException.busy("the tiles of " + key + " are still being prepared");
      }
      try {
        Thread.sleep(LOCK_POLL_MILLIS); // another node builds: its pyramid.json is awaited
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ImageException.busy("interrupted while the tiles of " + key + " were prepared");
      }
    }
  }

  /** How often a node waiting for another's build looks for its result. */
  private static final long LOCK_POLL_MILLIS = 100;

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
      if (store != null) {
        return buildRemote(key, version);
      }
      Path dir = folder(key);
      Files.createDirectories(dir);
      removeAbandoned(dir);
      Path partial = Files.createTempDirectory(dir, PARTIAL_PREFIX + "build-" + PID + "-");
      long start = System.nanoTime();
      PyramidBuilder.Built b;
      try {
        b = PyramidBuilder.build(source, partial, tileSize, limits, maxSourcePixels, decodeMemory);
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
              key + "/" + target.getFileName(),
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
      metrics.pyramidBuilt();
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

  /**
   * Downloads the scan into the work folder, builds there, uploads the version folder and then its
   * {@code pyramid.json}, and removes older versions from the store.
   */
  private Pyramid buildRemote(String key, String version) throws IOException {
    long start = System.nanoTime();
    Path scan = Files.createTempFile(work, "scan-", ".part");
    Path partial = Files.createTempDirectory(work, "build-");
    try {
      scans.download(key, scan);
      PyramidBuilder.Built b;
      try {
        b = PyramidBuilder.build(scan, partial, tileSize, limits, maxSourcePixels, decodeMemory);
      } catch (IOException | RuntimeException e) {
        if (e instanceof IOException io) {
          throw ImageException.sourceFailed(
              "the scan " + key + " cannot be read: " + io.getMessage());
        }
        throw e;
      }
      String folder = key + "/v-" + version;
      upload(partial, folder);
      Pyramid p =
          new Pyramid(
              null,
              folder,
              b.width(),
              b.height(),
              b.bands(),
              tileSize,
              b.scaleFactors(),
              b.sizes(),
              version,
              Instant.now().truncatedTo(ChronoUnit.SECONDS));
      store.write(key + "/pyramid.json", p.description());
      metrics.pyramidBuilt();
      for (String old : store.list(key + "/v-")) {
        if (!old.startsWith(folder + "/")) {
          store.delete(old);
        }
      }
      LOG.info(
          "built the pyramid of {} ({}x{}, {} levels) in {} ms and stored it in {}",
          key,
          b.width(),
          b.height(),
          b.scaleFactors().size(),
          (System.nanoTime() - start) / 1_000_000,
          store.describe());
      return p;
    } finally {
      Files.deleteIfExists(scan);
      deleteTree(partial);
    }
  }

  /** Files uploaded at once: object stores answer many small writes best side by side. */
  private static final int UPLOADS = 4;

  /** Uploads every file of a built pyramid, each also kept in the tile cache. */
  private void upload(Path built, String folder) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(built)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(UPLOADS);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (Path f : files) {
        String name =
            folder + "/" + built.relativize(f).toString().replace(java.io.File.separatorChar, '/');
        done.add(
            pool.submit(
                () -> {
                  byte[] bytes = Files.readAllBytes(f);
                  store.write(name, bytes);
                  cache.written(store, name, bytes);
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException("upload failed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while uploading " + folder);
        }
      }
    } finally {
      pool.shutdownNow();
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
  private String version(String key, Path source, ObjectStore.ObjectInfo object)
      throws IOException {
    long size;
    long modified;
    if (object != null) {
      size = object.size();
      modified = object.modifiedMillis();
    } else {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(source, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw ImageException.notFound("the scan " + key + " is missing");
      }
      size = attributes.size();
      modified = attributes.lastModifiedTime().toMillis();
    }
    String state =
        FORMAT
            + "|"
            + key
            + "|"
            + size
            + "|"
            + modified
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
