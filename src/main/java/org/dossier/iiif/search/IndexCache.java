package org.dossier.iiif.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;

/**
 * The word indexes of recently searched records, bounded by the memory they take. An entry is keyed
 * by the record's id and state (datestamp and content digest), so a changed record is indexed anew
 * and its old entry ages out; a search within a large document reads its OCR from the catalog once,
 * not on every request.
 */
final class IndexCache {
  private final Cache<String, WordIndex> cache;

  /**
   * @param maxBytes the memory the cached indexes may take ({@link WordIndex#weight}); 0 caches
   *     nothing
   */
  IndexCache(long maxBytes) {
    this.cache =
        maxBytes <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .executor(
                    Runnable::run) // evict on the request's thread: no pool of our own to manage
                .weigher(
                    (String key, WordIndex index) ->
                        (int) Math.min(Integer.MAX_VALUE, index.weight()))
                .build();
  }

  /**
   * The index of a record in a state, built by {@code load} when it is not cached (once, however
   * many ask).
   */
  WordIndex get(String recordId, String state, Supplier<WordIndex> load) {
    if (cache == null) {
      return load.get();
    }
    return cache.get(recordId + '\n' + state, key -> load.get());
  }
}
