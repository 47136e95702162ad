package org.dossier.http;

import org.dossier.config.Settings;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bounds of the HTTP server, from {@link Settings}: a thread pool of bounded size, a bounded
 * number of open connections, a connector with an idle timeout, a listen backlog and a largest
 * request head. Past the head's size Jetty answers 431 (414 for the request line) and closes the
 * connection, saying so; the bounds that can be answered while the connection stays usable (URI
 * length, URI form, body size) are {@link RequestGuard}'s.
 */
final class HttpLimits {
  private HttpLimits() {}

  /**
   * Threads that serve requests: at most server.max-threads. Their queue of work is bounded by the
   * connections that may be open ({@link #limitConnections}), not by a length of its own, which
   * Jetty advises against (a full queue would refuse its own selector tasks too).
   */
  static QueuedThreadPool threads(Settings settings) {
    int max = settings.get(Settings.SERVER_MAX_THREADS);
    QueuedThreadPool threads = new QueuedThreadPool(max, Math.min(8, max));
    threads.setName("http");
    return threads;
  }

  /** The one HTTP/1.1 connector, not yet bound to a host and port. */
  static ServerConnector connector(Server jetty, Settings settings) {
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(settings.get(Settings.SERVER_MAX_HEADER_BYTES));
    // Every URI the parser can read reaches RequestGuard, which refuses the ones Dossier does not
    // serve with a 400 of its own: Jetty's refusal after the request has been read left the
    // connection in a state where a pipelined next request went unanswered.
    http.setUriCompliance(UriCompliance.UNSAFE);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setIdleTimeout(settings.get(Settings.SERVER_IDLE_TIMEOUT_SECONDS) * 1000L);
    connector.setAcceptQueueSize(settings.get(Settings.SERVER_ACCEPT_QUEUE));
    return connector;
  }

  /** At most server.max-connections open at once; beyond it the server stops accepting. */
  static void limitConnections(Server jetty, ServerConnector connector, Settings settings) {
    jetty.addBean(
        new NetworkConnectionLimit(settings.get(Settings.SERVER_MAX_CONNECTIONS), connector));
  }
}
