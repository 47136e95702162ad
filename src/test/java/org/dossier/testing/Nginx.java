package org.dossier.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx run as a reverse proxy for a test: as the current user, in the foreground ({@code
 * daemon off}), with its configuration, pid file, logs and temporary files in a directory of the
 * test's own, listening on a port of the loopback interface. Stopped with SIGTERM (nginx's fast
 * shutdown), which its workers follow.
 */
public final class Nginx implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private Nginx(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The nginx program on the PATH or at /usr/sbin/nginx (where Debian puts it), if any. */
  public static Optional<Path> binary() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String folder : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(folder, "nginx");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    Path debian = Path.of("/usr/sbin/nginx");
    return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
  }

  /** A free TCP port of the loopback interface (free when asked; bind it soon after). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts nginx with a {@code server} block listening on 127.0.0.1:{port}, whose body is {@code
   * serverBody} (locations and their directives), and waits until it accepts connections.
   */
  public static Nginx start(Path binary, Path dir, int port, String serverBody)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String d = dir.toAbsolutePath().toString();
    String conf =
        (isRoot() ? "user root;\n" : "")
            + "worker_processes 1;\n"
            + "error_log "
            + d
            + "/error.log warn;\n"
            + "pid "
            + d
            + "/nginx.pid;\n"
            + "events { worker_connections 256; }\n"
            + "http {\n"
            + "  access_log "
            + d
            + "/access.log;\n"
            + "  client_body_temp_path "
            + d
            + "/client_body;\n"
            + "  proxy_temp_path "
            + d
            + "/proxy;\n"
            + "  fastcgi_temp_path "
            + d
            + "/fastcgi;\n"
            + "  uwsgi_temp_path "
            + d
            + "/uwsgi;\n"
            + "  scgi_temp_path "
            + d
            + "/scgi;\n"
            + "  server {\n"
            + "    listen 127.0.0.1:"
            + port
            + ";\n"
            + "    server_name localhost;\n"
            + serverBody
            + "  }\n"
            + "}\n";
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process process =
        new ProcessBuilder(
                List.of(
                    binary.toString(), "-p", d + "/", "-c", file.toString(), "-g", "daemon off;"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    Nginx nginx = new Nginx(process, dir, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!nginx.accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log = nginx.log();
        nginx.close();
        throw new IOException("nginx did not start on port " + port + ":\n" + conf + "\n" + log);
      }
      Thread.sleep(50);
    }
    return nginx;
  }

  public int port() {
    return port;
  }

  /** nginx's access log (the "combined" format): one line per request it received. */
  public Path accessLog() {
    return dir.resolve("access.log");
  }

  /** What nginx wrote to its output and error log, for a failure's message. */
  public String log() {
    StringBuilder s = new StringBuilder();
    for (String name : List.of("nginx.out", "error.log")) {
      Path p = dir.resolve(name);
      try {
        if (Files.exists(p)) {
          s.append("--- ").append(name).append('\n').append(Files.readString(p));
        }
      } catch (IOException e) {
        s.append("(cannot read ").append(name).append(": ").append(e).append(")\n");
      }
    }
    return s.toString();
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isRoot() {
    try {
      // The owner of /proc/self is the user this process runs as.
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
