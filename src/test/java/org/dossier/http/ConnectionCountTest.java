package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dossier.config.Settings;
import org.dossier.testing.RawHttp;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The bounds on connections of a real server: how many may be open, how long one may idle. */
class ConnectionCountTest {
  @Test
  void beyondTheMostConnectionsANewOneWaitsUntilOneCloses() throws Exception {
    try (TestServer server = TestServer.start(Map.of(Settings.SERVER_MAX_CONNECTIONS.key(), "2"))) {
      int port = server.server().port();
      RawHttp first = new RawHttp(port);
      try (RawHttp second = new RawHttp(port)) {
        assertEquals(200, first.get("/health").status());
        assertEquals(200, second.get("/health").status());
        try (RawHttp third = new RawHttp(port)) {
          third.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
          CompletableFuture<Integer> answer =
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return third.read().status();
                    } catch (SocketTimeoutException e) {
                      return -1;
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });
          try {
            answer.get(1500, TimeUnit.MILLISECONDS);
            throw new AssertionError("a third connection was served while two were open");
          } catch (TimeoutException expected) {
            // waiting in the accept queue
          }
          first.close();
          assertEquals(200, answer.get(10, TimeUnit.SECONDS));
        }
      } finally {
        first.close();
      }
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (TestServer server =
        TestServer.start(Map.of(Settings.SERVER_IDLE_TIMEOUT_SECONDS.key(), "1"))) {
      try (RawHttp c = new RawHttp(server.server().port())) {
        assertEquals(200, c.get("/health").status());
        Thread.sleep(1500);
        assertTrue(c.closedByServer(), "still open after the idle timeout");
      }
    }
  }

  /**
   * A client that sends its request and leaves at once: writing the response fails, and the server
   * must then close its side too. (Jersey gave such a request up without ending it, and Jetty kept
   * the connection for ever, counted against the most connections: here two such clients would
   * leave no room for a third.)
   */
  @Test
  void aClientThatLeavesBeforeItsResponseLeavesNoConnectionBehind() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                Settings.SERVER_MAX_CONNECTIONS.key(), "2",
                Settings.SERVER_IDLE_TIMEOUT_SECONDS.key(), "1"))) {
      int port = server.server().port();
      for (String path : List.of("/health", "/oai?verb=ListRecords&metadataPrefix=oai_dc")) {
        for (int i = 0; i < 6; i++) {
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream()
                .write(
                    ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
          }
        }
        try (RawHttp c = new RawHttp(port)) {
          assertEquals(200, c.get("/health").status(), "after clients of " + path + " left");
        } catch (SocketTimeoutException e) {
          throw new AssertionError(
              "no connection was free after clients of " + path + " left: " + e, e);
        }
      }
    }
  }
}
