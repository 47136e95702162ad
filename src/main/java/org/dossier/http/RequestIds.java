package org.dossier.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Gives every request an id: the {@code X-Request-Id} a proxy sent, when it is sane (1 to 128
 * visible ASCII characters), otherwise a new one, a random prefix of this process and a counter.
 * The id is echoed in the response's {@code X-Request-Id}, written in the access log line and put
 * in the logging context ({@value #MDC_KEY}) of every message logged while the request is handled.
 */
final class RequestIds extends Handler.Wrapper {
  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = org.dossier.logging.Logging.REQUEST_ID;
  private static final String ATTRIBUTE = RequestIds.class.getName();
  private static final int MAX_LENGTH = 128;

  /** Tells this process's ids from another's (a restart, a replica). */
  private static final String PREFIX =
      Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);

  private static final AtomicLong COUNTER = new AtomicLong();

  RequestIds(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String id = of(request);
    response.getHeaders().put(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      return super.handle(request, response, callback);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /**
   * The id of a request, given to it here the first time it is asked for: also for a request Jetty
   * answers itself (a 400 or 431), which no handler sees.
   */
  static String of(Request request) {
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof String s) {
      return s;
    }
    String id = request.getHeaders().get(HEADER);
    if (!sane(id)) {
      id = PREFIX + "-" + Long.toHexString(COUNTER.incrementAndGet());
    }
    request.setAttribute(ATTRIBUTE, id);
    return id;
  }

  /** 1 to 128 characters of visible ASCII: safe in a header, a log line and JSON. */
  static boolean sane(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
