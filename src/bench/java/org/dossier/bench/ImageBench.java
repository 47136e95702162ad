package org.dossier.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.dossier.catalog.ArchiveDate;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The IIIF Image API under load, as issue 5 asks: a generated scan (6000x8000 JPEG by default) in a
 * fresh data directory, served by a separate {@code serve} process of this jar; warm tiles from
 * concurrent keep-alive connections (tiles/s, median and p99 latency), then random {@code x,y,w,h}
 * regions scaled to 1000 pixels wide, then the server's peak resident memory. With {@code --jp2}
 * the same picture is also served as a lossy JPEG 2000 (issue 16): its pyramid build time beside
 * the JPEG's, and the tile throughput of the pyramid built from it.
 */
@Command(
    name = "image",
    description =
        "IIIF Image API: tiles/s and latency, random regions at 1000 px, server peak memory.")
final class ImageBench implements Callable<Integer> {
  @Option(
      names = "--width",
      description = "Width of the generated scan (default ${DEFAULT-VALUE}).")
  int width = 6000;

  @Option(
      names = "--height",
      description = "Height of the generated scan (default ${DEFAULT-VALUE}).")
  int height = 8000;

  @Option(
      names = "--connections",
      description = "Concurrent connections for tiles (default ${DEFAULT-VALUE}).")
  int connections = 16;

  @Option(
      names = "--seconds",
      description = "Seconds of measured tile load (default ${DEFAULT-VALUE}).")
  int seconds = 15;

  @Option(
      names = "--region-connections",
      description = "Concurrent connections for regions (default ${DEFAULT-VALUE}).")
  int regionConnections = 1;

  @Option(
      names = "--region-seconds",
      description = "Seconds of measured region load (default ${DEFAULT-VALUE}).")
  int regionSeconds = 15;

  @Option(
      names = "--jp2",
      description =
          "Also serve the same picture as a lossy JPEG 2000 (opj_compress, 6 resolution levels,"
              + " 20:1) and print its pyramid build and tile throughput beside the JPEG's.")
  boolean jp2;

  @Option(
      names = "--jp2-encoding",
      split = " ",
      description =
          "opj_compress options of the JPEG 2000 (default ${DEFAULT-VALUE}: lossy 9/7 at 20:1, 6"
              + " resolutions, one tile); e.g. \"-n 6\" for lossless 5/3, add \"-t 1024,1024\""
              + " for tiles.")
  List<String> jp2Encoding = new ArrayList<>(List.of("-n", "6", "-r", "20", "-I"));

