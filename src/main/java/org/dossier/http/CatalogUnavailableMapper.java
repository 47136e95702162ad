package org.dossier.http;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.dossier.catalog.CatalogUnavailableException;
import org.dossier.catalog.StoreOpeningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that needed the catalog while it could not be reached (the database is down or
 * restarting): 503 Service Unavailable with Retry-After, the flow control HTTP gives every protocol
 * (OAI-PMH's guidelines name it for harvesters, and IIIF clients and crawlers honour it too). The
 * body is one line of text, or a small JSON object for the IIIF APIs and the health probe; never
 * the driver's message. The site's pages answer with their own 503 page ({@code web.SitePages}).
 */
final class CatalogUnavailableMapper
    implements jakarta.ws.rs.ext.ExceptionMapper<CatalogUnavailableException> {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogUnavailableMapper.class);

  static final String MESSAGE =
      "the catalog database cannot be reached just now; please retry after the time given in"
          + " Retry-After";

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(CatalogUnavailableException e) {
    // A store still opening is expected for a moment after the start: not worth a warning.
    boolean opening = e instanceof StoreOpeningException;
    if (opening) {
      LOG.debug("answered 503: {}", e.getMessage());
    } else {
      LOG.warn("answered 503, the catalog is unavailable: {}", e.getMessage());
    }
    String message = opening ? e.getMessage() : MESSAGE;
    String path = uriInfo == null ? "" : uriInfo.getPath();
    Response.ResponseBuilder answer =
        Response.status(503)
            .header("Retry-After", e.retryAfterSeconds())
            .header("Cache-Control", "no-store");
    if (path.equals("health") || path.equals("/health")) {
      return answer
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity("{\"status\":\"catalog unavailable\"}")
          .build();
    }
    if (path.startsWith("iiif/") || path.startsWith("/iiif/")) {
      String json =
          "{\"status\":503,\"error\":\"Service Unavailable\",\"message\":\"" + message + "\"}\n";
      return answer.type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }
    return answer
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity("503 Service Unavailable: " + message + "\n")
        .build();
  }
}
