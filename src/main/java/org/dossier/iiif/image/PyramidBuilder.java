package org.dossier.iiif.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import org.dossier.scans.Jp2;
import org.dossier.scans.Jp2Reader;

/**
 * Writes a pyramid in one pass over the source. The scan is decoded in bands of whole tile rows (at
 * most {@link #BAND_PIXELS} pixels at a time); each level keeps only one row of tiles in memory,
 * cuts it into tiles when it is full, and hands every pair of its rows, averaged 2x2, to the next
 * level. Levels listed as sizes are small and are also kept whole.
 */
final class PyramidBuilder {
  /**
   * Pixels decoded from the source at once. Sequential formats (JPEG, PNG) decode from the top for
   * every band, so fewer, larger bands cost less time and more memory; 16M pixels keeps one band of
   * a 6000-pixel-wide scan under 50 MB and a typical scan in one band.
   */
  static final int BAND_PIXELS = 16 << 20;

  private PyramidBuilder() {}

  /**
   * Native memory that JPEG 2000 builds may hold to decode one resolution of a single-tile
   * codestream whole rather than in bands (see {@link Jp2Reader#decodeWhole}), shared by the builds
   * of a process. A build that finds too little of it free decodes that resolution in bands: it
   * never waits for it.
   */
  static final class DecodeMemory {
    private final Semaphore megabytes;
    private final java.util.concurrent.atomic.AtomicInteger wholeDecodes =
        new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param megabytes the budget; 0 decodes every resolution in bands
     */
    DecodeMemory(int megabytes) {
      this.megabytes = new Semaphore(Math.max(0, megabytes));
    }

    /** Takes what {@code bytes} need, in whole megabytes; 0 when that much is not free. */
    int take(long bytes) {
      long mb = Math.max(1, (bytes + (1 << 20) - 1) >> 20);
      return mb <= Integer.MAX_VALUE && megabytes.tryAcquire((int) mb) ? (int) mb : 0;
    }

    void give(int mb) {
      if (mb > 0) {
        megabytes.release(mb);
      }
    }

    /** How many resolutions were decoded whole with it. */
    int wholeDecodes() {
      return wholeDecodes.get();
    }

    /** Megabytes free now. */
    int free() {
      return megabytes.availablePermits();
    }
  }

  /**
   * The shape of what was built.
   *
   * @param fromCodestream how many levels, from the top, were decoded from a resolution of the
   *     source's own (JPEG 2000); 1 for other formats, whose other levels are averaged down
   */
  record Built(
      int width,
      int height,
      int bands,
      List<Integer> scaleFactors,
      List<Dim> sizes,
      int fromCodestream) {}

  /**
   * @param memory what JPEG 2000 decoding may hold beyond the bands (unused for other formats)
   */
  static Built build(
      Path sourceFile,
      Path target,
      int tileSize,
      Limits limits,
      long maxSourcePixels,
      DecodeMemory memory)
      throws IOException {
    if (Jp2.isJp2(sourceFile)) {
      return buildJp2(sourceFile, target, tileSize, limits, maxSourcePixels, memory);
    }
    try (SourceImage source = SourceImage.open(sourceFile, maxSourcePixels)) {
      int width = source.width();
      int height = source.height();
      List<Integer> factors = Pyramid.scaleFactors(width, height, tileSize);
      List<Dim> sizes = Pyramid.sizes(width, height, tileSize, factors, limits);
      int bandRows = Math.max(tileSize, BAND_PIXELS / width / tileSize * tileSize);
      Level top = null;
      int bands = 0;
      for (int y = 0; y < height; y += bandRows) {
        int rows = Math.min(bandRows, height - y);
        BufferedImage band = source.readRows(y, rows);
        if (top == null) {
          bands = Pixels.isGray(band) ? 1 : 3;
          top = chain(factors, 0, width, height, bands, tileSize, sizes, target);
        }
        Pixels pixels = Pixels.of(band, bands);
        band = null;
        for (int row = 0; row < rows; row++) {
          top.accept(pixels.data, row * pixels.stride());
        }
      }
      return new Built(width, height, bands, factors, sizes, 1);
    }
  }

