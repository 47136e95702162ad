package org.dossier.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses, for a request it cannot pass on (a request line it cannot parse, a
 * {@code %00} in the path, a head larger than server.max-header-bytes): a status line and one line
 * of text. When Jetty is going to close the connection after it (the rest of the stream cannot be
 * trusted to start a request), the answer says {@code Connection: close}, so that a client never
 * sends its next request into a connection that is gone. They follow the server's {@link
 * CorsPolicy} too, so that a viewer or a script on another origin can read why its request failed.
 */
final class ServerErrors extends ErrorHandler {
  private final CorsPolicy cors;

  ServerErrors(CorsPolicy cors) {
    this.cors = cors;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (path != null && cors.covers(path)) {
      response.getHeaders().put(CorsFilter.ALLOW_ORIGIN, "*");
    }
    if (!request.getConnectionMetaData().isPersistent()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.getHeaders().put(RequestIds.HEADER, RequestIds.of(request));
    int status = response.getStatus();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    String text = status + " " + HttpStatus.getMessage(status) + "\n";
    response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
