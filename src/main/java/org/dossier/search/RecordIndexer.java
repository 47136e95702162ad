package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Page;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;

/**
 * Writes records' documents: brings each to the catalog's current state, fetching the bodies of
 * texts and OCR (kept apart from the records in the catalog) a few records at a time, so that a
 * catch-up over documents of hundreds of pages holds only a few of them in memory.
 */
final class RecordIndexer {
  /** Records whose texts are fetched in one catalog read. */
  static final int TEXT_BATCH = 50;

  private final IndexWriter writer;
  private final FacetsConfig config;

  RecordIndexer(IndexWriter writer, FacetsConfig config) {
    this.writer = writer;
    this.config = config;
  }

  /**
   * Re-indexes or removes each of {@code ids}, in order, as {@code found} (the records read from
   * the catalog) has it: a record missing or deleted there is removed from the index.
   */
  void apply(Catalog catalog, List<String> ids, Map<String, Record> found, Current current)
      throws IOException {
    for (int start = 0; start < ids.size(); start += TEXT_BATCH) {
      List<String> chunk = ids.subList(start, Math.min(ids.size(), start + TEXT_BATCH));
      // Only records whose descriptors name texts or OCR cost a read of the text tables.
      List<String> withTexts = new ArrayList<>();
      List<String> withOcr = new ArrayList<>();
      for (String id : chunk) {
        Record r = found.get(id);
        if (r != null && !r.deleted() && !current.test(id)) {
          if (!r.texts().isEmpty()) {
            withTexts.add(id);
          }
          if (r.pages().stream().anyMatch(RecordIndexer::hasOcr)) {
            withOcr.add(id);
          }
        }
      }
      Map<String, List<RecordText>> texts =
          withTexts.isEmpty() ? Map.of() : catalog.texts(withTexts);
      Map<String, List<PageOcr>> ocr = withOcr.isEmpty() ? Map.of() : catalog.pageOcrs(withOcr);
      for (String id : chunk) {
        Record r = found.get(id);
        if (r == null || r.deleted()) {
          delete(id);
        } else if (current.test(id)) {
          // Indexed during the import, before the catalog gave it its datestamp.
          writer.updateNumericDocValue(
              new Term(IndexFields.ID, id), IndexFields.DATESTAMP, IndexFields.datestamp(r));
        } else {
          put(
              new IndexedRecord(
                  r, texts.getOrDefault(id, List.of()), ocr.getOrDefault(id, List.of())));
        }
      }
    }
  }

  /** Whether the index already holds a record as the catalog has it, but for its datestamp. */
  interface Current {
    boolean test(String id);
  }

  /** Adds a record's document, or replaces the one it had. */
  void put(IndexedRecord r) throws IOException {
    writer.updateDocument(
        new Term(IndexFields.ID, r.record().id()), IndexFields.document(r, config));
  }

  /** Removes a record's document, texts and all. */
  void delete(String id) throws IOException {
    writer.deleteDocuments(new Term(IndexFields.ID, id));
  }

  private static boolean hasOcr(Page page) {
    return page.ocr() != null || page.ocrFormat() != null;
  }
}
