package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.dossier.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's writer lease and node registry on a real PostgreSQL: one holder at a time, taken
 * over when the holder lets go or its session dies, and nodes with differing shared settings
 * refused.
 */
class ClusterLeaseTest {
  private static final Duration HEARTBEAT = Duration.ofMillis(200);

  private String url;
  private Catalog a;
  private Catalog b;

  @BeforeEach
  void open() throws Exception {
    url = Postgres.freshDatabaseUrl();
    a = Catalog.open(url, Postgres.USER, "", 2);
    b = Catalog.open(url, Postgres.USER, "", 2);
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  @Test
  void oneNodeHoldsTheLeaseAndAnotherTakesItWhenItLetsGo() {
    ClusterLease first = ClusterLease.start(a, "a", HEARTBEAT, () -> {});
    await(first::held, "the first node takes the free lease");
    ClusterLease second = ClusterLease.start(b, "b", HEARTBEAT, () -> {});
    try {
      // A few heartbeats of the second: it never holds while the first does.
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5 * HEARTBEAT.toMillis());
      while (System.nanoTime() < until) {
        assertFalse(second.held() && first.held(), "two holders at once");
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      assertFalse(second.held());
      long t0 = System.nanoTime();
      first.close();
      await(second::held, "the second node takes the lease");
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(millis < 3 * HEARTBEAT.toMillis(), "taken over in " + millis + " ms");
      assertEquals(1, second.acquisitions());
    } finally {
      second.close();
    }
  }

  @Test
  void aHolderWhoseSessionDiesLosesTheLeaseAndTheOtherNodeTakesIt() throws Exception {
    ClusterLease first = ClusterLease.start(a, "a", HEARTBEAT, () -> {});
    await(first::held, "the first node takes the lease");
    ClusterLease second = ClusterLease.start(b, "b", HEARTBEAT, () -> {});
    try {
      // What a killed node leaves: its session ends, and the lock with it.
      try (Connection c = DriverManager.getConnection(url, Postgres.USER, "");
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                      + " AND objid = ? AND granted")) {
        ps.setLong(1, ClusterLease.WRITER_LOCK & 0xffffffffL);
        ps.execute();
      }
      await(() -> second.held() && !first.held(), "the lease moves to the second node");
    } finally {
      second.close();
      first.close();
    }
  }

  @Test
  void aNodeWhoseSharedSettingsDifferFromARunningNodesIsRefused() {
    Map<String, String> settings = Map.of("server.base-url", "https://archive.example.org");
    assertEquals(List.of(), ClusterNodes.alive(a, 60), "no node has run on this catalog yet");
    ClusterNodes.register(a, "a", settings, 60);
    // The same node restarting, and another node with the same settings, are welcome.
    ClusterNodes.register(a, "a", Map.of("server.base-url", "https://other.example.org"), 60);
    ClusterNodes.register(a, "a", settings, 60);
    ClusterNodes.register(b, "b", settings, 60);
    ClusterNodes.SettingsDifferException refused =
        assertThrows(
            ClusterNodes.SettingsDifferException.class,
            () ->
                ClusterNodes.register(
                    b, "c", Map.of("server.base-url", "https://other.example.org"), 60));
    assertEquals(1, refused.differences().size());
    assertEquals("server.base-url", refused.differences().get(0).key());
    assertTrue(refused.getMessage().contains("https://other.example.org on this node"));
    assertEquals(
        List.of("a", "b"),
        ClusterNodes.alive(a, 60).stream().map(ClusterNodes.Node::name).toList());
  }

  @Test
  void nodesStartingTogetherOnANewCatalogAllRegister() throws Exception {
    Map<String, String> settings = Map.of("server.base-url", "https://archive.example.org");
    int nodes = 6;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(nodes);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> started = new java.util.ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Catalog catalog = Catalog.open(url, Postgres.USER, "", 1);
        String name = "n" + i;
        started.add(
            pool.submit(
                () -> {
                  try (catalog) {
                    go.await();
                    ClusterNodes.register(catalog, name, settings, 60);
                  }
                  return null;
                }));
      }
      go.countDown();
      for (java.util.concurrent.Future<?> f : started) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(nodes, ClusterNodes.alive(a, 60).size());
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 15 s: " + what);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
