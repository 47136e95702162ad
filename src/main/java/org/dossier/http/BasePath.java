package org.dossier.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.dossier.config.Settings;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the application under the path of the public base URL (such as {@code /archive} in {@code
 * https://example.org/archive}) whatever the reverse proxy in front does with it, as {@code
 * server.path-prefix} says:
 *
 * <ul>
 *   <li>{@code auto}: a request for {@code /archive} or below is served with that path removed
 *       ({@code /archive/oai} as {@code /oai}), any other as it is, so a proxy that strips the path
 *       and one that passes it on both work with the same configuration;
 *   <li>{@code strip}: every request is served as it arrives;
 *   <li>{@code keep}: only requests under the path are served (without it); others are answered
 *       404.
 * </ul>
 *
 * <p>Every link the server writes comes from the base URL ({@code org.dossier.urls.Urls}), so none
 * depends on which of the two forms a request came in. With a base URL at the host's root, nothing
 * changes.
 */
final class BasePath extends Handler.Wrapper {
  /** What the proxy does with the base URL's path. */
  enum Mode {
    AUTO,
    STRIP,
    KEEP;

    static Mode of(Settings settings) {
      return valueOf(settings.get(Settings.SERVER_PATH_PREFIX).toUpperCase(Locale.ROOT));
    }
  }

  private static final byte[] NOT_HERE =
      "404 Not Found: this server answers under its base URL's path only\n"
          .getBytes(StandardCharsets.UTF_8);

  /** The base URL's path without the trailing slash ({@code /archive}), or empty at the root. */
  private final String prefix;

  private final Mode mode;

  /**
   * @param rootPath the base URL's raw path with its trailing slash ({@code /archive/} or {@code
   *     /})
   */
  BasePath(String rootPath, Mode mode, Handler application) {
    super(application);
    this.prefix = rootPath.substring(0, rootPath.length() - 1);
    this.mode = prefix.isEmpty() ? Mode.STRIP : mode;
  }

  /**
   * The path a request is served as: its raw path with the base URL's path removed when this server
   * removes it, or null when the request is not served at all ({@code keep}, outside the path).
   */
  String served(String rawPath) {
    if (mode == Mode.STRIP || rawPath == null) {
      return rawPath;
    }
    if (rawPath.equals(prefix)) {
      return "/";
    }
    if (rawPath.startsWith(prefix) && rawPath.charAt(prefix.length()) == '/') {
      return rawPath.substring(prefix.length());
    }
    return mode == Mode.KEEP ? null : rawPath;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    String served = served(path);
    if (served == null) {
      response.setStatus(404);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
      response.write(true, ByteBuffer.wrap(NOT_HERE), callback);
      return true;
    }
    if (served.equals(path)) {
      return super.handle(request, response, callback);
    }
    // RequestGuard has refused every URI whose path Dossier does not serve, so the shorter path
    // parses as the whole one did, with the same allowed violations (an encoded '/' in a name).
    HttpURI shorter = HttpURI.build(uri).path(served).asImmutable();
    return super.handle(Request.serveAs(request, shorter), response, callback);
  }
}
