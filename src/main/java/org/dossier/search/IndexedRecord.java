package org.dossier.search;

import java.util.List;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;

/**
 * What one document of the index is made from: a record as the catalog keeps it, with the bodies of
 * its texts and its pages' OCR, which the catalog keeps apart from the record.
 */
record IndexedRecord(Record record, List<RecordText> texts, List<PageOcr> pages) {

  IndexedRecord {
    texts = List.copyOf(texts);
    pages = List.copyOf(pages);
  }

  /** A record without texts or OCR. */
  static IndexedRecord of(Record record) {
    return new IndexedRecord(record, List.of(), List.of());
  }
}
