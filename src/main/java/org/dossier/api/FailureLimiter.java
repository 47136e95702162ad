package org.dossier.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Counts failed token checks per client address in a fixed window of a minute; past the allowed
 * number the address is refused until its window ends. The counters live in a bounded cache, so a
 * flood from many addresses costs bounded memory (the least recently failing are forgotten first).
 */
final class FailureLimiter {
  private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

  private final int allowed;
  private final Ticker ticker;
  private final Cache<String, Window> windows;

  FailureLimiter(int allowedPerMinute, Ticker ticker) {
    this.allowed = allowedPerMinute;
    this.ticker = ticker;
    this.windows =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofNanos(WINDOW_NANOS))
            .ticker(ticker)
            .build();
  }

  /** One address's failures since its window began. */
  private static final class Window {
    final long start;
    volatile int failures;

    Window(long start) {
      this.start = start;
    }
  }

  /** Counts a failure of this address. */
  void failed(String address) {
    long now = ticker.read();
    windows
        .asMap()
        .compute(
            address,
            (k, w) -> {
              Window window = w == null || now - w.start >= WINDOW_NANOS ? new Window(now) : w;
              window.failures++;
              return window;
            });
  }

  /** Seconds until this address may try again, or 0 when it may now. */
  long retryAfterSeconds(String address) {
    Window w = windows.getIfPresent(address);
    if (w == null) {
      return 0;
    }
    long left = w.start + WINDOW_NANOS - ticker.read();
    if (left <= 0 || w.failures < allowed) {
      return 0;
    }
    return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
  }
}
