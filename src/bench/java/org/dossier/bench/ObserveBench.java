package org.dossier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.iiif.presentation.PresentationVersion;
import org.dossier.sample.SampleArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * What metrics and the access log cost: the same load (stored tiles, OAI-PMH ListRecords pages,
 * IIIF manifests; one client thread each in turn) against two servers over copies of one data
 * directory, one with metrics.enabled and an access log, one with neither. The two are measured in
 * turns, the order alternating from round to round, so that the machine's other load falls on both
 * alike; the medians of the rounds and their ratio are printed.
 */
@Command(
    name = "observe",
    description =
        "Throughput (tiles/s, OAI-PMH records/s, manifests/s) with metrics and access log on and"
            + " off, in alternating rounds; prints the medians and the ratio on/off.")
final class ObserveBench implements Callable<Integer> {
  private static final Pattern RECORD = Pattern.compile("<record>");
  private static final Pattern TOKEN =
      Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");

  @Option(
      names = "--rounds",
      defaultValue = "15",
      paramLabel = "N",
      description = "Rounds of each server (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--seconds",
      defaultValue = "2",
      paramLabel = "S",
      description = "Seconds of each load per round (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "20",
      paramLabel = "S",
      description = "Untimed load of each kind on each server first (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--access-format",
      defaultValue = "json",
      paramLabel = "F",
      description =
          "log.access-format of the server with observability on (default: ${DEFAULT-VALUE}).")
  String accessFormat;

  @Option(
      names = "--control",
      description =
          "Both servers with metrics and access log off: the ratio then shows what two servers"
              + " differ by when nothing differs (the noise floor of the comparison).")
  boolean control;

  /** The three loads, in the order they are run. */
  private enum Load {
    TILES("tiles"),
    OAI("records"),
    MANIFESTS("manifests");

    final String unit;

