package org.dossier.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dossier.catalog.ApiTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request into the admin API only with a live bearer token (RFC 6750) of a scope that covers
 * its method: GET and HEAD need read, every other method write. Before anything else: the API does
 * not exist (404) while no token does, and an address that sent too many wrong tokens is refused
 * (429) until its minute is over. The OpenAPI document and CORS preflights need no token.
 *
 * <p>A token is looked up by its SHA-256 (an index lookup that learns nothing from the token's
 * bytes), and the stored hash is compared with {@link MessageDigest#isEqual}, which takes the same
 * time wherever the two differ. Tokens found are kept for {@code api.token-cache-seconds}; wrong
 * ones are never kept, so they cannot push good ones out.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class Authenticator implements ContainerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  /** The request property that names the token a request was let in with. */
  static final String TOKEN_NAME = "org.dossier.api.token-name";

  static final String REALM = "Bearer realm=\"dossier\"";

  private final ApiTokens store;
  private final long cacheNanos;
  private final Cache<String, ApiTokens.Stored> known;
  private final FailureLimiter failures;

  /** Whether any live token exists, as last read, and when (System.nanoTime). */
  private volatile boolean on;

  private volatile long onCheckedAt;
  private volatile boolean onChecked;

  @Inject private Provider<org.eclipse.jetty.server.Request> jettyRequest;

  Authenticator(ApiTokens store, Duration cacheFor, FailureLimiter failures) {
    this.store = store;
    this.cacheNanos = cacheFor.toNanos();
    this.known =
        Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheFor.plusNanos(1)).build();
    this.failures = failures;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = ApiPaths.path(request);
    if (!ApiPaths.isApi(path)) {
      return;
    }
    if (!isOn()) {
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
            ? check(header.substring(7).strip())
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

  /** The live token a client sent, if it is one. */
  Optional<ApiTokens.Stored> check(String token) {
    if (token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    ApiTokens.Stored stored = cacheNanos > 0 ? known.getIfPresent(hash) : null;
    if (stored == null) {
      stored = store.liveByHash(hash).orElse(null);
      if (stored == null) {
        return Optional.empty();
      }
      if (cacheNanos > 0) {
        known.put(hash, stored);
      }
    }
    boolean same =
        MessageDigest.isEqual(
            stored.hash().getBytes(StandardCharsets.US_ASCII),
            hash.getBytes(StandardCharsets.US_ASCII));
    return same ? Optional.of(stored) : Optional.empty();
  }

  /** True while at least one live token exists (read again after api.token-cache-seconds). */
  boolean isOn() {
    long now = System.nanoTime();
    if (onChecked && now - onCheckedAt < cacheNanos) {
      return on;
    }
    boolean any = store.liveCount() > 0;
    on = any;
    onCheckedAt = now;
    onChecked = true;
    return any;
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
