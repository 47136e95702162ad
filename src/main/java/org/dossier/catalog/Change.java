package org.dossier.catalog;

import java.time.Instant;

/**
 * One entry of the catalog's append-only change log. Derived stores remember the last {@link #seq}
 * they applied and catch up from there.
 */
public record Change(long seq, Entity entity, String id, Operation operation, Instant datestamp) {

  public enum Entity {
    RECORD,
    COLLECTION
  }

  public enum Operation {
    UPSERT,
    DELETE
  }
}