  /**
   * A JPEG 2000 scan: each level whose scale factor is a resolution of the codestream (1, 2, 4 … up
   * to 2^(resolutions-1)) is decoded at that resolution, in bands, so no level above it is decoded
   * to make it; levels smaller than the codestream's smallest resolution are averaged down from
   * that one as for other formats. The top level and the levels below it are built at the same
   * time, by two decoders, so that both cores work through the whole build. A resolution of a
   * single-tile codestream whose samples fit in what {@code memory} has free is decoded whole and
   * handed to the levels in bands.
   */
  private static Built buildJp2(
      Path file,
      Path target,
      int tileSize,
      Limits limits,
      long maxSourcePixels,
      DecodeMemory memory)
      throws IOException {
    Jp2.Header header = Jp2.header(file);
    int width = header.width();
    int height = header.height();
    long area = (long) width * height;
    if (area > maxSourcePixels) {
      throw ImageException.sourceFailed(
          "the scan "
              + file.getFileName()
              + " declares "
              + width
              + "x"
              + height
              + " = "
              + area
              + " pixels, more than iiif.image.max-source-pixels ("
              + maxSourcePixels
              + "); it is not decoded");
    }
    List<Integer> factors = Pyramid.scaleFactors(width, height, tileSize);
    List<Dim> sizes = Pyramid.sizes(width, height, tileSize, factors, limits);
    int direct = Math.max(1, Math.min(factors.size(), header.resolutions()));
    Levels all =
        new Levels(
            file,
            target,
            width,
            height,
            tileSize,
            factors,
            sizes,
            direct,
            header.tileHeight(),
            header.components(),
            memory);
    if (direct == 1) {
      return new Built(width, height, all.build(0, 1, CORES), factors, sizes, direct);
    }
    // Each level is decoded from its own resolution, so the levels below the top one need nothing
    // from it: they are built on a thread of their own, with a decoder of their own on one thread,
    // while the top level (most of the work) is decoded on all of them and cut here.
    FutureTask<Integer> lower = new FutureTask<>(() -> all.build(1, direct, 1));
    Thread lowerThread = new Thread(lower, "jp2-levels " + file.getFileName());
    lowerThread.setDaemon(true);
    lowerThread.start();
    int bands;
    try {
      bands = all.build(0, 1, CORES);
      lower.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while decoding " + file.getFileName(), e);
    } finally {
      lowerThread.interrupt();
      try {
        lowerThread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new Built(width, height, bands, factors, sizes, direct);
  }

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** The levels of one JPEG 2000 pyramid build that are decoded from the codestream. */
  private record Levels(
      Path file,
      Path target,
      int width,
      int height,
      int tileSize,
      List<Integer> factors,
      List<Dim> sizes,
      int direct,
      int codestreamTileHeight,
      int components,
      DecodeMemory memory) {

    /**
     * Decodes levels {@code from} to {@code to - 1}, each from its resolution, and writes their
     * tiles (and, from the last one, the levels averaged down from it).
     *
     * @return the bands of the pixels (1 gray, 3 colour)
     */
    int build(int from, int to, int decoderThreads) throws IOException {
      int bands = 0;
      Decoding decoding =
          new Decoding(
              file,
              width,
              height,
              tileSize,
              factors,
              from,
              to,
              decoderThreads,
              codestreamTileHeight,
              components,
              memory);
      Thread decoder = new Thread(decoding, "jp2-decode " + from + " " + file.getFileName());
      decoder.setDaemon(true);
      decoder.start();
      try {
        Level level = null;
        int levelIndex = -1;
        while (true) {
          Band band = decoding.next();
          if (band == null) {
            break;
          }
          int s = factors.get(band.resolution());
          Dim dim = Pyramid.level(width, height, s);
          if (bands == 0) {
            bands = Pixels.isGray(band.image()) ? 1 : 3;
          }
          if (band.resolution() != levelIndex) {
            levelIndex = band.resolution();
            level =
                levelIndex == direct - 1
                    ? chain(factors, levelIndex, width, height, bands, tileSize, sizes, target)
                    : new Level(
                        s, dim.w(), dim.h(), bands, tileSize, sizes.contains(dim), target, null);
          }
          Pixels pixels = Pixels.of(band.image(), bands);
          for (int row = 0; row < band.rows(); row++) {
            level.accept(pixels.data, row * pixels.stride());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while decoding " + file.getFileName(), e);
      } finally {
        decoder.interrupt();
        try {
          decoder.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return bands;
    }
  }

  /** Rows {@code y} to {@code y + rows - 1} of a codestream resolution, decoded. */
  private record Band(int resolution, int y, int rows, BufferedImage image) {}

  /**
   * Decodes the bands of some of the resolutions the pyramid takes from the codestream (levels
   * {@code from} to {@code to - 1}), top to bottom and largest resolution first, on its own thread
   * and one band ahead of the build: while OpenJPEG decodes a band, the band before it is cut into
   * tiles and written. At most three bands of each such run are in memory (decoding, waiting, being
   * written), so they are half the size of other formats' bands.
   */
  private static final class Decoding implements Runnable {
    private static final Object END = new Object();

    private final Path file;
    private final int width;
    private final int height;
    private final int tileSize;
    private final List<Integer> factors;
    private final int from;
    private final int to;
    private final int threads;
    private final int codestreamTileHeight;
    private final int components;
    private final DecodeMemory memory;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(1);

    Decoding(
        Path file,
        int width,
        int height,
        int tileSize,
        List<Integer> factors,
        int from,
        int to,
        int threads,
        int codestreamTileHeight,
        int components,
        DecodeMemory memory) {
      this.file = file;
      this.width = width;
      this.height = height;
      this.tileSize = tileSize;
      this.factors = factors;
      this.from = from;
      this.to = to;
      this.threads = threads;
      this.codestreamTileHeight = codestreamTileHeight;
      this.components = components;
      this.memory = memory;
    }

    @Override
    public void run() {
      try {
        try {
          decodeAll();
          ready.put(END);
        } catch (IOException | RuntimeException | Error e) {
          ready.put(e);
        }
      } catch (InterruptedException e) {
        // The build stopped taking bands (it failed): nothing more to decode.
      }
    }

    private void decodeAll() throws IOException, InterruptedException {
      for (int i = from; i < to; i++) {
        int s = factors.get(i);
        Dim dim = Pyramid.level(width, height, s);
        // The levels below the top one are decoded beside it, so in smaller bands: what the two
        // decoders hold at once stays near what the top level's alone held before.
        int pixels = from == 0 ? BAND_PIXELS / 2 : BAND_PIXELS / 4;
        int bandRows = Math.max(tileSize, pixels / dim.w() / tileSize * tileSize);
        if (codestreamTileHeight > 0 && codestreamTileHeight % s == 0) {
          // Bands of whole rows of the codestream's tiles, where they fit: OpenJPEG then decodes
          // each tile whole (multithreaded, no partial-decoding bookkeeping) and never one twice.
          int t = codestreamTileHeight / s;
          if (t <= bandRows) {
            bandRows = bandRows / t * t;
          }
        }
        // A codestream of several rows of tiles is decoded a row of tiles at a time above, at no
        // extra cost; a single tile costs about a fifth more in bands than whole.
        int held =
            codestreamTileHeight == 0
                ? memory.take((long) dim.w() * dim.h() * Math.max(components, 1) * 4)
                : 0;
        try (Jp2Reader reader = Jp2Reader.open(file, i, threads)) {
          boolean whole = held > 0 && reader.decodeWhole();
          if (whole) {
            memory.wholeDecodes.incrementAndGet();
          }
          for (int y = 0; y < dim.h(); y += bandRows) {
            if (Thread.interrupted()) {
              throw new InterruptedException();
            }
            int rows = Math.min(bandRows, dim.h() - y);
            int top = y * s;
            Rectangle region = new Rectangle(0, top, width, Math.min(rows * s, height - top));
            BufferedImage image = whole ? reader.rows(y, rows) : reader.decode(region);
            if (image.getWidth() != dim.w() || image.getHeight() != rows) {
              throw new IOException(
                  "OpenJPEG returned "
                      + image.getWidth()
                      + "x"
                      + image.getHeight()
                      + " pixels for rows "
                      + y
                      + "-"
                      + (y + rows - 1)
                      + " of the "
                      + dim.w()
                      + "x"
                      + dim.h()
                      + " resolution, not "
                      + dim.w()
                      + "x"
                      + rows);
            }
            ready.put(new Band(i, y, rows, image));
          }
        } finally {
          memory.give(held);
        }
      }
    }

    /** The next band, or null after the last; rethrows what stopped the decoding. */
    Band next() throws IOException, InterruptedException {
      Object o = ready.take();
      if (o == END) {
        return null;
      }
      if (o instanceof IOException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (o instanceof RuntimeException e) {
        throw e;
      }
      if (o instanceof Error e) {
        throw e;
      }
      return (Band) o;
    }
  }

  private static Level chain(
      List<Integer> factors,
      int i,
      int width,
      int height,
      int bands,
      int tileSize,
      List<Dim> sizes,
      Path target)
      throws IOException {
    int s = factors.get(i);
    Dim dim = Pyramid.level(width, height, s);
    Level next =
        i + 1 < factors.size()
            ? chain(factors, i + 1, width, height, bands, tileSize, sizes, target)
            : null;
    return new Level(s, dim.w(), dim.h(), bands, tileSize, sizes.contains(dim), target, next);
  }

  /** One scale factor's level, receiving its rows top to bottom. */
  private static final class Level {
    final int scaleFactor;
    final int width;
    final int height;
    final int bands;
    final int tileSize;
    final Path target;
    final Level next;
    final byte[] strip;
    final byte[] whole;
    final byte[] pending;
    boolean hasPending;
    int stripRows;
    int tileRow;
    int rowsSeen;

    Level(
        int scaleFactor,
        int width,
        int height,
        int bands,
        int tileSize,
        boolean keepWhole,
        Path target,
        Level next)
        throws IOException {
      this.scaleFactor = scaleFactor;
      this.width = width;
      this.height = height;
      this.bands = bands;
      this.tileSize = tileSize;
      this.target = target;
      this.next = next;
      this.strip = new byte[width * bands * Math.min(tileSize, height)];
      this.whole = keepWhole ? new byte[width * height * bands] : null;
      this.pending = new byte[width * bands];
      Files.createDirectories(target.resolve("tiles").resolve(Integer.toString(scaleFactor)));
      if (keepWhole) {
        Files.createDirectories(target.resolve("sizes"));
      }
    }

    void accept(byte[] src, int offset) throws IOException {
      int stride = width * bands;
      System.arraycopy(src, offset, strip, stripRows * stride, stride);
      if (whole != null) {
        System.arraycopy(src, offset, whole, rowsSeen * stride, stride);
      }
      stripRows++;
      rowsSeen++;
      if (next != null) {
        if (!hasPending) {
          System.arraycopy(src, offset, pending, 0, stride);
          hasPending = true;
          if (rowsSeen == height) {
            next.accept(halve(pending, 0, pending, 0), 0);
          }
        } else {
          next.accept(halve(pending, 0, src, offset), 0);
          hasPending = false;
        }
      }
      if (stripRows == tileSize || rowsSeen == height) {
        writeTiles();
      }
      if (rowsSeen == height && whole != null) {
        Pixels level = new Pixels(width, height, bands, whole);
        Files.write(
            target.resolve("sizes").resolve(width + "x" + height + ".jpg"),
            Codec.jpeg(level.toImage(), Codec.STORED_QUALITY));
      }
    }

    /**
     * One row of the next level: each pixel the mean of a 2x2 block (of the pixels there are, at
     * the edges).
     */
    private byte[] halve(byte[] a, int aOffset, byte[] b, int bOffset) {
      int half = Pyramid.ceilDiv(width, 2);
      byte[] out = new byte[half * bands];
      for (int x = 0; x < half; x++) {
        int x0 = 2 * x;
        int x1 = Math.min(2 * x + 1, width - 1);
        for (int c = 0; c < bands; c++) {
          int sum =
              (a[aOffset + x0 * bands + c] & 0xff)
                  + (a[aOffset + x1 * bands + c] & 0xff)
                  + (b[bOffset + x0 * bands + c] & 0xff)
                  + (b[bOffset + x1 * bands + c] & 0xff);
          out[x * bands + c] = (byte) ((sum + 2) >> 2);
        }
      }
      return out;
    }

    private void writeTiles() throws IOException {
      Pixels rows = new Pixels(width, stripRows, bands, strip);
      Path folder = target.resolve("tiles").resolve(Integer.toString(scaleFactor));
      for (int col = 0; col * tileSize < width; col++) {
        int w = Math.min(tileSize, width - col * tileSize);
        Pixels tile = rows.crop(col * tileSize, 0, w, stripRows);
        Files.write(
            folder.resolve(col + "_" + tileRow + ".jpg"),
            Codec.jpeg(tile.toImage(), Codec.STORED_QUALITY));
      }
      tileRow++;
      stripRows = 0;
    }
  }
}
