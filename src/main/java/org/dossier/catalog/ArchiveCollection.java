package org.dossier.catalog;

import java.time.Instant;

/**
 * A collection of records, such as "Conversations with Kim Il Sung".
 *
 * @param datestamp when its content last changed (UTC, whole seconds); null before it is stored
 */
public record ArchiveCollection(String id, String title, String description, Instant datestamp) {

  public ArchiveCollection withDatestamp(Instant stamp) {
    return new ArchiveCollection(id, title, description, stamp);
  }
}