    Load(String unit) {
      this.unit = unit;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || seconds < 1 || warmupSeconds < 0) {
      throw new IllegalArgumentException("--rounds and --seconds must be positive");
    }
    BenchCommand.serverJar("observe");
    Path root = Files.createTempDirectory("dossier-bench-observe");
    try {
      Path prepared = root.resolve("prepared");
      Files.createDirectories(prepared);
      List<String> ids = new ArrayList<>();
      for (ObjectNode item : SampleArchive.items()) {
        if (item.has("pages") && item.get("pages").size() > 0) {
          ids.add(item.get("id").asString());
        }
      }
      // One start loads the sample archive; 'rebuild' then renders every sample scan and builds
      // every pyramid, so that neither measured server (each on a copy of this directory) renders
      // or builds anything while it is measured.
      try (ServerProcess server =
          ServerProcess.start(prepared, List.of(), Map.of(), List.of("--sample"))) {
        text(URI.create(server.url() + "/health").toURL());
      }
      Process rebuild =
          new ProcessBuilder(ServerProcess.command("rebuild", "--data", prepared.toString()))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(prepared.resolve("server.log").toFile()))
              .start();
      if (rebuild.waitFor() != 0) {
        throw new IllegalStateException(
            "dossier rebuild failed: see " + prepared.resolve("server.log"));
      }
      Path onDir = copy(prepared, root.resolve("on"));
      Path offDir = copy(prepared, root.resolve("off"));
      Path accessLog = root.resolve("access.log");
      Map<String, String> unobserved =
          Map.of("DOSSIER_METRICS_ENABLED", "false", "DOSSIER_LOG_ACCESS", "off");
      Map<String, String> observed =
          control
              ? unobserved
              : Map.of(
                  "DOSSIER_METRICS_ENABLED",
                  "true",
                  "DOSSIER_LOG_ACCESS",
                  accessLog.toString(),
                  "DOSSIER_LOG_ACCESS_FORMAT",
                  accessFormat);
      if (control) {
        System.out.println("observe.control: both servers with metrics and access log off");
      }
      try (ServerProcess on = ServerProcess.start(onDir, observed);
          ServerProcess off = ServerProcess.start(offDir, unobserved)) {
        Map<Load, List<URL>> onUrls = urls(on.url(), ids);
        Map<Load, List<URL>> offUrls = urls(off.url(), ids);
        for (Load load : Load.values()) {
          interleaved(load, onUrls.get(load), offUrls.get(load), warmupSeconds, on, off);
        }
        double[][] onRates = new double[Load.values().length][rounds];
        double[][] offRates = new double[Load.values().length][rounds];
        double[][] onCpu = new double[Load.values().length][rounds];
        double[][] offCpu = new double[Load.values().length][rounds];
        for (int r = 0; r < rounds; r++) {
          for (Load load : Load.values()) {
            Window[] w = interleaved(load, onUrls.get(load), offUrls.get(load), seconds, on, off);
            onRates[load.ordinal()][r] = w[0].rate();
            offRates[load.ordinal()][r] = w[1].rate();
            onCpu[load.ordinal()][r] = w[0].cpuMicros();
            offCpu[load.ordinal()][r] = w[1].cpuMicros();
            System.out.printf(
                Locale.ROOT,
                "observe.round-%d.%s: on %.0f, off %.0f %s/s; server CPU on %.1f, off %.1f us/%s%n",
                r + 1,
                load.label(),
                onRates[load.ordinal()][r],
                offRates[load.ordinal()][r],
                load.unit,
                onCpu[load.ordinal()][r],
                offCpu[load.ordinal()][r],
                load.unit.substring(0, load.unit.length() - 1));
          }
        }
        for (Load load : Load.values()) {
          double onMedian = median(onRates[load.ordinal()]);
          double offMedian = median(offRates[load.ordinal()]);
          System.out.printf(
              Locale.ROOT, "observe.%s.on: %.0f %s/s%n", load.label(), onMedian, load.unit);
          System.out.printf(
              Locale.ROOT, "observe.%s.off: %.0f %s/s%n", load.label(), offMedian, load.unit);
          System.out.printf(
              Locale.ROOT, "observe.%s.ratio: %.3f (on/off)%n", load.label(), onMedian / offMedian);
          // The server's CPU time per unit: what the machine's other load disturbs least.
          String one = load.unit.substring(0, load.unit.length() - 1);
          double onCpuMedian = median(onCpu[load.ordinal()]);
          double offCpuMedian = median(offCpu[load.ordinal()]);
          System.out.printf(
              Locale.ROOT, "observe.%s.cpu-on: %.1f us/%s%n", load.label(), onCpuMedian, one);
          System.out.printf(
              Locale.ROOT, "observe.%s.cpu-off: %.1f us/%s%n", load.label(), offCpuMedian, one);
          System.out.printf(
              Locale.ROOT,
              "observe.%s.cpu-ratio: %.3f (on/off)%n",
              load.label(),
              onCpuMedian / offCpuMedian);
        }
        if (control) {
          return 0;
        }
        // What the server with observability on recorded: a line per request, and its counters.
        String metrics = text(URI.create(on.url() + "/metrics").toURL());
        long lines;
        try (var stream = Files.lines(accessLog)) {
          lines = stream.count();
        }
        System.out.printf(Locale.ROOT, "observe.access-log-lines: %d%n", lines);
        System.out.printf(
            Locale.ROOT,
            "observe.metrics-bytes: %d%n",
            metrics.getBytes(StandardCharsets.UTF_8).length);
        // Every tile came from a pyramid built before the run, or the figures measured a build.
        for (String line : metrics.split("\n")) {
          if (line.startsWith("dossier_iiif_images_total")
              || line.startsWith("dossier_iiif_pyramid_builds_total")
              || line.startsWith("dossier_oai_records_total{verb=\"ListRecords\"}")) {
            System.out.println("observe.on." + line.replace(' ', '=').replace("\"", ""));
          }
        }
      }
    } finally {
      ImportBench.deleteTree(root);
    }
    return 0;
  }

  /** The URLs of each load: each sample scan's first tile, OAI-PMH, each manifest. */
  private static Map<Load, List<URL>> urls(String base, List<String> ids) throws IOException {
    List<URL> tiles = new ArrayList<>();
    List<URL> manifests = new ArrayList<>();
    for (String id : ids) {
      tiles.add(
          URI.create(base + "/iiif/image/3/" + id + "-p1/0,0,512,512/512,/0/default.jpg").toURL());
      manifests.add(URI.create(base + "/iiif/3/" + id + "/manifest").toURL());
    }
    List<URL> oai =
        List.of(URI.create(base + "/oai?verb=ListRecords&metadataPrefix=oai_dc").toURL());
    return Map.of(Load.TILES, tiles, Load.OAI, oai, Load.MANIFESTS, manifests);
  }

  /** One measured window: units per second, and the server's CPU time per unit. */
  private record Window(double rate, double cpuMicros) {}

  /** The CPU time the server process has used so far (all its threads), in nanoseconds. */
  private static long cpuNanos(ServerProcess server) {
    return server
        .process()
        .toHandle()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("the server's CPU time cannot be read here"))
        .toNanos();
  }

  /**
   * One round of a load for this many seconds, its requests alternating between the two servers one
   * at a time, so that whatever else the machine does falls on both alike. Each server's rate is
   * its units over the time spent in its own requests (one client: the time is the latency), and
   * its CPU time per unit is over the round.
   */
  private static Window[] interleaved(
      Load load,
      List<URL> onUrls,
      List<URL> offUrls,
      int forSeconds,
      ServerProcess on,
      ServerProcess off)
      throws IOException {
    long onCpu = cpuNanos(on);
    long offCpu = cpuNanos(off);
    long end = System.nanoTime() + forSeconds * 1_000_000_000L;
    long[] units = new long[2];
    long[] nanos = new long[2];
    int i = 0;
    while (System.nanoTime() < end) {
      // Which server goes first alternates too, so that neither always follows the other.
      for (int turn = 0; turn < 2; turn++) {
        int server = (i + turn) % 2;
        URL url = (server == 0 ? onUrls : offUrls).get((i / 2) % onUrls.size());
        long start = System.nanoTime();
        if (load == Load.OAI) {
          units[server] += harvest(url);
        } else {
          fetch(url, load == Load.MANIFESTS);
          units[server]++;
        }
        nanos[server] += System.nanoTime() - start;
      }
      i++;
    }
    long onUsed = cpuNanos(on) - onCpu;
    long offUsed = cpuNanos(off) - offCpu;
    return new Window[] {
      new Window(units[0] / (nanos[0] / 1e9), onUsed / 1e3 / Math.max(1, units[0])),
      new Window(units[1] / (nanos[1] / 1e9), offUsed / 1e3 / Math.max(1, units[1]))
    };
  }

  /** A whole ListRecords harvest, token after token: the records it returned. */
  private static long harvest(URL first) throws IOException {
    long records = 0;
    String page = text(first);
    while (true) {
      Matcher m = RECORD.matcher(page);
      while (m.find()) {
        records++;
      }
      Matcher token = TOKEN.matcher(page);
      if (!token.find()) {
        return records;
      }
      String base = first.toString().substring(0, first.toString().indexOf('?'));
      page =
          text(
              URI.create(
                      base
                          + "?verb=ListRecords&resumptionToken="
                          + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))
                  .toURL());
    }
  }

  private static void fetch(URL url, boolean manifest) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    if (manifest) {
      c.setRequestProperty("Accept", PresentationVersion.V3.jsonLdMediaType());
    }
    if (c.getResponseCode() != 200) {
      throw new IllegalStateException(url + " answered " + c.getResponseCode());
    }
    try (InputStream in = c.getInputStream()) {
      in.readAllBytes();
    }
  }

  private static String text(URL url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    if (c.getResponseCode() != 200) {
      throw new IllegalStateException(url + " answered " + c.getResponseCode());
    }
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** A copy of a data directory (the server in it stopped). */
  private static Path copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!file.getFileName().toString().equals("server.log")) {
              // With its modification time: a pyramid is current for the scan's size and time.
              Files.copy(
                  file,
                  to.resolve(from.relativize(file).toString()),
                  java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return to;
  }
}
