package org.dossier.search;

import java.time.Instant;
import org.dossier.catalog.ArchiveDate;

/**
 * One record found, as a results list shows it: read from the index alone.
 *
 * @param date the document's date, or null when undated
 * @param datestamp when the record last changed in the catalog
 */
public record Hit(String id, Snippet title, Snippet summary, ArchiveDate date, Instant datestamp) {}
