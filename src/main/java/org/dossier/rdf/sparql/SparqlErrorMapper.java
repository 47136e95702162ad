package org.dossier.rdf.sparql;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers a refused SPARQL request with its status and a plain-text message; a 503 (busy, a query
 * stopped at its time limit, a store that does not answer) says when to try again.
 */
public final class SparqlErrorMapper implements ExceptionMapper<SparqlException> {
  @Override
  public Response toResponse(SparqlException e) {
    Response.ResponseBuilder r = Response.status(e.error().status);
    if (e.error().status == 503) {
      r.header("Retry-After", "5");
    }
    return r.type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
        .header("Cache-Control", "no-store")
        .entity(
            e.error().status
                + " "
                + Response.Status.fromStatusCode(e.error().status).getReasonPhrase()
                + ": "
                + e.getMessage()
                + "\n")
        .build();
  }
}
