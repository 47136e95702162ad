package org.dossier.rdf.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.regex.Pattern;

/**
 * CORS for the linked data (Fetch standard, "CORS protocol"): any origin may read the SPARQL
 * answers, descriptions, dumps and VoID, so browser applications can query the archive. The
 * preflight of a SPARQL POST (its Content-Type is not a "simple" one) is answered too.
 */
public final class CorsFilter implements ContainerResponseFilter {
  private static final Pattern PATHS = Pattern.compile(
      "^(sparql|dumps(/.*)?|\\.well-known/void|id/.*|(" + DescriptionResource.PAGES + ")/.*)$");

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!PATHS.matcher(request.getUriInfo().getPath()).matches()) {
      return;
    }
    MultivaluedMap<String, Object> h = response.getHeaders();
    h.putSingle("Access-Control-Allow-Origin", "*");
    h.putSingle("Access-Control-Expose-Headers", "Link, Content-Location, Vary, ETag");
    if ("OPTIONS".equals(request.getMethod())) {
      h.putSingle("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
      h.putSingle("Access-Control-Allow-Headers", "Accept, Content-Type");
      h.putSingle("Access-Control-Max-Age", "86400");
    }
  }
}
