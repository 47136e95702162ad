package org.dossier.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: HTTP errors raised by Jersey keep their status with a one-line message; anything
 * else is logged and answered 500 without a stack trace. Protocols map their own errors first.
 */
final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException web) {
      Response original = web.getResponse();
      String reason = original.getStatusInfo().getReasonPhrase();
      return Response.fromResponse(original)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity(original.getStatus() + " " + reason + "\n")
          .build();
    }
    LOG.error("request failed", e);
    return Response.serverError()
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity(
            "500 Internal Server Error: the server could not answer this request; it has been logged.\n")
        .build();
  }
}
