package org.dossier.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CORS as the {@link CorsPolicy} says: every response under one of its scopes, errors included,
 * carries {@code Access-Control-Allow-Origin: *} exactly once, and a preflight ({@code OPTIONS}
 * with {@code Access-Control-Request-Method}) is answered 204 without reaching a resource, with the
 * scope's methods. The preflight allows {@code Content-Type} (a SPARQL POST sends a type no simple
 * request may) and {@code Authorization}, which a wildcard never covers (Fetch standard, "CORS
 * protocol and credentials"), so viewers that send credentials to an auth-aware deployment are not
 * refused; any other well-formed header a preflight asks for is allowed too.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

  /** Headers a browser script may read besides the CORS-safelisted ones. */
  static final String EXPOSED_HEADERS =
      "ETag, Last-Modified, Content-Location, Link, Location, Retry-After, Vary";

  /**
   * Always allowed request headers; whatever else a preflight asks for is echoed when well-formed.
   */
  static final List<String> ALLOWED_HEADERS =
      List.of(
          "Authorization",
          "Accept",
          "Accept-Language",
          "Content-Type",
          "If-None-Match",
          "If-Modified-Since",
          "Range",
          "Cache-Control");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** How long a browser may reuse a preflight answer, in seconds. */
  private static final String MAX_AGE = "86400";

  private final CorsPolicy policy;

  CorsFilter(CorsPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<CorsPolicy.Scope> scope = policy.scope(path(request));
    if (scope.isEmpty() || !isPreflight(request)) {
      return;
    }
    request.abortWith(
        Response.noContent()
            .header("Access-Control-Allow-Methods", String.join(", ", scope.get().methods()))
            .header(
                "Access-Control-Allow-Headers",
                allowedHeaders(request.getHeaderString("Access-Control-Request-Headers")))
            .header("Access-Control-Max-Age", MAX_AGE)
            .build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!policy.covers(path(request))) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    // putSingle: a resource or an earlier filter that set it too must not make it appear twice,
    // which browsers treat as a CORS failure.
    headers.putSingle(ALLOW_ORIGIN, "*");
    headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  }

  private static String path(ContainerRequestContext request) {
    return "/" + request.getUriInfo().getPath();
  }

  private static boolean isPreflight(ContainerRequestContext request) {
    return HttpMethod.OPTIONS.equals(request.getMethod())
        && request.getHeaderString("Access-Control-Request-Method") != null;
  }

  static String allowedHeaders(String requested) {
    Set<String> allowed = new LinkedHashSet<>(ALLOWED_HEADERS);
    if (requested != null) {
      for (String name : requested.split(",")) {
        String token = name.strip();
        if (TOKEN.matcher(token).matches() && allowed.stream().noneMatch(token::equalsIgnoreCase)) {
          allowed.add(token);
        }
      }
    }
    return String.join(", ", allowed);
  }
}
