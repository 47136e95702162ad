package org.dossier.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every request is checked for before any protocol sees it, each answered with a status and a
 * line of text rather than a reset:
 *
 * <ul>
 *   <li>a URI Dossier does not serve (a {@code \}, bad UTF-8, an encoded {@code .} segment...):
 *       400, and the connection stays open, since the request was read to its end;
 *   <li>a URI longer than server.max-uri-length: 414, the connection open too;
 *   <li>a body larger than the route allows (oai.max-form-bytes for {@code /oai},
 *       sparql.max-body-bytes for {@code /sparql}, api.max-body-bytes under {@code /api/} but no
 *       limit for the admin API's imports, which are streamed into the importer, api.max-upload-mb
 *       for its scan uploads, which the route streams to disk and counts, server.max-body-bytes
 *       elsewhere): 413 (a problem document under {@code /api/}). A refused body of up to {@link
 *       #DRAIN_MAX_BYTES} that arrives promptly is read and dropped first, so that the client reads
 *       the answer and keeps the connection; anything else is answered at once with {@code
 *       Connection: close}. A body sent in chunks, without a length, is read up to the limit before
 *       the route sees it.
 * </ul>
 */
final class RequestGuard extends Handler.Wrapper {
  /**
   * The URIs Dossier serves: Jetty's default, but a name in a linked-data URI is one path segment
   * whatever it holds ("a/b" is a%2Fb, "100%" is 100%25; org.dossier.urls.Slugs), so an encoded '/'
   * or '%' is allowed; Jersey matches the raw path, where they never become a separator or an
   * escape.
   */
  static final UriCompliance SERVED =
      UriCompliance.DEFAULT.with(
          "dossier",
          UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
          UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

  private final CorsPolicy cors;
  private final BasePath basePath;
  private final int maxUriLength;
  private final long maxBody;
  private final long maxOaiBody;
  private final long maxSparqlBody;
  private final long maxApiBody;
  private final long maxUploadBody;

  /**
   * @param application the base path's handler, which the request reaches once it passed; the
   *     limits by route are those of the path it serves the request as
   */
  RequestGuard(Settings settings, CorsPolicy cors, BasePath application) {
    super(application);
    this.cors = cors;
    this.basePath = application;
    this.maxUriLength = settings.get(Settings.SERVER_MAX_URI_LENGTH);
    this.maxBody = settings.get(Settings.SERVER_MAX_BODY_BYTES);
    this.maxOaiBody = settings.get(Settings.OAI_MAX_FORM_BYTES);
    this.maxSparqlBody = settings.get(Settings.SPARQL_MAX_BODY_BYTES);
    this.maxApiBody = settings.get(Settings.API_MAX_BODY_BYTES);
    this.maxUploadBody = settings.get(Settings.API_MAX_UPLOAD_MB) * 1_048_576L;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpURI uri = request.getHttpURI();
    String pathQuery = uri.getPathQuery();
    if (pathQuery != null && pathQuery.length() > maxUriLength) {
      return refuse(
          request,
          response,
          callback,
          414,
          "the URI is longer than this server accepts (" + maxUriLength + " characters)",
          false);
    }
    String violation = null;
    for (UriCompliance.Violation v : uri.getViolations()) {
      if (!SERVED.allows(v)) {
        violation = v.getDescription();
        break;
      }
    }
    if (violation != null || uri.getCanonicalPath() == null) {
      return refuse(
          request,
          response,
          callback,
          400,
          violation == null ? "the URI's path is not valid" : violation,
          false);
    }
    String servedPath = basePath.served(uri.getPath());
    long limit = bodyLimit(servedPath);
    long length = request.getLength();
    if (length > limit) {
      if (length > DRAIN_MAX_BYTES) {
        return refuse(request, response, callback, 413, tooLarge(limit), true);
      }
      new Drain(request, response, callback, limit).start();
      return true;
    }
    if (length < 0
        && limit != UNLIMITED
        && (servedPath == null || !SCAN_UPLOAD.matcher(servedPath).matches())
        && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
      byte[] body;
      InputStream in = Content.Source.asInputStream(request);
      try {
        body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      } catch (IOException e) {
        return refuse(request, response, callback, 400, "the request body could not be read", true);
      }
      if (body.length > limit) {
        // The stream is left open: closing it would fail the rest of the body, which is drained.
        new Drain(request, response, callback, limit).start();
        return true;
      }
      in.close();
      return super.handle(new ReadBody(request, body), response, callback);
    }
    return super.handle(request, response, callback);
  }

  private long bodyLimit(String path) {
    if (path == null) {
      return maxBody;
    }
    if ("/oai".equals(path)) {
      return maxOaiBody;
    }
    if ("/sparql".equals(path)) {
      return maxSparqlBody;
    }
    if (IMPORTS.equals(path)) {
      return UNLIMITED;
    }
    if (SCAN_UPLOAD.matcher(path).matches()) {
      return maxUploadBody;
    }
    if (path != null && path.startsWith("/api/")) {
      return maxApiBody;
    }
    return maxBody;
  }

  /** The admin API's imports: streamed into the importer as they arrive, so of any length. */
  private static final String IMPORTS = Urls.API + "/imports";

  private static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * The admin API's scan uploads: up to api.max-upload-mb, and streamed to disk by the route, which
   * counts a body sent in chunks itself (so it is not read here).
   */
  private static final java.util.regex.Pattern SCAN_UPLOAD =
      java.util.regex.Pattern.compile(
          java.util.regex.Pattern.quote(Urls.API) + "/records/[^/]+/pages/[^/]+/image");

  private static String tooLarge(long limit) {
    return "the request body is larger than this route accepts (" + limit + " bytes)";
  }

  private boolean refuse(
      Request request,
      Response response,
      Callback callback,
      int status,
      String why,
      boolean close) {
    response.setStatus(status);
    String path = basePath.served(request.getHttpURI().getPath());
    if (path != null && path.startsWith("/api/")) {
      // The admin API answers every error as an RFC 9457 problem document.
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      if (close) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      String json =
          "{\"type\":\"about:blank\",\"title\":\""
              + HttpStatus.getMessage(status)
              + "\",\"status\":"
              + status
              + ",\"detail\":\""
              + why.replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"}";
      response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (close) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    if (path != null && cors.covers(path)) {
      response.getHeaders().put(CorsFilter.ALLOW_ORIGIN, "*");
    }
    String text = status + " " + HttpStatus.getMessage(status) + ": " + why + "\n";
    response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }

  /**
   * A refused body of at most this many bytes is read and dropped before the 413 is sent, so that a
   * client still writing it reads the answer rather than a reset, and the connection is kept.
   */
  static final long DRAIN_MAX_BYTES = 4L << 20;

  /** How long a refused body may pause, and how long it may take in all, before it is cut off. */
  static final long DRAIN_IDLE_MILLIS = 250;

  static final long DRAIN_TOTAL_MILLIS = 2_000;

  /**
   * Reads a refused body to its end without blocking a thread, then answers 413 and keeps the
   * connection; a body that stops arriving for {@link #DRAIN_IDLE_MILLIS}, takes longer than {@link
   * #DRAIN_TOTAL_MILLIS} or goes past {@link #DRAIN_MAX_BYTES} is answered at once, with {@code
   * Connection: close} since the rest of it is left unread.
   */
  private final class Drain implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long limit;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long started = System.nanoTime();
    private volatile long lastRead = started;
    private long read;

    Drain(Request request, Response response, Callback callback, long limit) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.limit = limit;
    }

    void start() {
      watch();
      run();
    }

    @Override
    public void run() {
      while (!answered.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          answer(true);
          return;
        }
        read += chunk.remaining();
        lastRead = System.nanoTime();
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          answer(false);
          return;
        }
        if (read > DRAIN_MAX_BYTES) {
          answer(true);
          return;
        }
      }
    }

    private void watch() {
      request
          .getComponents()
          .getScheduler()
          .schedule(this::check, DRAIN_IDLE_MILLIS / 2, TimeUnit.MILLISECONDS);
    }

    private void check() {
      if (answered.get()) {
        return;
      }
      long now = System.nanoTime();
      if (now - lastRead > TimeUnit.MILLISECONDS.toNanos(DRAIN_IDLE_MILLIS)
          || now - started > TimeUnit.MILLISECONDS.toNanos(DRAIN_TOTAL_MILLIS)) {
        answer(true);
      } else {
        watch();
      }
    }

    private void answer(boolean close) {
      if (answered.compareAndSet(false, true)) {
        refuse(request, response, callback, 413, tooLarge(limit), close);
      }
    }
  }

  /** A request whose body, sent in chunks, has been read already (it is within the limit). */
  private static final class ReadBody extends Request.Wrapper {
    private Content.Chunk next;

    ReadBody(Request request, byte[] body) {
      super(request);
      this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = next;
      next = Content.Chunk.EOF;
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }

    @Override
    public boolean consumeAvailable() {
      next = Content.Chunk.EOF;
      return true;
    }
  }
}
