package org.dossier.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A path that no resource serves: browsers (that ask for HTML) get the site's 404 page with a way
 * back; other clients keep the plain one-line answer.
 */
public final class NotFoundPages implements ExceptionMapper<NotFoundException> {
  private final SitePages pages;
  @Context private HttpHeaders headers;

  NotFoundPages(SitePages pages) {
    this.pages = pages;
  }

  @Override
  public Response toResponse(NotFoundException e) {
    if (wantsHtml()) {
      return pages.respond(
          () ->
              pages.notFound(
                  "There is nothing at this address. It may have moved, or the link may be mistyped."));
    }
    return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE).entity("404 Not Found\n").build();
  }

  private boolean wantsHtml() {
    if (headers == null) {
      return false;
    }
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isWildcardType()) {
        return false;
      }
      if (type.isCompatible(MediaType.TEXT_HTML_TYPE)
          || type.isCompatible(MediaType.APPLICATION_XHTML_XML_TYPE)) {
        return true;
      }
    }
    return false;
  }
}
