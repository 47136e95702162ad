package org.dossier.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the server answers between binding its port and opening its catalog: 503 with Retry-After to
 * everything, {@code {"status": "starting"}} to {@code /health} and {@code /health/ready} ({@code
 * /health/live} is answered 200 before this, by {@link Operations}). {@link DossierServer} puts the
 * application in its place once every protocol can be built with the open catalog.
 */
final class Starting extends Handler.Abstract.NonBlocking {
  private static final byte[] HEALTH = "{\"status\":\"starting\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MESSAGE =
      "Dossier is starting: the catalog is being opened. Try again in a moment.\n"
          .getBytes(StandardCharsets.UTF_8);

  private final CorsPolicy cors;

  Starting(CorsPolicy cors) {
    this.cors = cors;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    boolean health = path.equals("/health") || path.equals("/health/ready");
    response.setStatus(503);
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response
        .getHeaders()
        .put(HttpHeader.CONTENT_TYPE, health ? "application/json" : "text/plain;charset=UTF-8");
    if (cors.covers(path)) {
      response.getHeaders().put(CorsFilter.ALLOW_ORIGIN, "*");
    }
    response.write(true, ByteBuffer.wrap(health ? HEALTH : MESSAGE), callback);
    return true;
  }
}
