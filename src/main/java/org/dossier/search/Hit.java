package org.dossier.search;

import java.time.Instant;
import java.util.List;
import org.dossier.catalog.ArchiveDate;

/**
 * One record found, as a results list shows it: read from the index alone.
 *
 * @param date the document's date, or null when undated
 * @param datestamp when the record last changed in the catalog
 * @param texts the places in the record's texts where a search matched, best first chosen and shown
 *     in the order of the texts; empty when none did or nothing was searched
 */
public record Hit(
    String id,
    Snippet title,
    Snippet summary,
    ArchiveDate date,
    Instant datestamp,
    List<TextSnippet> texts) {

  public Hit {
    texts = List.copyOf(texts);
  }
}
