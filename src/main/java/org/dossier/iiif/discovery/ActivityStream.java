package org.dossier.iiif.discovery;

import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.StreamEntry;
import org.dossier.urls.Urls;

/**
 * One activity stream: of every change ({@code collectionId} null), or of one collection. Its
 * entries are numbered from 1 without gaps, so page {@code n} holds entries {@code n*size+1} to
 * {@code (n+1)*size}: a page is found by keyset on the position, whatever its depth.
 *
 * @see <a href="https://iiif.io/api/discovery/1.0/#collections-of-pages">Discovery 1.0 §2.3</a>
 */
record ActivityStream(String collectionId) {
  static final ActivityStream ALL = new ActivityStream(null);

  boolean isAll() {
    return collectionId == null;
  }

  long size(Catalog catalog) {
    return isAll() ? catalog.streamSize() : catalog.collectionStreamSize(collectionId);
  }

  /** The entries of page {@code page}: positions {@code page*size+1} on, at most {@code size}. */
  List<StreamEntry> page(Catalog catalog, long page, int size) {
    long after = page * size;
    return isAll()
        ? catalog.stream(after, size)
        : catalog.collectionStream(collectionId, after, size);
  }

  String id(Urls urls) {
    return isAll() ? urls.changeStream() : urls.collectionChangeStream(collectionId);
  }

  String pageId(Urls urls, long page) {
    return isAll()
        ? urls.changeStreamPage(page)
        : urls.collectionChangeStreamPage(collectionId, page);
  }

  /** The number of the last page of a stream of {@code total} entries (0 when it is empty). */
  static long lastPage(long total, int size) {
    return total == 0 ? 0 : (total - 1) / size;
  }
}
