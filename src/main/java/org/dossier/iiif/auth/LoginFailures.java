package org.dossier.iiif.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address in the current minute: past the limit, the access service
 * answers 429 until the minute is over. Bounded: when too many addresses are counted at once, the
 * counts start again.
 */
final class LoginFailures {
  private static final int MAX_ADDRESSES = 10_000;

  private final int perMinute;
  private final ConcurrentHashMap<String, long[]> counts = new ConcurrentHashMap<>();

  LoginFailures(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Seconds until this address may try again, or 0 when it may now. */
  long retryAfter(String address, long nowMillis) {
    long[] c = counts.get(address);
    if (c == null || nowMillis / 60_000 != c[0] || c[1] < perMinute) {
      return 0;
    }
    return Math.max(1, 60 - (nowMillis / 1000) % 60);
  }

  void failed(String address, long nowMillis) {
    if (counts.size() >= MAX_ADDRESSES) {
      counts.clear();
    }
    long minute = nowMillis / 60_000;
    counts.compute(
        address,
        (k, c) ->
            c == null || c[0] != minute ? new long[] {minute, 1} : new long[] {minute, c[1] + 1});
  }
}
