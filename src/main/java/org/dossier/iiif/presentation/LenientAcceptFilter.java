package org.dossier.iiif.presentation;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Treats an {@code Accept} header that cannot be parsed as absent on Presentation URLs, so that the
 * client gets the default (3.0) instead of a bare 400 from the framework: negotiation is the
 * server's choice, and an unreadable preference is no preference (RFC 9110 §12.5.1 lets a server
 * disregard the header).
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
final class LenientAcceptFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!(path.startsWith("iiif/3/") || path.startsWith("iiif/2/"))
        || request.getHeaderString(HttpHeaders.ACCEPT) == null) {
      return;
    }
    try {
      request.getAcceptableMediaTypes();
    } catch (RuntimeException unreadable) {
      request.getHeaders().remove(HttpHeaders.ACCEPT);
    }
  }
}
