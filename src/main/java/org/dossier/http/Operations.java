package org.dossier.http;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dossier.metrics.Metrics;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The operations paths that answer before the application, even while the server starts:
 *
 * <ul>
 *   <li>{@code /health/live}: 200 as long as the process answers;
 *   <li>{@code /metrics}: the Prometheus text format. On the server's port only to the addresses of
 *       metrics.allow (others get 403); with metrics.port set, only on that port, which serves
 *       nothing else (404), and not on the server's port.
 * </ul>
 */
final class Operations extends Handler.Wrapper {
  private static final byte[] LIVE = "{\"status\":\"live\"}".getBytes(StandardCharsets.UTF_8);

  private final boolean enabled;

  /** Null until the server's metrics are built, a moment after it binds. */
  private volatile Metrics metrics;

  private final AddressRanges allowed;

  /** The connector of metrics.port, or null when /metrics is on the server's port. */
  private final Connector metricsConnector;

  /**
   * @param enabled whether /metrics is served (metrics.enabled)
   */
  Operations(
      boolean enabled, AddressRanges allowed, Connector metricsConnector, Handler application) {
    super(application);
    this.enabled = enabled;
    this.allowed = allowed;
    this.metricsConnector = metricsConnector;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    boolean onMetricsPort =
        metricsConnector != null
            && request.getConnectionMetaData().getConnector() == metricsConnector;
    if (onMetricsPort) {
      if ("/metrics".equals(path)) {
        return scrape(request, response, callback);
      }
      return answer(response, callback, 404, "text/plain;charset=utf-8", notFound());
    }
    if ("/health/live".equals(path)) {
      return answer(response, callback, 200, "application/json", LIVE);
    }
    if (enabled && metricsConnector == null && "/metrics".equals(path)) {
      SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
      if (!(remote instanceof InetSocketAddress inet) || !allowed.contains(inet.getAddress())) {
        return answer(
            response,
            callback,
            403,
            "text/plain;charset=utf-8",
            "403 Forbidden: /metrics is not served to this address (metrics.allow)\n"
                .getBytes(StandardCharsets.UTF_8));
      }
      return scrape(request, response, callback);
    }
    return super.handle(request, response, callback);
  }

  /** Serves these metrics from now on. */
  void use(Metrics built) {
    this.metrics = built;
  }

  private static byte[] notFound() {
    return "404 Not Found: this port serves /metrics only\n".getBytes(StandardCharsets.UTF_8);
  }

  private boolean scrape(Request request, Response response, Callback callback) throws Exception {
    if (!enabled) {
      return answer(response, callback, 404, "text/plain;charset=utf-8", notFound());
    }
    Metrics counted = metrics;
    if (counted == null) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      return answer(
          response,
          callback,
          503,
          "text/plain;charset=utf-8",
          "503 Service Unavailable: the server is starting\n".getBytes(StandardCharsets.UTF_8));
    }
    String method = request.getMethod();
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      return answer(
          response,
          callback,
          405,
          "text/plain;charset=utf-8",
          "405 Method Not Allowed\n".getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream(32 * 1024);
    counted.scrape(text);
    return answer(response, callback, 200, Metrics.contentType(), text.toByteArray());
  }

  private static boolean answer(
      Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
