package org.dossier.oai;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.catalog.Selection;

/**
 * The completeListSize of a list as it starts (section 3.5), remembered while the catalog does not
 * change. Counting a million records takes a noticeable fraction of a second; every harvester that
 * starts the same list against an unchanged catalog gets the same, exact answer at once. The key is
 * the change-log position and the selection with {@code until} capped at the newest datestamp
 * (every write is logged, and commits stamp in rising order), so a later {@code until} still hits.
 */
final class ListSizes {
  private static final int ENTRIES = 256;

  private record Key(long seq, Instant from, Instant until, Selection.Scope scope) {}

  private final Map<Key, Long> sizes =
      new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
          return size() > ENTRIES;
        }
      };

  long count(Catalog catalog, Selection selection) {
    long seq = catalog.lastChangeSeq();
    List<Change> last = catalog.changesSince(seq - 1, 1);
    if (last.isEmpty()) {
      return catalog.count(selection);
    }
    Instant newest = last.get(0).datestamp();
    Instant until =
        selection.until() == null || selection.until().isAfter(newest) ? newest : selection.until();
    Key key = new Key(seq, selection.from(), until, selection.scope());
    synchronized (sizes) {
      Long known = sizes.get(key);
      if (known != null) {
        return known;
      }
    }
    long size = catalog.count(selection);
    synchronized (sizes) {
      sizes.put(key, size);
    }
    return size;
  }
}
