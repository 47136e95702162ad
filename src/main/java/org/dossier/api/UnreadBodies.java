package org.dossier.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the rest of a refused API request's body before the refusal goes out. A request refused
 * before its body was read (a scan for a page or record that does not exist, a missing token) left
 * the body on the connection, which was then closed while the client was still sending: most
 * clients (Python's, Java's) then report a broken pipe or a reset instead of the problem document.
 * Read to its end, the body goes nowhere and the connection stays open for the next request.
 *
 * <p>Bounded: a client with a valid token may send up to the upload limit, any other up to {@link
 * #ANONYMOUS_BYTES} within {@link #ANONYMOUS_MILLIS} (the reads block a request thread, which a
 * client without a token may not hold at its own pace). A longer or slower body, one over the limit
 * (413), or one the client holds back until it hears {@code 100 Continue}, is left unread, and the
 * refusal closes the connection.
 */
final class UnreadBodies implements ContainerResponseFilter {
  static final long ANONYMOUS_BYTES = 1 << 20;

  /** As long as the server's guard waits for a refused body it reads before its 413. */
  static final long ANONYMOUS_MILLIS = 2_000;

  private final long tokenBytes;

  UnreadBodies(long tokenBytes) {
    this.tokenBytes = tokenBytes;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!ApiPaths.isApi(request) || response.getStatus() < 400 || !hasBody(request)) {
      return;
    }
    if (!readToTheEnd(request, response.getStatus())) {
      response.getHeaders().putSingle("Connection", "close");
    }
  }

  private static boolean hasBody(ContainerRequestContext request) {
    return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
  }

  private boolean readToTheEnd(ContainerRequestContext request, int status) {
    String expect = request.getHeaderString("Expect");
    if (status == 413 || (expect != null && expect.equalsIgnoreCase("100-continue"))) {
      return false;
    }
    boolean token = request.getProperty(Authenticator.TOKEN_NAME) != null;
    long limit = token ? tokenBytes : ANONYMOUS_BYTES;
    if (request.getLength() > limit) {
      return false;
    }
    long deadline = System.nanoTime() + ANONYMOUS_MILLIS * 1_000_000;
    try {
      InputStream body = request.getEntityStream();
      byte[] buffer = new byte[16384];
      long read = 0;
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        read += n;
        if (read > limit || (!token && System.nanoTime() - deadline > 0)) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      // The client went away or sent a broken body.
      return false;
    }
  }
}
