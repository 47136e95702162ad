package org.dossier.iiif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.StreamEntry;
import org.dossier.config.Settings;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A harvester following the specification's algorithm (§3.5) ends with exactly the live manifests
 * and collections, in their latest versions, after imports, updates, deletes and re-creations,
 * changes made while it walks, and a refresh; its incremental runs pick up exactly what changed.
 */
class CrawlerTest {
  private TestServer server;
  private String stream;

  /** What the index of a correct harvester holds: resource URI → label. */
  private final Map<String, String> live = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                Settings.ARCHIVE_LOAD_SAMPLE.key(), "false",
                Settings.IIIF_DISCOVERY_PAGE_SIZE.key(), "5"));
    stream = server.baseUrl() + "/iiif/discovery/activity/all-changes";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String manifest(String id) {
    return server.baseUrl() + "/iiif/3/" + id + "/manifest";
  }

  private String collectionUrl(String id) {
    return server.baseUrl() + "/iiif/3/collection/" + id;
  }

  /** One transaction of the catalog, recorded in {@link #live}. */
  private final class Change implements AutoCloseable {
    final CatalogWriter w = server.server().catalog().writer();
    final Set<String> touched = new HashSet<>();

    Change collection(String id, String title) {
      w.put(new ArchiveCollection(id, title, "About " + id, null));
      live.put(collectionUrl(id), title);
      touched.add(collectionUrl(id));
      return this;
    }

    Change record(String id, String title, String collection) {
      w.put(Fixtures.record(id).title(title).in(collection).build());
      live.put(manifest(id), title);
      touched.add(manifest(id));
      return this;
    }

    Change delete(String id) {
      assertTrue(w.delete(id), id);
      live.remove(manifest(id));
      touched.add(manifest(id));
      return this;
    }

    @Override
    public void close() {
      w.commit();
    }
  }

  private void importsUpdatesAndDeletes() {
    try (Change c = new Change()) {
      c.collection("c1", "First").collection("c2", "Second");
      for (int i = 1; i <= 20; i++) {
        c.record("r" + i, "Record " + i, i % 2 == 0 ? "c2" : "c1");
      }
    }
    try (Change c = new Change()) {
      c.record("r1", "Record 1, corrected", "c1").record("r2", "Record 2, moved", "c1");
      c.delete("r3").delete("r4");
    }
    try (Change c = new Change()) {
      c.record("r3", "Record 3, back", "c2").record("r1", "Record 1, again", "c1");
      c.collection("c2", "Second, renamed");
    }
  }

  /**
   * The index is exactly the live set, and the stream alone made it so: no resource was found
   * deleted by fetching it rather than by its Delete activity.
   */
  private void assertIndexIsTheLiveSet(Crawler crawler) {
    assertEquals(java.util.Set.of(), crawler.goneOnFetch, "deletes the stream did not announce");
    assertEquals(live, crawler.index, Crawler.difference(live.keySet(), crawler.index.keySet()));
  }

  @Test
  void aFirstCrawlFindsExactlyTheLiveResourcesInTheirLatestVersions() {
    importsUpdatesAndDeletes();
    Crawler crawler = new Crawler(server, stream);
    crawler.crawl();
    assertIndexIsTheLiveSet(crawler);
  }

  @Test
  void changesMadeWhileItWalksAreFoundByTheNextCrawl() throws Exception {
    importsUpdatesAndDeletes();
    Crawler crawler = new Crawler(server, stream);
    AtomicInteger pages = new AtomicInteger();
    crawler.afterEachPage =
        () -> {
          // While the crawler is on its second page: an update of a record it has already passed,
          // one of a record it has yet to reach, a delete, a new record.
          if (pages.incrementAndGet() == 2) {
            try (Change c = new Change()) {
              c.record("r20", "Record 20, during", "c2").record("r5", "Record 5, during", "c1");
              c.delete("r6").record("r21", "Record 21, new", "c1");
            }
          }
        };
    crawler.crawl();
    assertTrue(crawler.pagesRead > 2);
    crawler.afterEachPage = () -> {};
    crawler.crawl();
    assertIndexIsTheLiveSet(crawler);
  }

  @Test
  void anIncrementalCrawlProcessesExactlyWhatChangedSinceTheLast() throws Exception {
    importsUpdatesAndDeletes();
    Crawler crawler = new Crawler(server, stream);
    crawler.crawl();
    Instant before = crawler.lastCrawl();
    Set<String> boundary = resourcesChangedAt(before);
    Thread.sleep(1100); // the next changes get a later datestamp than the crawl's newest
    Set<String> changed;
    try (Change c = new Change()) {
      c.record("r7", "Record 7, later", "c1").delete("r8").record("r22", "Record 22", "c2");
      c.collection("c1", "First, later");
      changed = c.touched;
    }
    crawler.crawl();
    assertIndexIsTheLiveSet(crawler);
    assertTrue(crawler.processedItems.containsAll(changed), crawler.processedItems.toString());
    Set<String> beyond = new HashSet<>(crawler.processedItems);
    beyond.removeAll(changed);
    // Activities of the second the last crawl ended on are seen again ("before lastCrawl" is
    // strict): applying them twice is harmless, and nothing older is read.
    assertTrue(boundary.containsAll(beyond), "beyond the changes: " + beyond);
  }

  @Test
  void afterARefreshANewHarvesterStopsAtItAndAKnownOneOnlyLooksForDeletesBeyondIt()
      throws Exception {
    importsUpdatesAndDeletes();
    Crawler known = new Crawler(server, stream);
    known.crawl();
    try (CatalogWriter w = server.server().catalog().writer()) {
      assertEquals(live.size(), w.refresh(), "every live record and collection re-issued");
      w.commit();
    }
    try (Change c = new Change()) {
      c.delete("r9").record("r10", "Record 10, after the refresh", "c2");
    }
    Crawler fresh = new Crawler(server, stream);
    fresh.crawl();
    assertTrue(fresh.stoppedAtRefresh);
    assertIndexIsTheLiveSet(fresh);
    long pages = (server.server().catalog().streamSize() + 4) / 5;
    assertTrue(fresh.pagesRead < pages, fresh.pagesRead + " of " + pages + " pages");

    known.crawl();
    assertFalse(known.stoppedAtRefresh);
    assertIndexIsTheLiveSet(known);
  }

  /** The resources with an activity at this second. */
  private Set<String> resourcesChangedAt(Instant second) {
    Set<String> ids = new HashSet<>();
    List<StreamEntry> entries = server.server().catalog().stream(0, 1_000_000);
    for (StreamEntry e : entries) {
      if (e.datestamp().equals(second)) {
        ids.add(
            e.entity() == org.dossier.catalog.Change.Entity.COLLECTION
                ? collectionUrl(e.id())
                : manifest(e.id()));
      }
    }
    return ids;
  }
}
