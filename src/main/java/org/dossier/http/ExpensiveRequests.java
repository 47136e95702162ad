package org.dossier.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dossier.config.Settings;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A bound on how many requests of each expensive kind are served at once, counted until the last
 * byte of the answer is written: whole-dataset dumps (rdf.dump-max-concurrent), search pages and
 * IIIF Content Search (site.search-max-concurrent), and IIIF collections and their parts
 * (iiif.collection-max-concurrent). One more is answered 503 with {@code Retry-After} and a line of
 * text, so that a burst of them cannot take every thread from the cheap requests. (SPARQL queries
 * and computed images are bounded by their protocols, sparql.max-concurrent and
 * iiif.image.concurrency.)
 */
final class ExpensiveRequests extends Handler.Wrapper {
  /** How long a request waits for a place before it is refused. */
  private static final long WAIT_MILLIS = 200;

  private final CorsPolicy cors;
  private final Semaphore dumps;
  private final Semaphore searches;
  private final Semaphore collections;

  ExpensiveRequests(Settings settings, CorsPolicy cors, Handler application) {
    super(application);
    this.cors = cors;
    this.dumps = new Semaphore(settings.get(Settings.RDF_DUMP_MAX_CONCURRENT));
    this.searches = new Semaphore(settings.get(Settings.SITE_SEARCH_MAX_CONCURRENT));
    this.collections = new Semaphore(settings.get(Settings.IIIF_COLLECTION_MAX_CONCURRENT));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Semaphore bound = bound(request);
    if (bound == null) {
      return super.handle(request, response, callback);
    }
    // A short wait: a client that sends its next request as soon as it has read an answer may be
    // a moment ahead of the server's giving back of that answer's place.
    if (!bound.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
      response.setStatus(503);
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
      String path = request.getHttpURI().getPath();
      if (path != null && cors.covers(path)) {
        response.getHeaders().put(CorsFilter.ALLOW_ORIGIN, "*");
      }
      String text =
          "503 Service Unavailable: the server is answering as many requests of this kind as it"
              + " may at once; try again shortly\n";
      response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            bound.release();
          }
        };
    Callback releasing =
        new Callback() {
          @Override
          public void succeeded() {
            release.run();
            callback.succeeded();
          }

          @Override
          public void failed(Throwable x) {
            release.run();
            callback.failed(x);
          }

          @Override
          public InvocationType getInvocationType() {
            return callback.getInvocationType();
          }
        };
    try {
      if (super.handle(request, response, releasing)) {
        return true;
      }
      release.run();
      return false;
    } catch (Exception | Error e) {
      release.run();
      throw e;
    }
  }

  /** The bound a request counts against, or null for a request that is not expensive. */
  private Semaphore bound(Request request) {
    String method = request.getMethod();
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      return null;
    }
    String path = request.getHttpURI().getPath();
    if (path == null) {
      return null;
    }
    if (path.startsWith("/dumps/") && path.endsWith(".gz")) {
      return dumps;
    }
    if (path.equals("/search") || path.startsWith("/iiif/search/")) {
      return searches;
    }
    if (path.startsWith("/iiif/3/collection/") || path.startsWith("/iiif/2/collection/")) {
      return collections;
    }
    return null;
  }
}
