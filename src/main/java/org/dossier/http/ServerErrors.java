package org.dossier.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (a URI it refuses before any resource sees it, such as an encoded
 * slash in an image identifier) follow the server's {@link CorsPolicy} too, so that a viewer or a
 * script on another origin can read why its request failed.
 */
final class ServerErrors extends ErrorHandler {
  private final CorsPolicy cors;

  ServerErrors(CorsPolicy cors) {
    this.cors = cors;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path != null && cors.covers(path)) {
      response.getHeaders().put(CorsFilter.ALLOW_ORIGIN, "*");
    }
    return super.handle(request, response, callback);
  }
}
