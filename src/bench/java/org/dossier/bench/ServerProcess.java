package org.dossier.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dossier.cli.Main;

/**
 * {@code dossier serve} in a process of its own, as in production: the client's allocations and
 * pauses do not land on the server's heap, and the server's not on the client's timings.
 */
record ServerProcess(Process process, String url) implements AutoCloseable {
  static ServerProcess start(Path dataDir) throws IOException, InterruptedException {
    return start(dataDir, List.of(), java.util.Map.of());
  }

  /** As {@link #start(Path)}, the server's JVM started with these options (a heap size, say). */
  static ServerProcess start(Path dataDir, List<String> jvmOptions)
      throws IOException, InterruptedException {
    return start(dataDir, jvmOptions, java.util.Map.of());
  }

  /**
   * @param environment variables added to the server's environment (DOSSIER_* settings)
   */
  static ServerProcess start(Path dataDir, java.util.Map<String, String> environment)
      throws IOException, InterruptedException {
    return start(dataDir, List.of(), environment);
  }

  /**
   * @param jvmOptions options of the server's JVM (a heap size, say)
   * @param environment variables added to the server's environment (DOSSIER_* settings)
   */
  static ServerProcess start(
      Path dataDir, List<String> jvmOptions, java.util.Map<String, String> environment)
      throws IOException, InterruptedException {
    return start(dataDir, jvmOptions, environment, List.of());
  }

  /**
   * @param serveOptions more options of {@code serve} ({@code --sample}: the data directory holds
   *     this process's log already, so it is not a new one that demo mode would fill)
   */
  static ServerProcess start(
      Path dataDir,
      List<String> jvmOptions,
      java.util.Map<String, String> environment,
      List<String> serveOptions)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    List<String> serve =
        new ArrayList<>(
            List.of("serve", "--port", Integer.toString(port), "--data", dataDir.toString()));
    serve.addAll(serveOptions);
    ProcessBuilder builder =
        new ProcessBuilder(command(jvmOptions, serve.toArray(String[]::new)))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    ServerProcess server = new ServerProcess(process, "http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpURLConnection health =
            (HttpURLConnection) URI.create(server.url + "/health").toURL().openConnection();
        if (health.getResponseCode() == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException(
        "the server did not start: see " + dataDir.resolve("server.log"));
  }

  /**
   * The command line of {@code dossier ARGS} in a JVM of its own, on this JVM's class path (the
   * bench jar names {@code dossier.jar} beside it).
   */
  static List<String> command(String... args) {
    return command(List.of(), args);
  }

  private static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      // (Not thrown from close(): a try-with-resources would hide it behind the benchmark's own
      // failure.)
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
