package org.dossier.iiif.image;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (a URI it refuses before any resource sees it, such as an encoded
 * slash in an identifier) carry the CORS header too when they answer an Image API path, so that a
 * viewer on another origin can read why its request failed.
 */
public final class ImageServerErrors extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path != null && path.startsWith("/iiif/image/")) {
      response.getHeaders().put("Access-Control-Allow-Origin", "*");
    }
    return super.handle(request, response, callback);
  }
}
