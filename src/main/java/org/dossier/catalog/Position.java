package org.dossier.catalog;

import java.time.Instant;

/** A place in the catalog's (datestamp, id) order: listings continue after it, never by offset. */
public record Position(Instant datestamp, String id) {

  public static Position after(Record r) {
    return new Position(r.datestamp(), r.id());
  }
}
