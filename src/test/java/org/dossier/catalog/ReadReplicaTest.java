package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.dossier.testing.Fixtures;
import org.dossier.testing.Postgres;
import org.dossier.testing.StreamingReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads routed to a real PostgreSQL streaming replica (a base backup of an embedded primary,
 * streaming from it): allowed reads go to the replica while it is current enough, and to the
 * primary when it is behind by more than the staleness allowed, behind this process's own last
 * write, or behind what a resumed request has seen. Replay is paused on the replica to make it fall
 * behind.
 */
class ReadReplicaTest {
  @TempDir static Path dir;
  static StreamingReplica servers;

  @BeforeAll
  static void start() throws Exception {
    servers = StreamingReplica.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
  }

  @Test
  void readsGoToTheReplicaOnlyWhileItIsCurrentEnough() throws Exception {
    servers.createDatabase("routing");
    try (Catalog catalog = Catalog.open(servers.primaryUrl("routing"), Postgres.USER, "", 4);
        Catalog otherNode = Catalog.open(servers.primaryUrl("routing"), Postgres.USER, "", 2)) {
      catalog.attachReplica(servers.replicaUrl("routing"), Postgres.USER, "", 4);
      ReadReplica replica = catalog.replica();
      await(() -> replica.status().usable(), "the replica is sampled and current");

      // Without an allowance every read is the primary's.
      long before = replica.status().replicaReads();
      catalog.recordCount();
      assertEquals(before, replica.status().replicaReads());

      // This process's own write is read back at once, whatever the replica has replayed.
      put(catalog, "r1");
      ReadReplica.allow(Duration.ofHours(1));
      try {
        assertTrue(catalog.record("r1").isPresent(), "read your writes");
        await(
            () -> replicaRead(catalog, replica, "r1"),
            "once the replica has replayed the write, reads go to it");

        // The replica stops replaying; a write of another node is not there.
        servers.pauseReplay(true);
        put(otherNode, "r2");
        ReadReplica.allow(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        await(() -> catalog.record("r2").isPresent(), "staleness bound: the primary answers");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 2_000, "the primary answered after " + millis + " ms");
        long primary = replica.status().primaryReads();
        assertTrue(catalog.record("r2").isPresent());
        assertTrue(replica.status().primaryReads() > primary, "routed to the primary");

        // A request that has seen a moment the replica has not replayed reads the primary.
        ReadReplica.allow(Duration.ofHours(1));
        ReadReplica.requireUpTo(Instant.now());
        assertTrue(catalog.record("r2").isPresent(), "a resumed request sees what it saw");

        // With a generous bound and nothing required, the stale replica may answer: r2 missing.
        ReadReplica.allow(Duration.ofHours(1));
        assertTrue(catalog.record("r2").isEmpty(), "the paused replica answered, without r2");

        servers.pauseReplay(false);
        await(() -> replicaRead(catalog, replica, "r2"), "replay resumed: the replica answers");
      } finally {
        ReadReplica.clear();
      }
    }
  }

  private static boolean replicaRead(Catalog catalog, ReadReplica replica, String id) {
    long before = replica.status().replicaReads();
    return catalog.record(id).isPresent() && replica.status().replicaReads() > before;
  }

  private static void put(Catalog catalog, String id) {
    try (CatalogWriter w = catalog.writer()) {
      w.put(Fixtures.record(id).build());
      w.commit();
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 20 s: " + what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
