package org.dossier.catalog;

import java.time.Instant;

/**
 * One entry of an activity stream read from the change log: the entry's position in its stream
 * (from 1, without gaps), what changed and how, and when the change was committed.
 *
 * @param position 1, 2, 3... in the stream of all changes, or in one collection's stream
 * @param entity a record, a collection, or the stream itself (a refresh marker)
 * @param id the record's or collection's id; empty for a refresh marker
 */
public record StreamEntry(
    long position, Change.Entity entity, String id, Kind kind, Instant datestamp) {

  /** What the change did to the entity, as far as the stream is concerned. */
  public enum Kind {
    /** The entity came to exist: its first upsert, or the first after it was deleted. */
    CREATED,
    /** The entity existed and was written again (changed, or re-issued by a refresh). */
    UPDATED,
    /** The record became a tombstone. */
    DELETED,
    /** The record left the collection whose stream this is (it lives on elsewhere). */
    LEFT,
    /** Every live resource is re-issued after this entry. */
    REFRESH
  }
}
