package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IndexCacheTest {
  private final AtomicInteger loads = new AtomicInteger();

  private Supplier<WordIndex> loader(String text) {
    return () -> {
      loads.incrementAndGet();
      return WordIndex.of(List.of(Ocr.page(1, text)), List.of());
    };
  }

  @Test
  void aRecordInOneStateIsIndexedOnce() {
    IndexCache cache = new IndexCache(1 << 20);
    WordIndex first = cache.get("r1", "s1", loader("one two"));
    assertSame(first, cache.get("r1", "s1", loader("one two")));
    assertEquals(1, loads.get());
    cache.get("r1", "s2", loader("one two three"));
    assertEquals(2, loads.get(), "a changed record is indexed anew");
    cache.get("r2", "s1", loader("other"));
    assertEquals(3, loads.get());
  }

  @Test
  void theCacheKeepsNoMoreThanItsBound() {
    WordIndex sample = WordIndex.of(List.of(Ocr.page(1, "a b c d e f g h i j")), List.of());
    IndexCache cache = new IndexCache(sample.weight() * 3 / 2);
    cache.get("r1", "s", loader("a b c d e f g h i j"));
    cache.get("r2", "s", loader("a b c d e f g h i j"));
    int before = loads.get();
    cache.get("r1", "s", loader("a b c d e f g h i j"));
    cache.get("r2", "s", loader("a b c d e f g h i j"));
    assertTrue(loads.get() > before, "room for one index only: one of the two was indexed again");
  }

  @Test
  void aCacheOfNoBytesIndexesEveryTime() {
    IndexCache cache = new IndexCache(0);
    cache.get("r1", "s", loader("x"));
    cache.get("r1", "s", loader("x"));
    assertEquals(2, loads.get());
  }
}
