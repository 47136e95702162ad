package org.dossier.http;

import org.dossier.catalog.Catalog;

/**
 * The catalog's live-record count for /health and /metrics. Counting a million records takes the
 * catalog about a second, too long for a probe or a scrape every few seconds: the count is kept
 * with the change-log position it was taken at (the position read first, so a change committed
 * meanwhile makes the next call count again).
 */
final class RecordCount {
  private final Catalog catalog;
  private volatile Counted counted = new Counted(-1, 0);

  private record Counted(long seq, long records) {}

  RecordCount(Catalog catalog) {
    this.catalog = catalog;
  }

  long get() {
    long seq = catalog.lastChangeSeq();
    Counted known = counted;
    if (known.seq() != seq) {
      known = new Counted(seq, catalog.recordCount());
      counted = known;
    }
    return known.records();
  }
}
