package org.dossier.iiif.discovery;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link DiscoveryException} as {@code {"status": 404, "error": "Not Found", "detail":
 * "…"}}, as the other IIIF APIs do.
 */
final class DiscoveryExceptionMapper implements ExceptionMapper<DiscoveryException> {

  @Override
  public Response toResponse(DiscoveryException e) {
    ObjectNode body = RecordJson.MAPPER.createObjectNode();
    body.put("status", e.status().getStatusCode());
    body.put("error", e.status().getReasonPhrase());
    body.put("detail", e.getMessage());
    return Response.status(e.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-cache")
        .entity(RecordJson.write(body))
        .build();
  }
}
