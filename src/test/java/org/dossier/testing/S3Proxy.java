package org.dossier.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests and benchmarks: S3Proxy (Maven Central's {@code
 * org.gaul:s3proxy}, jar with dependencies, copied to {@code target/s3proxy/s3proxy.jar} by the
 * build) with its filesystem backend, run as a process of its own on a loopback port, since it
 * brings its own Jetty. It checks AWS signatures (v2 or v4) with a fixed key pair. It can be
 * stopped and started again on the same port and folder, to play an outage.
 */
public final class S3Proxy implements AutoCloseable {
  public static final String ACCESS_KEY = "dossier-test";
  public static final String SECRET_KEY = "dossier-test-secret";

  private final Path dir;
  private final int port;
  private Process process;

  private S3Proxy(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** The S3Proxy jar: the {@code s3proxy.jar} system property, else the build's copy. */
  public static Path jar() {
    return Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
  }

  /**
   * Starts a server keeping its buckets under {@code dir}, and waits until it accepts connections.
   */
  public static S3Proxy start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    S3Proxy proxy = new S3Proxy(dir, port);
    proxy.start();
    return proxy;
  }

  /** Starts the server (again) on its port. */
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return;
    }
    Path data = dir.resolve("buckets");
    Files.createDirectories(data);
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        "s3proxy.endpoint=http://127.0.0.1:"
            + port
            + "\n"
            + "s3proxy.authorization=aws-v2-or-v4\n"
            + "s3proxy.identity="
            + ACCESS_KEY
            + "\n"
            + "s3proxy.credential="
            + SECRET_KEY
            + "\n"
            + "jclouds.provider=filesystem\n"
            + "jclouds.filesystem.basedir="
            + data.toAbsolutePath()
            + "\n");
    Path jar = jar();
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: 'mvn process-test-resources' copies it there");
    }
    Path log = dir.resolve("s3proxy.log");
    process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IOException(
            "S3Proxy did not start on port " + port + ":\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the server (its buckets stay on disk), and waits until it is gone. */
  public synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The settings that put a Dossier node's storage in {@code bucket} of this server. */
  public Map<String, String> settings(String bucket) {
    return Map.of(
        "storage.type",
        "s3",
        "storage.s3.endpoint",
        endpoint(),
        "storage.s3.bucket",
        bucket,
        "storage.s3.access-key",
        ACCESS_KEY,
        "storage.s3.secret-key",
        SECRET_KEY,
        "storage.s3.path-style",
        "true",
        "storage.s3.timeout-millis",
        "1000");
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
