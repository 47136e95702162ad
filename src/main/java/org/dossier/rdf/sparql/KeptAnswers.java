package org.dossier.rdf.sparql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * SPARQL answers kept until the RDF store changes, within a bound in bytes: one answer per query
 * (its newest), valid only at the store version it was evaluated at. Keeping one per query, rather
 * than one per query and version, means that while the store changes under a load of the same
 * queries the answers of versions gone do not fill the bound; they are replaced.
 *
 * @param <K> what identifies a query as asked (its text, dataset and the answer's type)
 */
final class KeptAnswers<K> {
  private record Answer(long version, byte[] body) {}

  private final Cache<K, Answer> answers;

  /**
   * @param maxBytes the bound (sparql.cache-bytes); 0 keeps nothing
   * @param text the query's text, weighed with its answer
   */
  KeptAnswers(long maxBytes, Function<K, String> text) {
    this.answers =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((K k, Answer a) -> a.body().length + text.apply(k).length() * 2 + 64)
            .build();
  }

  /** The answer kept for this query at this version, or null (always for a null key). */
  byte[] get(K key, long version) {
    Answer a = key == null ? null : answers.getIfPresent(key);
    return a != null && a.version() == version ? a.body() : null;
  }

  /**
   * Keeps an answer evaluated at {@code version}, unless one of a newer version was kept meanwhile
   * (another client's). A null key keeps nothing.
   */
  void put(K key, long version, byte[] body) {
    if (key == null) {
      return;
    }
    answers
        .asMap()
        .merge(
            key,
            new Answer(version, body),
            (old, mine) -> old.version() > mine.version() ? old : mine);
  }

  /** How many answers are kept (after pending evictions). */
  long size() {
    answers.cleanUp();
    return answers.estimatedSize();
  }
}
