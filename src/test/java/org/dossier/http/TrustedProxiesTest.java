package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.RawHttp;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarded headers as a real Jetty connector configured by {@link TrustedProxies#install} reads
 * them: a handler behind it says what the request looks like to the server (client address, scheme,
 * whether it is secure), for requests sent on raw sockets from two loopback addresses, 127.0.0.1
 * and 127.0.0.2, one trusted and one not.
 */
class TrustedProxiesTest {
  private static final InetAddress ONE = address("127.0.0.1");
  private static final InetAddress TWO = address("127.0.0.2");
  private static final String FORWARDED =
      "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n";

  private Server jetty;

  @AfterEach
  void stop() throws Exception {
    if (jetty != null) {
      jetty.stop();
    }
  }

  @Test
  void headersFromATrustedProxyNameTheClientAndItsScheme() throws Exception {
    int port = start("127.0.0.2, 10.0.0.0/8");
    assertEquals("203.0.113.7 https secure", seen(port, TWO, FORWARDED));
    assertEquals(
        "198.51.100.4 https secure",
        seen(port, TWO, "Forwarded: for=198.51.100.4;proto=https;host=evil.example\r\n"));
    // A trusted proxy that forwards nothing leaves the request as it came.
    assertEquals("127.0.0.2 http plain", seen(port, TWO, ""));
  }

  @Test
  void headersFromAnyoneElseChangeNothing() throws Exception {
    int port = start("127.0.0.2, 10.0.0.0/8");
    assertEquals("127.0.0.1 http plain", seen(port, ONE, FORWARDED));
    assertEquals(
        "127.0.0.1 http plain",
        seen(port, ONE, "Forwarded: for=198.51.100.4;proto=https;host=evil.example\r\n"));
  }

  @Test
  void aRangeTrustsEveryAddressInIt() throws Exception {
    int port = start("127.0.0.0/30");
    assertEquals("203.0.113.7 https secure", seen(port, ONE, FORWARDED));
    assertEquals("203.0.113.7 https secure", seen(port, TWO, FORWARDED));
  }

  @Test
  void byDefaultNoOneIsTrusted() throws Exception {
    int port = start("");
    assertEquals("127.0.0.1 http plain", seen(port, ONE, FORWARDED));
    assertEquals("127.0.0.2 http plain", seen(port, TWO, FORWARDED));
  }

  /** A server whose connector trusts these proxies, answering what it sees; its port. */
  private int start(String trustedProxies) throws Exception {
    Settings settings =
        Settings.load(null, Map.of(), Map.of("server.trusted-proxies", trustedProxies));
    jetty = new Server();
    ServerConnector connector = HttpLimits.connector(jetty, settings);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    TrustedProxies.install(connector, settings);
    jetty.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            String seen =
                Request.getRemoteAddr(request)
                    + " "
                    + request.getHttpURI().getScheme()
                    + " "
                    + (request.isSecure() ? "secure" : "plain");
            response.write(true, ByteBuffer.wrap(seen.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    jetty.start();
    return connector.getLocalPort();
  }

  private static String seen(int port, InetAddress from, String headers) throws Exception {
    try (RawHttp http = new RawHttp(port, from)) {
      http.send("GET /x HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n");
      RawHttp.Answer answer = http.read();
      assertEquals(200, answer.status());
      return answer.body();
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
