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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CORS for read-only public resources (IIIF, SPARQL, RDF): every response under the given path
 * prefixes, errors included, carries {@code Access-Control-Allow-Origin: *} exactly once, and a
 * preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered 204 without
 * reaching a resource. The preflight allows the {@code Authorization} header, which a wildcard
 * never covers (Fetch standard, "CORS protocol and credentials"), so viewers that send
 * credentials to an auth-aware deployment are not refused.
 *
 * <p>Register one instance per server with all the prefixes that want it, for example
 * {@code new CorsFilter(List.of("/iiif/", "/sparql"))}.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
  static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
  /** Headers a browser script may read besides the CORS-safelisted ones. */
  static final String EXPOSED_HEADERS = "ETag, Last-Modified, Content-Location, Link, Location, Retry-After";
  /** Always allowed request headers; whatever else a preflight asks for is echoed when well-formed. */
  static final List<String> ALLOWED_HEADERS = List.of("Authorization", "Accept", "Accept-Language",
      "Content-Type", "If-None-Match", "If-Modified-Since", "Range", "Cache-Control");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** How long a browser may reuse a preflight answer, in seconds. */
  private static final String MAX_AGE = "86400";

  private final List<String> prefixes;

  /** @param prefixes request paths (with the leading slash, such as {@code /iiif/}) that get CORS */
  public CorsFilter(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!applies(request) || !isPreflight(request)) {
      return;
    }
    request.abortWith(Response.noContent()
        .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
        .header("Access-Control-Allow-Headers", allowedHeaders(request.getHeaderString("Access-Control-Request-Headers")))
        .header("Access-Control-Max-Age", MAX_AGE)
        .build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!applies(request)) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    // putSingle: a resource or an earlier filter that set it too must not make it appear twice,
    // which browsers treat as a CORS failure.
    headers.putSingle(ALLOW_ORIGIN, "*");
    headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  }

  private boolean applies(ContainerRequestContext request) {
    String path = "/" + request.getUriInfo().getPath();
    for (String prefix : prefixes) {
      if (path.startsWith(prefix) || (prefix.endsWith("/") && path.equals(prefix.substring(0, prefix.length() - 1)))) {
        return true;
      }
    }
    return false;
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
