package org.dossier.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Start-up time and idle memory of {@code serve} as a person runs it: a new JVM on a data directory
 * that already holds the sample archive, timed from process start to the first 200 from {@code
 * /health}; then resident memory (VmRSS) after it has sat idle.
 */
@Command(
    name = "startup",
    description =
        "Time serve from process start to the first 200 on /health, and its idle resident memory.")
final class StartupBench implements Callable<Integer> {
  @Option(
      names = "--runs",
      defaultValue = "5",
      description = "Number of starts (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--idle-seconds",
      defaultValue = "5",
      description = "Idle time before memory is read (default: ${DEFAULT-VALUE}).")
  int idleSeconds;

  @Option(
      names = "--java-option",
      description = "Extra JVM option for the server (repeatable), e.g. -Xmx256m.")
  List<String> javaOptions = new ArrayList<>();

  private final HttpClient client = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    Path jar = BenchCommand.serverJar("startup");
    Path data = Files.createTempDirectory("dossier-bench-startup");
    try {
      // First start loads the sample archive and renders its scans; it is not measured.
      Process first = start(jar, data, freePort());
      first.destroy();
      first.waitFor();
      List<Long> millis = new ArrayList<>();
      List<Long> rssKb = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        int port = freePort();
        long t0 = System.nanoTime();
        Process server = start(jar, data, port);
        millis.add((System.nanoTime() - t0) / 1_000_000);
        Thread.sleep(idleSeconds * 1000L);
        rssKb.add(rss(server.pid()));
        server.destroy();
        server.waitFor();
      }
      Collections.sort(millis);
      Collections.sort(rssKb);
      System.out.println("startup runs: " + millis + " ms");
      System.out.println(
          "startup to first 200 on /health (median): " + millis.get(millis.size() / 2) + " ms");
      System.out.printf(
          "resident memory when idle (median): %.0f MB%n", rssKb.get(rssKb.size() / 2) / 1024.0);
      return 0;
    } finally {
      ImportBench.deleteTree(data);
    }
  }

  private Process start(Path jar, Path data, int port) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "serve",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("server.log").toFile())
            .start();
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "serve exited with " + p.exitValue() + "; see " + data.resolve("server.log"));
      }
      Thread.sleep(10);
    }
    p.destroyForcibly();
    throw new IllegalStateException("serve did not answer /health within 120 s");
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
