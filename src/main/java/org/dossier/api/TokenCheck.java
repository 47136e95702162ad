package org.dossier.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.dossier.catalog.ApiTokens;

/**
 * Whether a bearer token is a live one, and whether any is. A token is looked up by its SHA-256 (an
 * index lookup on a digest, which tells nothing about how close a guess came), and the stored hash
 * is compared with {@link MessageDigest#isEqual}, which takes the same time wherever the two
 * differ. Tokens found are kept for {@code api.token-cache-seconds}; wrong ones are never kept, so
 * they cannot push good ones out. Public for the benchmark that times it.
 */
public final class TokenCheck {
  private final ApiTokens store;
  private final long cacheNanos;
  private final Cache<String, ApiTokens.Stored> known;

  /** Whether any live token exists, as last read, and when (System.nanoTime). */
  private volatile boolean on;

  private volatile long onCheckedAt;
  private volatile boolean onChecked;

  public TokenCheck(ApiTokens store, Duration cacheFor) {
    this.store = store;
    this.cacheNanos = cacheFor.toNanos();
    this.known =
        Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheFor.plusNanos(1)).build();
  }

  /** The live token a client sent, if it is one. */
  public Optional<ApiTokens.Stored> check(String token) {
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
  public boolean isOn() {
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
}
