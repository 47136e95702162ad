package org.dossier.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import org.dossier.urls.Urls;

/**
 * Makes every request's base URI the public base URL before Jersey matches it, so that what Jersey
 * resolves against the request (a relative {@code Location} or {@code Content-Location} made
 * absolute, {@code UriInfo}'s base and absolute path) says {@code https://example.org/archive/...}
 * rather than the address the proxy connected to. The path below the base, which Jersey matches,
 * stays as it was.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class PublicBaseUri implements ContainerRequestFilter {
  private final URI base;
  private final String baseText;

  PublicBaseUri(Urls urls) {
    this.baseText = urls.base() + "/";
    this.base = URI.create(baseText);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    URI requestUri = request.getUriInfo().getRequestUri();
    String rawPath = requestUri.getRawPath() == null ? "/" : requestUri.getRawPath();
    String containerBase = request.getUriInfo().getBaseUri().getRawPath();
    String below =
        rawPath.startsWith(containerBase) ? rawPath.substring(containerBase.length()) : rawPath;
    if (below.startsWith("/")) {
      below = below.substring(1);
    }
    String query = requestUri.getRawQuery();
    request.setRequestUri(base, URI.create(baseText + below + (query == null ? "" : "?" + query)));
  }
}
