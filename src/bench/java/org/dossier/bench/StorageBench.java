package org.dossier.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.dossier.catalog.ArchiveDate;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.storage.S3Store;
import org.dossier.testing.S3Proxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Image tiles from object storage against the data directory: one scan, served by a {@code serve}
 * process on local storage and by one on S3 storage (S3Proxy, a real S3-compatible server in a
 * process of its own, filesystem backend, on loopback). Prints the time to build the pyramid
 * locally and to build and upload it to the bucket, then tiles/s from local disk, from S3 with the
 * node's tile cache warm, and from S3 with no cache (every tile a GET to the bucket).
 */
@Command(
    name = "storage",
    description =
        "Tiles/s and pyramid build time on S3-compatible object storage (S3Proxy) vs local disk.")
final class StorageBench implements Callable<Integer> {
  @Option(names = "--width", description = "Width of the scan (default ${DEFAULT-VALUE}).")
  int width = 6000;

  @Option(names = "--height", description = "Height of the scan (default ${DEFAULT-VALUE}).")
  int height = 8000;

  @Option(
      names = "--connections",
      description = "Concurrent connections for tiles (default ${DEFAULT-VALUE}).")
  int connections = 8;

  @Option(
      names = "--seconds",
      description = "Seconds of measured tile load per series (default ${DEFAULT-VALUE}).")
  int seconds = 10;

  @Override
  public Integer call() throws Exception {
    BenchCommand.serverJar("storage");
    Path dir = Files.createTempDirectory("dossier-bench-storage");
    try (S3Proxy s3 = S3Proxy.start(dir.resolve("s3"))) {
      Path scan = dir.resolve("scan.jpg");
      writeScan(scan);
      System.out.printf("source: %dx%d JPEG, %.1f MB%n", width, height, Files.size(scan) / 1e6);
      Map<String, String> s3Settings = new HashMap<>(s3.settings("bench"));
      s3Settings.put("storage.s3.timeout-millis", "10000");
      try (S3Store bucket = S3Store.open(Settings.load(null, Map.of(), s3Settings))) {
        bucket.createBucketIfMissing();
        bucket.under("images").upload("bench/scan.jpg", scan);
      }

      Path local = dir.resolve("local");
      Files.createDirectories(local.resolve("images/bench"));
      Files.copy(scan, local.resolve("images/bench/scan.jpg"));
      catalog(local);
      Path remote = dir.resolve("remote");
      catalog(remote);
      Map<String, String> env = environment(s3Settings);

      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      double localRate;
      try (ServerProcess server = ServerProcess.start(local, Map.of())) {
        List<String> tiles = build(client, server.url(), "local disk");
        localRate = measure(client, tiles, "local disk");
      }
      double warm;
      try (ServerProcess server = ServerProcess.start(remote, env)) {
        List<String> tiles = build(client, server.url(), "S3 (build + upload)");
        warm = measure(client, tiles, "S3, warm tile cache");
      }
      Map<String, String> noCache = new HashMap<>(env);
      noCache.put("DOSSIER_STORAGE_CACHE_MB", "0");
      double cold;
      try (ServerProcess server = ServerProcess.start(remote, noCache)) {
        List<String> tiles = tiles(client, server.url());
        cold = measure(client, tiles, "S3, no tile cache (every tile from the bucket)");
      }
      System.out.printf("warm S3 / local: %.3f%n", warm / localRate);
      System.out.printf("uncached S3 / local: %.3f%n", cold / localRate);
      System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    } finally {
      deleteTree(dir);
    }
    return 0;
  }

  private static Map<String, String> environment(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    settings.forEach(
        (k, v) ->
            env.put(
                "DOSSIER_"
                    + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
                v));
    return env;
  }

  private void catalog(Path data) {
    try (Catalog catalog = Catalog.openSqlite(data, 2);
        CatalogWriter writer = catalog.writer()) {
      writer.put(
          new Record(
              "bench",
              "Benchmark scan",
              ArchiveDate.parse("1950"),
              "A generated scan.",
              "report",
              List.of("en"),
              List.of(),
              List.of(),
              List.of(),
              null,
              null,
              "http://rightsstatements.org/vocab/CNE/1.0/",
              List.of(),
              List.of(new Page("bench/scan.jpg", width, height, "p. 1")),
              null,
              false));
      writer.commit();
    }
  }

  /** The first info.json builds the pyramid; its time is printed. Then every tile once. */
  private static List<String> build(HttpClient client, String base, String what) throws Exception {
    long t0 = System.nanoTime();
    List<String> tiles = tiles(client, base);
    System.out.printf("pyramid build, %s: %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    return tiles;
  }

  private static List<String> tiles(HttpClient client, String base) throws Exception {
    String service = base + "/iiif/image/3/bench-p1";
    HttpResponse<String> info =
        client.send(
            HttpRequest.newBuilder(URI.create(service + "/info.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    if (info.statusCode() != 200) {
      throw new IllegalStateException(
          "info.json answered " + info.statusCode() + ": " + info.body());
    }
    return TileLoad.urls(RecordJson.read(info.body()), service);
  }

  /** One pass over every tile, then {@code seconds} of random tiles on the connections. */
  private double measure(HttpClient client, List<String> tiles, String what) throws Exception {
    TileLoad.warm(client, tiles);
    TileLoad.Result r =
        TileLoad.run(client, connections, seconds, TileLoad.randomly(tiles, new Random(42)));
    System.out.printf(
        "tiles/s, %s (%d connections, %d tiles): %.0f, median %.2f ms, p99 %.2f ms, errors %d%n",
        what,
        connections,
        tiles.size(),
        r.perSecond(),
        r.percentile(50),
        r.percentile(99),
        r.errors());
    return r.perSecond();
  }

  private void writeScan(Path file) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(1950);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = 200 + ((x / 40 + y / 40) & 15) + r.nextInt(24);
        row[x] = (v << 16) | ((v - 6) << 8) | (v - 20);
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    ImageIO.write(image, "jpg", file.toFile());
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort
                }
              });
    } catch (IOException ignored) {
      // already gone
    }
  }
}
