package org.dossier.rdf.sparql;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers a refused SPARQL request with its status and a plain-text message. */
public final class SparqlErrorMapper implements ExceptionMapper<SparqlException> {
  @Override
  public Response toResponse(SparqlException e) {
    return Response.status(e.error().status)
        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
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
