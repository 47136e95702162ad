package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on {@code serve} as a process, with HTTP/1.1 keep-alive connections spoken byte by byte:
 * idle connections never hold the stop up, and a request in flight is answered in full before the
 * process exits.
 */
class ServeStopIT {
  /** One data directory for both tests: only the first start loads the sample archive. */
  @TempDir static Path dir;

  private static final long EXIT_LIMIT_MILLIS = 2_000;

  @Test
  void sigtermWithIdleKeepAliveConnectionsExitsWithinTwoSecondsWithoutATimeout() throws Exception {
    Serve serve = Serve.start(dir, "idle.log");
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Socket s = new Socket("127.0.0.1", serve.port);
        idle.add(s);
        // Two requests on each: the connection is kept alive between them and after.
        for (String path : List.of("/health", "/oai?verb=Identify")) {
          send(s, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
          Response r = Response.read(s.getInputStream());
          assertEquals(200, r.status, path);
          assertFalse(r.closes(), "kept alive: " + r.head);
        }
      }
      long t0 = System.nanoTime();
      serve.process.destroy(); // SIGTERM
      boolean exited = serve.process.waitFor(EXIT_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(exited, "exited within 2 s of SIGTERM (still running after " + millis + " ms)");
      assertEquals(143, serve.process.exitValue(), "terminated after the shutdown hook ran");
      for (Socket s : idle) {
        s.setSoTimeout(1000);
        assertEquals(-1, s.getInputStream().read(), "the server closed the idle connection");
      }
      String log = serve.log();
      assertFalse(log.contains("TimeoutException"), log);
      assertFalse(log.contains("did not stop cleanly"), log);
    } finally {
      serve.kill();
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void sigtermDuringASlowRequestAnswersItInFullThenExits() throws Exception {
    Serve serve = Serve.start(dir, "slow.log");
    try (Socket idle = new Socket("127.0.0.1", serve.port);
        Socket slow = new Socket("127.0.0.1", serve.port)) {
      send(idle, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertEquals(200, Response.read(idle.getInputStream()).status);
      // A SPARQL query sent by a slow client: the server is reading its body when SIGTERM comes.
      byte[] body =
          ("query="
                  + URLEncoder.encode(
                      "SELECT ?record WHERE { ?record a <http://www.europeana.eu/schemas/edm/ProvidedCHO> }",
                      StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.US_ASCII);
      int half = body.length / 2;
      send(
          slow,
          "POST /sparql HTTP/1.1\r\nHost: localhost\r\nAccept: application/sparql-results+json\r\n"
              + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
              + body.length
              + "\r\n\r\n");
      slow.getOutputStream().write(body, 0, half);
      slow.getOutputStream().flush();
      Thread.sleep(300);
      serve.process.destroy(); // SIGTERM
      // The idle connection goes at once; the slow one is still being served.
      idle.setSoTimeout((int) EXIT_LIMIT_MILLIS);
      assertEquals(-1, idle.getInputStream().read(), "the idle connection was closed");
      Thread.sleep(1500);
      assertTrue(serve.process.isAlive(), "still serving the request in flight");
      slow.getOutputStream().write(body, half, body.length - half);
      slow.getOutputStream().flush();
      slow.setSoTimeout(20_000);
      Response r = Response.read(slow.getInputStream());
      assertEquals(200, r.status, r.head);
      String json = new String(r.body, StandardCharsets.UTF_8);
      assertTrue(
          json.contains("\"bindings\"") && json.trim().endsWith("}"), r.head + "\n\n" + json);
      assertTrue(json.contains("/id/record/"), "the sample archive's records: " + json);
      assertTrue(r.closes(), "the server closes the connection after the answer: " + r.head);
      assertTrue(
          serve.process.waitFor(EXIT_LIMIT_MILLIS, TimeUnit.MILLISECONDS),
          "exited once the request was answered");
      assertEquals(143, serve.process.exitValue());
      String log = serve.log();
      assertFalse(log.contains("TimeoutException"), log);
    } finally {
      serve.kill();
    }
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One HTTP/1.1 response read off a connection: status, head, body (by length or chunks). */
  private record Response(int status, String head, byte[] body) {
    boolean closes() {
      return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    }

    static Response read(InputStream in) throws IOException {
      String head = line(in);
      StringBuilder all = new StringBuilder(head);
      long length = -1;
      boolean chunked = false;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        all.append("\r\n").append(h);
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; ) {
          body.write(in.readNBytes(n));
          line(in);
          n = Integer.parseInt(line(in).trim(), 16);
        }
        line(in);
      } else if (length >= 0) {
        body.write(in.readNBytes((int) length));
      } else {
        // Neither length nor chunks: the body ends where the server closes the connection.
        body.write(in.readAllBytes());
      }
      return new Response(Integer.parseInt(head.split(" ")[1]), all.toString(), body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed in a response: " + b);
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }
  }

  /** {@code java -jar dossier.jar serve} on a free port, ready (200 from /health). */
  private record Serve(Process process, int port, Path logFile) {
    static Serve start(Path dir, String log) throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path logFile = dir.resolve(log);
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  CommandLineIT.JAR.toAbsolutePath().toString(),
                  "serve",
                  "--data",
                  dir.resolve("data").toString(),
                  "--port",
                  Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      Serve serve = new Serve(p, port, logFile);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline && p.isAlive()) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.setSoTimeout(5000);
          send(s, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
          if (Response.read(s.getInputStream()).status == 200) {
            return serve;
          }
        } catch (IOException notYet) {
          // not listening yet, or listening and starting
        }
        Thread.sleep(100);
      }
      serve.kill();
      throw new AssertionError("serve did not turn ready: " + serve.log());
    }

    String log() throws IOException {
      return Files.readString(logFile);
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