  @Option(
      names = "--server-jvm",
      split = " ",
      description = "JVM options of the server process, e.g. \"-Xmx512m\".")
  List<String> serverJvm = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path jar = BenchCommand.serverJar("image");
    Path data = Files.createTempDirectory("dossier-bench-image");
    Process server = null;
    try {
      long t0 = System.nanoTime();
      Path scan = data.resolve("images/bench/scan.jpg");
      BufferedImage picture = writeScan(scan);
      System.out.printf(
          "source: %dx%d JPEG, %.1f MB, generated in %d ms%n",
          width, height, Files.size(scan) / 1e6, (System.nanoTime() - t0) / 1_000_000);
      List<Page> pages = new ArrayList<>();
      pages.add(new Page("bench/scan.jpg", width, height, "p. 1"));
      if (jp2) {
        long j0 = System.nanoTime();
        Path jp2File = writeJp2(picture, data);
        System.out.printf(
            "source: %dx%d JPEG 2000 (opj_compress %s), %.1f MB, encoded in %d ms%n",
            width,
            height,
            String.join(" ", jp2Encoding),
            Files.size(jp2File) / 1e6,
            (System.nanoTime() - j0) / 1_000_000);
        pages.add(new Page("bench/scan.jp2", width, height, "p. 2"));
      }
      picture = null;
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
                pages,
                null,
                false));
        writer.commit();
      }
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(serverJvm);
      command.addAll(
          List.of(
              "-jar",
              jar.toString(),
              "serve",
              "--port",
              Integer.toString(port),
              "--data",
              data.toString()));
      server =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(data.resolve("server.log").toFile())
              .start();
      String base = "http://127.0.0.1:" + port;
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      waitForHealth(client, base);

      String service = base + "/iiif/image/3/bench-p1";
      long b0 = System.nanoTime();
      long cpu0 = cpuMillis(server.pid());
      HttpResponse<String> info =
          client.send(
              HttpRequest.newBuilder(URI.create(service + "/info.json")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (info.statusCode() != 200) {
        throw new IllegalStateException(
            "info.json answered " + info.statusCode() + ": " + info.body());
      }
      long jpegBuild = (System.nanoTime() - b0) / 1_000_000;
      long jpegCpu = cpuMillis(server.pid()) - cpu0;
      System.out.printf("pyramid build (first info.json): %d ms%n", jpegBuild);
      System.out.printf("pyramid build server cpu: %d ms%n", jpegCpu);
      System.out.printf("server rss after build: %.0f MB%n", rss(server.pid(), "VmRSS") / 1024.0);
      List<String> tiles = TileLoad.urls(RecordJson.read(info.body()), service);
      System.out.printf("tiles in pyramid: %d%n", tiles.size());

      // Warm: every tile once, then a few seconds of the real load.
      TileLoad.warm(client, tiles);
      Random random = new Random(42);
      TileLoad.run(client, connections, 3, TileLoad.randomly(tiles, random));
      TileLoad.Result t =
          TileLoad.run(client, connections, seconds, TileLoad.randomly(tiles, random));
      System.out.printf("tile requests/s (%d connections): %.0f%n", connections, t.perSecond());
      System.out.printf("tile latency median: %.2f ms%n", t.percentile(50));
      System.out.printf("tile latency p99: %.2f ms%n", t.percentile(99));
      System.out.printf("tile errors: %d%n", t.errors());

      IntFunction<String> region =
          i -> {
            Random r = new Random(i * 7919L + 1);
            int w = 1000 + r.nextInt(width - 1000 + 1);
            int h = Math.max(1, Math.min(height, (int) (w * (0.5 + r.nextDouble()))));
            int x = r.nextInt(width - w + 1);
            int y = r.nextInt(height - h + 1);
            return service + "/" + x + "," + y + "," + w + "," + h + "/1000,/0/default.jpg";
          };
      TileLoad.run(client, regionConnections, 2, region);
      TileLoad.Result reg = TileLoad.run(client, regionConnections, regionSeconds, region);
      System.out.printf(
          "region requests/s (x,y,w,h to 1000 px wide, %d connection(s)): %.1f%n",
          regionConnections, reg.perSecond());
      System.out.printf("region latency median: %.1f ms%n", reg.percentile(50));
      System.out.printf("region latency p99: %.1f ms%n", reg.percentile(99));
      System.out.printf("region errors: %d%n", reg.errors());
      if (jp2) {
        String jp2Service = base + "/iiif/image/3/bench-p2";
        long c0 = System.nanoTime();
        long jp2Cpu0 = cpuMillis(server.pid());
        HttpResponse<String> jp2Info =
            client.send(
                HttpRequest.newBuilder(URI.create(jp2Service + "/info.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (jp2Info.statusCode() != 200) {
          throw new IllegalStateException(
              "JPEG 2000 info.json answered " + jp2Info.statusCode() + ": " + jp2Info.body());
        }
        long jp2Build = (System.nanoTime() - c0) / 1_000_000;
        System.out.printf("jp2 pyramid build (first info.json): %d ms%n", jp2Build);
        long jp2Cpu = cpuMillis(server.pid()) - jp2Cpu0;
        System.out.printf(
            "jp2 build time / jpeg build time: %.2f%n", (double) jp2Build / jpegBuild);
        System.out.printf("jp2 pyramid build server cpu: %d ms%n", jp2Cpu);
        System.out.printf(
            "jp2 build cpu / jpeg build cpu: %.2f%n", (double) jp2Cpu / Math.max(1, jpegCpu));
        System.out.printf(
            "server rss after jp2 build: %.0f MB%n", rss(server.pid(), "VmRSS") / 1024.0);
        List<String> jp2Tiles = TileLoad.urls(RecordJson.read(jp2Info.body()), jp2Service);
        TileLoad.warm(client, jp2Tiles);
        TileLoad.run(client, connections, 3, TileLoad.randomly(jp2Tiles, random));
        TileLoad.Result j =
            TileLoad.run(client, connections, seconds, TileLoad.randomly(jp2Tiles, random));
        System.out.printf(
            "jp2 tile requests/s (%d connections): %.0f%n", connections, j.perSecond());
        System.out.printf("jp2 tile latency median: %.2f ms%n", j.percentile(50));
        System.out.printf("jp2 tile latency p99: %.2f ms%n", j.percentile(99));
        System.out.printf("jp2 tile errors: %d%n", j.errors());
      }
      System.out.printf("server peak rss: %.0f MB%n", rss(server.pid(), "VmHWM") / 1024.0);
      try (var walk = Files.walk(data.resolve("pyramids"))) {
        long bytes =
            walk.filter(Files::isRegularFile)
                .mapToLong(
                    p -> {
                      try {
                        return Files.size(p);
                      } catch (IOException e) {
                        return 0;
                      }
                    })
                .sum();
        System.out.printf("pyramid on disk: %.1f MB%n", bytes / 1e6);
      }
      return 0;
    } finally {
      if (server != null) {
        server.destroy();
        server.waitFor();
      }
      deleteTree(data);
    }
  }

  /**
   * The same picture as a JPEG 2000 (by default lossy, with 6 resolution levels; see {@code
   * --jp2-encoding}), encoded by Debian's opj_compress (libopenjp2-tools) from a binary PPM.
   */
  private Path writeJp2(BufferedImage picture, Path data) throws IOException, InterruptedException {
    Path ppm = data.resolve("scan.ppm");
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(ppm), 1 << 20)) {
      out.write(
          ("P6\n" + width + " " + height + "\n255\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] bgr = ((java.awt.image.DataBufferByte) picture.getRaster().getDataBuffer()).getData();
      byte[] row = new byte[width * 3];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int i = (y * width + x) * 3;
          row[x * 3] = bgr[i + 2];
          row[x * 3 + 1] = bgr[i + 1];
          row[x * 3 + 2] = bgr[i];
        }
        out.write(row);
      }
    }
    Path jp2File = data.resolve("images/bench/scan.jp2");
    List<String> command =
        new ArrayList<>(List.of("opj_compress", "-i", ppm.toString(), "-o", jp2File.toString()));
    command.addAll(jp2Encoding);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("opj_compress.log").toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "opj_compress failed (install libopenjp2-tools): "
              + Files.readString(data.resolve("opj_compress.log")));
    }
    Files.delete(ppm);
    return jp2File;
  }

  /** A scan-like picture: paper tone, lines of "words" and a few shapes, so JPEG has real work. */
  private BufferedImage writeScan(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    Random r = new Random(1950);
    BufferedImage tone =
        new BufferedImage(
            Math.max(1, width / 32), Math.max(1, height / 32), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < tone.getHeight(); y++) {
      for (int x = 0; x < tone.getWidth(); x++) {
        int d = r.nextInt(17) - 8;
        tone.setRGB(x, y, new Color(232 + d / 2, 226 + d / 2, 210 + d).getRGB());
      }
    }
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(tone, 0, 0, width, height, null);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, Math.max(12, width / 50)));
    g.setColor(new Color(40, 38, 46));
    int line = Math.max(16, width / 40);
    StringBuilder text = new StringBuilder();
    for (int y = line * 3; y < height - line * 2; y += line) {
      text.setLength(0);
      while (text.length() < 60) {
        int n = 2 + r.nextInt(9);
        for (int i = 0; i < n; i++) {
          text.append((char) ('a' + r.nextInt(26)));
        }
        text.append(' ');
      }
      g.drawString(text.toString(), width / 12, y);
    }
    g.setColor(new Color(150, 40, 40, 120));
    for (int i = 0; i < 12; i++) {
      g.fillOval(r.nextInt(width), r.nextInt(height), width / 10, width / 10);
    }
    g.dispose();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return image;
  }

  private static void waitForHealth(HttpClient client, String base) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (client
                .send(
                    HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not become ready within 60 s");
  }

  /** A memory figure of a process from /proc/PID/status, in kB (0 where /proc is unavailable). */
  private static long rss(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }

  /**
   * CPU time (user and system, all threads) a process has used, from {@code /proc/PID/stat}; 0
   * where there is no such file. The server does nothing else during a build, so the difference
   * around one is the build's.
   */
  private static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // After the command name, which is in parentheses and may hold spaces: utime and stime are
      // the 12th and 13th fields.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 1000 / CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** USER_HZ, the unit of /proc/PID/stat's times: 100 on Linux. */
  private static final long CLOCK_TICKS = 100;

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }
}
