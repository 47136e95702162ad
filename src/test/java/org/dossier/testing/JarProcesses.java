package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Processes of the packaged jar for the integration tests that run it as an operator does: {@code
 * serve} nodes of a cluster, each on a port of its own with its log in the test's directory, and
 * commands (import, token, rebuild …) run to their end. Each process has only the {@code DOSSIER_}
 * variables it is given; {@link #close} kills those still running.
 */
public final class JarProcesses implements AutoCloseable {
  /** The packaged jar (failsafe names it in {@code dossier.jar}). */
  public static final Path JAR = Path.of(System.getProperty("dossier.jar", "target/dossier.jar"));

  private final Path dir;
  private final Duration requestTimeout;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Process> processes = new ArrayList<>();
  private String lastOutput = "";

  /**
   * @param dir where the processes run, their data directories and their logs go
   * @param requestTimeout how long a node's answer to one request may take
   */
  public JarProcesses(Path dir, Duration requestTimeout) {
    this.dir = dir;
    this.requestTimeout = requestTimeout;
  }

  /**
   * {@code java HEAP -jar dossier.jar ARGS}, run in {@code dir}, without the {@code DOSSIER_}
   * variables of this process's environment.
   */
  public static ProcessBuilder java(Path dir, String heap, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
    b.environment().keySet().removeIf(k -> k.startsWith("DOSSIER_"));
    return b;
  }

  /** A port the OS had free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code serve} as cluster node {@code name} on a free port, on the data directory {@code
   * node-NAME}, with {@code environment}; its log is a new file named after it.
   */
  public Node start(String name, Map<String, String> environment) throws IOException {
    int port = freePort();
    Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
    ProcessBuilder b =
        java(dir, "-Xmx384m", "serve", "--data", dir.resolve("node-" + name).toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    b.environment().putAll(environment);
    b.environment().put("DOSSIER_SERVER_PORT", Integer.toString(port));
    b.environment().put("DOSSIER_CLUSTER_NODE_NAME", name);
    Process p = b.start();
    processes.add(p);
    return new Node(name, p, port, log);
  }

  /**
   * Runs a command of the jar to its end (within 300 s) with {@code environment}; its output is
   * then {@link #lastOutput}, and printed (its start) when it exits other than 0.
   *
   * @return its exit status
   */
  public int run(Map<String, String> environment, String... args) throws Exception {
    Path out = Files.createTempFile(dir, "cmd-", ".txt");
    ProcessBuilder b =
        java(dir, "-Xmx384m", args).redirectErrorStream(true).redirectOutput(out.toFile());
    b.environment().putAll(environment);
    Process p = b.start();
    processes.add(p);
    p.getOutputStream().close();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "ended: " + List.of(args));
    lastOutput = Files.readString(out);
    if (p.exitValue() != 0) {
      System.out.println(lastOutput.substring(0, Math.min(4000, lastOutput.length())));
    }
    return p.exitValue();
  }

  /** What the last command run printed. */
  public String lastOutput() {
    return lastOutput;
  }

  /**
   * A new API token with the write scope, made by the {@code token create} command on the data
   * directory {@code data}.
   */
  public String writeToken(Map<String, String> environment, Path data) throws Exception {
    Path out = dir.resolve("token-" + System.nanoTime() + ".txt");
    ProcessBuilder b =
        java(
                dir,
                "-Xmx256m",
                "token",
                "create",
                "--name",
                "cluster-test",
                "--scope",
                "write",
                "--data",
                data.toString())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    b.environment().putAll(environment);
    Process p = b.start();
    processes.add(p);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return Files.readString(out).strip();
  }

  /** Kills every process started here that still runs. */
  @Override
  public void close() {
    for (Process p : processes) {
      kill(p);
    }
  }

  private static void kill(Process p) {
    if (p.isAlive()) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One {@code serve} process, asked over HTTP on loopback. */
  public final class Node {
    public final String name;
    public final Process process;
    public final int port;
    private final Path log;

    private Node(String name, Process process, int port, Path log) {
      this.name = name;
      this.process = process;
      this.port = port;
      this.log = log;
    }

    public URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The status of a GET of {@code path}. */
    public int status(String path) throws IOException, InterruptedException {
      return http.send(
              HttpRequest.newBuilder(uri(path)).timeout(requestTimeout).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }

    /** The body of a GET of {@code path}, which must answer 200. */
    public String body(String path) throws IOException, InterruptedException {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri(path)).timeout(requestTimeout).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), name + " " + path + ": " + r.body());
      return r.body();
    }

    /** The bytes of a GET of {@code path}, which must answer 200 within {@code timeout}. */
    public byte[] bytes(String path, Duration timeout) throws IOException, InterruptedException {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(uri(path)).timeout(timeout).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(
          200,
          r.statusCode(),
          () -> name + " " + path + ": " + new String(r.body(), StandardCharsets.UTF_8));
      return r.body();
    }

    /** A request with a bearer token and a body of {@code type}. */
    public HttpResponse<String> send(
        String method, String path, String token, String type, HttpRequest.BodyPublisher body)
        throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(uri(path))
              .timeout(requestTimeout)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", type)
              .method(method, body)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (120 s at most) for 200 from /health; fails at once if the process ends. */
    public void awaitReady() {
      await(
          () -> {
            assertTrue(process.isAlive(), "node " + name + " ended: " + log());
            return status("/health") == 200;
          },
          120,
          "node " + name + " ready");
    }

    /** What the node has written so far. */
    public String log() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return e.toString();
      }
    }

    public void kill() {
      JarProcesses.kill(process);
    }
  }

  /** A condition to wait for; an exception or a failed assertion counts as not yet. */
  public interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Checks every 50 ms until {@code check} holds; fails after {@code seconds} with {@code what} and
   * the last failure.
   */
  public static void await(Check check, long seconds, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AssertionError last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (AssertionError e) {
        last = e;
      } catch (Exception e) {
        last = new AssertionError(e);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new AssertionError("not within " + seconds + " s: " + what, last);
  }
}
