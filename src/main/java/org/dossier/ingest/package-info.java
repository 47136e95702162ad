/**
 * Ingest: reads JSON, JSON Lines and CSV files, validates every item against the record schema and
 * writes the valid ones to the catalog in one transaction, reporting each invalid item with its
 * file, line or row, field and reason.
 */
package org.dossier.ingest;
