/**
 * The catalog: the one source of truth. Records, collections, pages and memberships over JDBC
 * (SQLite by default, PostgreSQL in production), with an append-only change log from which the
 * derived stores catch up. Datestamps move only when content changes; deletions leave tombstones.
 *
 * <p>Full text (issue 12). A record lists its texts as {@link org.dossier.catalog.TextRef}
 * descriptors ({@code Record.texts()}: kind, ISO 639 language, length; at most one per kind and
 * language) and a page with OCR says so ({@code Page.ocr()}: the OCR file as imported, a path
 * inside the data directory, or null; {@code Page.ocrFormat()}: "alto", "hocr", "plain" or null).
 * The texts ({@link org.dossier.catalog.RecordText}) and the OCR ({@link
 * org.dossier.catalog.PageOcr} of {@link org.dossier.catalog.OcrLine}s of {@link
 * org.dossier.catalog.OcrWord}s, boxes in the scan's pixels; a word hyphenated across lines carries
 * its {@code whole} word on both parts; "plain" OCR has no boxes) live in their own tables and are
 * read with {@code Catalog.texts} and {@code Catalog.pageOcr}/{@code pageOcrs}, each with a batch
 * form for indexers, so reading records costs the same however much text there is. They are written
 * with {@code CatalogWriter.put(record, texts, ocr)}, take part in the content hash, and are
 * dropped when the record becomes a tombstone.
 */
package org.dossier.catalog;
