/**
 * Ingest: reads JSON, JSON Lines and CSV files, validates every item against the record schema and
 * writes the valid ones to the catalog in one transaction, reporting each invalid item with its
 * file, line or row, field and reason. Texts are checked against ISO 639; page OCR is read from
 * ALTO (v2–v4, no DTD, no external entity) or hOCR files, on worker threads, and scaled into the
 * scan's pixels ({@link org.dossier.ingest.OcrReader}).
 */
package org.dossier.ingest;
