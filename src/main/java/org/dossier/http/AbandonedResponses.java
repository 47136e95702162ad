package org.dossier.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Ends the requests that Jersey gives up on. When a client goes away while its response is being
 * written, Jersey's Jetty container stops writing but completes neither way the callback Jetty gave
 * it (its {@code failure} does nothing once the response is committed). Jetty then keeps the
 * connection and its request for ever: every idle timeout adds an exception to the request's
 * failure, and the connection counts against {@code server.max-connections}. The resources are
 * synchronous, so when Jersey returns, it is done: a callback still open then is failed here, and
 * Jetty closes the connection.
 */
final class AbandonedResponses extends Handler.Wrapper {
  AbandonedResponses(Handler jersey) {
    super(jersey);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Once once = new Once(callback);
    boolean handled = super.handle(request, response, once);
    if (handled && !once.done.get()) {
      // (Checked first: an exception's stack trace on every request cost 1 % of a harvest's CPU.)
      once.failed(new EofException("the response was not written to its end"));
    }
    return handled;
  }

  /** The callback, completed at most once: by Jersey, or else by the handler after it. */
  private static final class Once implements Callback {
    private final Callback callback;
    private final AtomicBoolean done = new AtomicBoolean();

    Once(Callback callback) {
      this.callback = callback;
    }

    @Override
    public void succeeded() {
      if (done.compareAndSet(false, true)) {
        callback.succeeded();
      }
    }

    @Override
    public void failed(Throwable x) {
      if (done.compareAndSet(false, true)) {
        callback.failed(x);
      }
    }

    @Override
    public InvocationType getInvocationType() {
      return callback.getInvocationType();
    }
  }
}
