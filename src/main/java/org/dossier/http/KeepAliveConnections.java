package org.dossier.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Knows which connections have a request in progress, so that a stop closes the idle keep-alive
 * connections at once instead of waiting for their idle timeout, and closes each busy connection as
 * soon as its request has been answered in full.
 *
 * <p>Jetty's own graceful stop shortens every connection's idle timeout, busy or not: an idle
 * connection then lingers for that long, and a request whose client reads or sends slowly is cut
 * off after it. Here the idle timeout of busy connections stays as it was (the grace period bounds
 * the stop), and idle connections go without delay.
 */
final class KeepAliveConnections extends Handler.Wrapper {
  private final Set<Connection> busy = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  KeepAliveConnections(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Connection connection = request.getConnectionMetaData().getConnection();
    busy.add(connection);
    // Runs once the response has been written in full (or the request failed).
    Request.addCompletionListener(
        request,
        failure -> {
          busy.remove(connection);
          if (closing) {
            connection.getEndPoint().close();
          }
        });
    return super.handle(request, response, callback);
  }

  /**
   * From now on every connection closes once it is idle: those idle now are closed here, the busy
   * ones after the response they are sending. Call it after the connector stopped accepting.
   *
   * @return the number of connections that were busy
   */
  int closeIdle(ServerConnector connector) {
    closing = true;
    int stillBusy = 0;
    for (EndPoint endPoint : connector.getConnectedEndPoints()) {
      // Checked after 'closing' is set: a request that completes meanwhile closes its own
      // connection, so none is left open idle.
      if (busy.contains(endPoint.getConnection())) {
        stillBusy++;
      } else {
        endPoint.close();
      }
    }
    return stillBusy;
  }

  /** Requests being handled now. */
  int busy() {
    return busy.size();
  }
}
