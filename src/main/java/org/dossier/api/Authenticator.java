package org.dossier.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Map;
import java.util.Optional;
import org.dossier.catalog.ApiTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request into the admin API only with a live bearer token (RFC 6750) of a scope that covers
 * its method: GET and HEAD need read, every other method write. Before anything else: the API does
 * not exist (404) while no token does, and an address that sent too many wrong tokens is refused
 * (429) until its minute is over. The OpenAPI document and CORS preflights need no token. How a
 * token is checked is {@link TokenCheck}'s business.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class Authenticator implements ContainerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  /** The request property that names the token a request was let in with. */
  static final String TOKEN_NAME = "org.dossier.api.token-name";

  static final String REALM = "Bearer realm=\"dossier\"";

  private final TokenCheck tokens;
  private final FailureLimiter failures;

  @Inject private Provider<org.eclipse.jetty.server.Request> jettyRequest;

  Authenticator(TokenCheck tokens, FailureLimiter failures) {
    this.tokens = tokens;
    this.failures = failures;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = ApiPaths.path(request);
    if (!ApiPaths.isApi(path)) {
      return;
    }
    if (!tokens.isOn()) {
      throw ApiProblem.of(404, "there is no resource at this URL");
    }
    if (ApiCors.isPreflight(request) || path.equals(ApiPaths.OPENAPI)) {
      return;
    }
    String client = clientAddress();
    long wait = failures.retryAfterSeconds(client);
    if (wait > 0) {
      throw ApiProblem.of(
          429,
          "too many requests with a wrong token from this address; try again later",
          Map.of("Retry-After", Long.toString(wait)));
    }
    String header = request.getHeaderString("Authorization");
    if (header == null) {
      throw ApiProblem.of(
          401, "this request needs a bearer token", Map.of("WWW-Authenticate", REALM));
    }
    Optional<ApiTokens.Stored> token =
        header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? tokens.check(header.substring(7).strip())
            : Optional.empty();
    if (token.isEmpty()) {
      failures.failed(client);
      LOG.warn("admin API: refused a wrong or revoked token from {}", client);
      throw ApiProblem.of(
          401,
          "the bearer token is not valid (unknown, revoked or malformed)",
          Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
    }
    Scope needed = needed(request.getMethod());
    Scope has = Scope.parse(token.get().scope());
    if (!has.covers(needed)) {
      throw ApiProblem.of(
          403,
          "the token's scope ("
              + has.label()
              + ") does not allow this request; it needs "
              + needed.label(),
          Map.of(
              "WWW-Authenticate",
              REALM + ", error=\"insufficient_scope\", scope=\"" + needed.label() + "\""));
    }
    request.setProperty(TOKEN_NAME, token.get().name());
  }

  /** The scope a request method needs. */
  static Scope needed(String method) {
    return switch (method) {
      case HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS -> Scope.READ;
      default -> Scope.WRITE;
    };
  }

  private String clientAddress() {
    try {
      org.eclipse.jetty.server.Request r = jettyRequest == null ? null : jettyRequest.get();
      return r == null ? "unknown" : org.eclipse.jetty.server.Request.getRemoteAddr(r);
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
