package org.dossier.iiif.image;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * CORS on every response under {@code /iiif/image/}, errors included: viewers on other origins
 * draw tiles into a canvas and need {@code Access-Control-Allow-Origin} on each, exactly once
 * (Image API 3.0, <a href="https://iiif.io/api/image/3.0/#71-cors">section 7.1</a>). Preflight
 * requests are answered with the methods and headers allowed.
 */
public final class ImageCorsFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!request.getUriInfo().getPath().startsWith("iiif/image/")) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("Access-Control-Allow-Origin", "*");
    headers.putSingle("Access-Control-Expose-Headers", "Link, ETag");
    if ("OPTIONS".equals(request.getMethod())) {
      headers.putSingle("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      String asked = request.getHeaderString("Access-Control-Request-Headers");
      if (asked != null && !asked.isBlank()) {
        headers.putSingle("Access-Control-Allow-Headers", asked);
      }
      headers.putSingle("Access-Control-Max-Age", "86400");
    }
  }
}
