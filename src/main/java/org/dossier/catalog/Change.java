package org.dossier.catalog;

import java.time.Instant;

/**
 * One entry of the catalog's append-only change log. Derived stores remember the last {@link #seq}
 * they applied and catch up from there.
 */
public record Change(long seq, Entity entity, String id, Operation operation, Instant datestamp) {

  public enum Entity {
    RECORD,
    COLLECTION,
    /** The stream of changes itself: a refresh marker ({@link CatalogWriter#refresh}). */
    STREAM
  }

  public enum Operation {
    UPSERT,
    DELETE,
    /** Every live resource is re-issued after this entry; nothing changed in the catalog. */
    REFRESH
  }
}
