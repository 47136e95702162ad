package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.http.DossierServer;

/**
 * A real Dossier server for integration tests: {@link DossierServer#start} on a free port of the
 * loopback interface, with a fresh data directory (so the sample archive is loaded), and a real
 * HTTP client talking to it.
 */
public final class TestServer implements AutoCloseable {
  private final DossierServer server;
  private final Path dataDir;
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** True when this server made its data directory, which it then deletes on close. */
  private boolean ownsDataDir;

  private TestServer(DossierServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  /** A server on the sample archive with default settings. */
  public static TestServer start() throws IOException {
    return start(Map.of());
  }

  /** A server on the sample archive with some settings changed (by key). */
  public static TestServer start(Map<String, String> overrides) throws IOException {
    Path dir = Files.createTempDirectory("dossier-test");
    TestServer server;
    try {
      server = start(dir, overrides);
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
    server.ownsDataDir = true;
    return server;
  }

  /** A server on an existing data directory. */
  public static TestServer start(Path dataDir, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.putIfAbsent(Settings.SERVER_PORT.key(), "0");
    settings.putIfAbsent(Settings.SERVER_HOST.key(), "127.0.0.1");
    settings.putIfAbsent(Settings.DATA_DIR.key(), dataDir.toString());
    // Tests read the derived stores right after start: they start from caught-up stores, as
    // projection.startup=catch-up does; the tests of background start-up say so.
    settings.putIfAbsent(Settings.PROJECTION_STARTUP.key(), "catch-up");
    return new TestServer(DossierServer.start(Settings.load(null, Map.of(), settings)), dataDir);
  }

  public DossierServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The public base URL (http://localhost:PORT unless a test configured another). */
  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * Renders every sample scan still missing (the server renders each when it is first asked for),
   * so that a browser test showing many pages at once does not wait on their first looks.
   */
  public void renderSampleScans() throws IOException {
    server.sampleScans().renderAll();
  }

  /** The URL that really reaches this server, for a path such as "/oai?verb=Identify". */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  public HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    return client.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> getBytes(String path, String... headers)
      throws IOException, InterruptedException {
    return client.send(request(path, headers), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A GET of a path of this server with header name/value pairs. */
  private HttpRequest request(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request.build();
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpClient client() {
    return client;
  }

  @Override
  public void close() {
    server.close();
    if (ownsDataDir) {
      deleteTree(dataDir);
    }
  }

  /**
   * Deletes a directory and everything under it, symbolic links as links. Only a file that vanishes
   * meanwhile is passed over; anything else that cannot be deleted fails the test, since it means
   * something still writes after the server closed.
   */
  static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException gone) {
      // deleted already
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the test data directory " + root, e);
    }
  }

  /**
   * Runs the command line ({@code dossier ARGS --data DIR}) on this server's data directory, in
   * this process, with {@code stdin} as its input.
   *
   * @return its exit status, standard output and standard error
   */
  public String[] runCommand(String stdin, String... args) {
    String[] withData = new String[args.length + 2];
    System.arraycopy(args, 0, withData, 0, args.length);
    withData[args.length] = "--data";
    withData[args.length + 1] = dataDir().toString();
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.InputStream in = System.in;
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
    int status;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      System.setOut(new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8));
      status = org.dossier.cli.Main.run(withData);
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {
      Integer.toString(status),
      o.toString(java.nio.charset.StandardCharsets.UTF_8),
      e.toString(java.nio.charset.StandardCharsets.UTF_8)
    };
  }
}
