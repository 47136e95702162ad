package org.dossier.iiif.image;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Image API errors in their wire form: the status of section 7.3 and a plain-text line saying why.
 */
final class ImageErrorMapper implements ExceptionMapper<ImageException> {
  @Override
  public Response toResponse(ImageException e) {
    Response.Status.Family family = Response.Status.Family.familyOf(e.status());
    String reason =
        Response.Status.fromStatusCode(e.status()) == null
            ? family.name()
            : Response.Status.fromStatusCode(e.status()).getReasonPhrase();
    Response.ResponseBuilder r =
        Response.status(e.status())
            .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
            .entity(e.status() + " " + reason + ": " + e.getMessage() + "\n")
            .header("Cache-Control", "no-store");
    if (e.status() == 401) {
      // RFC 9110, 11.6.1: a 401 carries a challenge. The credential is the login cookie of the
      // IIIF access service, which the message names; no browser dialog is asked for.
      r.header("WWW-Authenticate", "Cookie realm=\"scans\"");
    }
    if (e.retryAfterSeconds() > 0) {
      r.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    return r.build();
  }
}
