package org.dossier.iiif.search;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link SearchException} as {@code {"status": 400, "error": "Bad Request", "detail":
 * "…"}}.
 */
public final class SearchExceptionMapper implements ExceptionMapper<SearchException> {

  @Override
  public Response toResponse(SearchException e) {
    ObjectNode body = RecordJson.MAPPER.createObjectNode();
    body.put("status", e.status().getStatusCode());
    body.put("error", e.status().getReasonPhrase());
    body.put("detail", e.getMessage());
    return Response.status(e.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .entity(RecordJson.write(body))
        .build();
  }
}
