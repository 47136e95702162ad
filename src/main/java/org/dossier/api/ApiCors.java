package org.dossier.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/**
 * CORS for the admin API, off unless {@code api.cors-origins} lists origins: only those get {@code
 * Access-Control-Allow-Origin}, echoed (never {@code *}, since requests carry a token), with {@code
 * Vary: Origin}. Preflights from them are answered here, before any token is asked for.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
final class ApiCors implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String METHODS = "GET, HEAD, PUT, DELETE, POST, OPTIONS";
  private static final String HEADERS = "Authorization, Content-Type, If-Match, If-None-Match";
  private static final String EXPOSED = "ETag, Location, Retry-After, WWW-Authenticate, Link";

  private final List<String> origins;

  /**
   * @param origins {@code api.cors-origins}: comma-separated origins, or empty
   */
  ApiCors(String origins) {
    this.origins =
        origins.isBlank()
            ? List.of()
            : Arrays.stream(origins.split(",")).map(String::strip).toList();
  }

  static boolean isPreflight(ContainerRequestContext request) {
    return HttpMethod.OPTIONS.equals(request.getMethod())
        && request.getHeaderString("Origin") != null
        && request.getHeaderString("Access-Control-Request-Method") != null;
  }

  private boolean allowed(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    return origin != null && origins.contains(origin);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!ApiPaths.isApi(request) || !isPreflight(request) || !allowed(request)) {
      return;
    }
    request.abortWith(
        Response.noContent()
            .header("Access-Control-Allow-Methods", METHODS)
            .header("Access-Control-Allow-Headers", HEADERS)
            .header("Access-Control-Max-Age", "600")
            .build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!ApiPaths.isApi(request) || origins.isEmpty()) {
      return;
    }
    response.getHeaders().add("Vary", "Origin");
    if (allowed(request)) {
      response
          .getHeaders()
          .putSingle("Access-Control-Allow-Origin", request.getHeaderString("Origin"));
      response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSED);
    }
  }
}
