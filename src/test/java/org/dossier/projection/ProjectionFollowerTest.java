package org.dossier.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Change;
import org.dossier.testing.Fixtures;
import org.dossier.testing.SteppingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower over a real catalog, driving projections that record what they are asked to do (the
 * real search index and RDF store under the follower are tested in DerivedStoresTest).
 */
class ProjectionFollowerTest {
  /** Long enough that lanes only move when woken: the tests decide when. */
  static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path dir;
  Catalog catalog;
  int written;

  @BeforeEach
  void open() {
    catalog = Catalog.openSqlite(dir, 2);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  /** Writes n new records in one transaction: n changes. */
  void write(int n) {
    try (CatalogWriter w = catalog.writer()) {
      for (int i = 0; i < n; i++) {
        w.put(Fixtures.record("r" + (++written)).build());
      }
      w.commit();
    }
  }

  /** A projection that keeps a log of what it was asked, and can be held up or made to fail. */
  static class Recording implements Projection<List<Change>> {
    final String name;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    /** When set, apply waits for a permit (and notes whether it was interrupted meanwhile). */
    volatile Semaphore gate;

    final CountDownLatch entered = new CountDownLatch(1);
    volatile boolean failing;
    volatile boolean interrupted;
    volatile boolean closed;
    private volatile long applied;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long appliedSeq() {
      return applied;
    }

    @Override
    public List<Change> read(Catalog catalog, List<Change> changes) {
      reads.incrementAndGet();
      happened();
      return changes;
    }

    @Override
    public void apply(List<Change> batch, boolean more) {
      attempts.incrementAndGet();
      happened();
      if (failing) {
        throw new IllegalStateException(name + " fails on purpose");
      }
      entered.countDown();
      Semaphore g = gate;
      if (g != null) {
        try {
          g.acquire();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      interrupted |= Thread.currentThread().isInterrupted();
      log.add(
          "apply "
              + batch.get(0).seq()
              + "-"
              + batch.get(batch.size() - 1).seq()
              + (more ? " more" : ""));
      synchronized (this) {
        applied = batch.get(batch.size() - 1).seq();
        notifyAll();
      }
    }

    @Override
    public void rebuild(Catalog catalog) {
      applied = 0;
    }

    @Override
    public void openToReaders() {
      log.add("readers at " + applied);
    }

    @Override
    public void close() {
      log.add("close");
      closed = true;
    }

    synchronized void happened() {
      notifyAll();
    }

    /** Waits (up to 10 s) until the projection has applied {@code seq}. */
    void awaitApplied(long seq) throws InterruptedException {
      await(() -> applied >= seq, name + " reached " + seq);
    }

    /** Waits (up to 10 s) for something the follower makes this projection do. */
    synchronized void await(java.util.function.BooleanSupplier done, String what)
        throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, what + " within 10 s");
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  ProjectionFollower follower(Duration poll, int batch, Clock clock, Projection<?>... projections) {
    ProjectionFollower f = new ProjectionFollower(catalog, poll, batch, clock);
    for (Projection<?> p : projections) {
      f.register(p);
    }
    return f;
  }

  /** The calling thread's nice value, from Linux's /proc. */
  static int niceOfThisThread() throws java.io.IOException {
    String stat = java.nio.file.Files.readString(Path.of("/proc/thread-self/stat"));
    // After the command name in parentheses: state is field 3, nice field 19.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[19 - 3]);
  }

  @Test
  void theLanesAndTheirReadersRunAtTheConfiguredNiceValueAndTheCallerKeepsItsOwn()
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
    int own = niceOfThisThread();
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    Recording niced =
        new Recording("niced") {
          @Override
          public List<Change> read(Catalog catalog, List<Change> changes) {
            seen.add(nice());
            return super.read(catalog, changes);
          }

          @Override
          public void apply(List<Change> batch, boolean more) {
            seen.add(nice());
            super.apply(batch, more);
          }

          private int nice() {
            try {
              return niceOfThisThread();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };
    int wanted = Math.min(19, own + 7);
    try (ProjectionFollower f =
        new ProjectionFollower(catalog, NEVER, 10, Clock.systemUTC(), wanted)) {
      f.register(niced);
      f.start(ProjectionFollower.Startup.BACKGROUND);
      write(3);
      f.wake();
      niced.awaitApplied(3);
    }
    assertFalse(seen.isEmpty());
    assertEquals(Collections.nCopies(seen.size(), wanted), seen, "read and apply, niced");
    assertEquals(own, niceOfThisThread(), "the caller's thread keeps its priority");
  }

  @Test
  void singleWritesComingOneAfterAnotherWaitForAPauseOrTheEndOfTheHold() throws Exception {
    Recording a = new Recording("a");
    try (ProjectionFollower f = follower(Duration.ofMillis(20), 1000, Clock.systemUTC(), a)) {
      f.holdAtMost(Duration.ofSeconds(3));
      f.start(ProjectionFollower.Startup.CATCH_UP);
      long start = System.nanoTime();
      // A write every 50 ms for about a second: the lane polls every 20 ms and leaves them all.
      while (System.nanoTime() - start < 1_000_000_000L) {
        write(1);
        f.writesArriving();
        Thread.sleep(50);
      }
      assertEquals(0, a.appliedSeq(), "applied while the writes came: " + a.log);
      // They keep coming: the lane applies what came once the hold (3 s since its start) is over.
      long seen = written;
      while (a.appliedSeq() == 0) {
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "never applied: " + a.log);
        write(1);
        f.writesArriving();
        Thread.sleep(50);
      }
      assertTrue(a.appliedSeq() >= seen, a.appliedSeq() + " < " + seen);
      assertTrue(System.nanoTime() - start >= 2_900_000_000L, "applied before the hold ended");
      // The writes pause, and the writer wakes the lanes (as the admin API does): all applied.
      write(1);
      f.writesArriving();
      Thread.sleep(ProjectionFollower.ARRIVAL_GAP_NANOS / 1_000_000);
      f.wake();
      a.awaitApplied(written);
    }
  }

  @Test
  void aRoundDuringAStreamOfWritesEndsWhereTheChangeLogEndedWhenItBegan() throws Exception {
    Recording a = new Recording("a");
    try (ProjectionFollower f = follower(Duration.ofMillis(20), 1, Clock.systemUTC(), a)) {
      f.holdAtMost(Duration.ofSeconds(30));
      f.start(ProjectionFollower.Startup.CATCH_UP);
      a.gate = new Semaphore(0);
      write(3);
      f.wake();
      assertTrue(a.entered.await(10, TimeUnit.SECONDS), "the round began");
      // While the round is held up in its first batch, a stream of single writes comes.
      for (int i = 0; i < 5; i++) {
        write(1);
        f.writesArriving();
      }
      a.gate.release(1000);
      long until = System.nanoTime() + 600_000_000L;
      while (System.nanoTime() < until) {
        f.writesArriving(); // the stream goes on
        Thread.sleep(50);
      }
      assertEquals(3, a.appliedSeq(), a.log.toString());
      assertEquals(
          List.of("apply 1-1 more", "apply 2-2 more", "apply 3-3"),
          a.log.stream().filter(l -> l.startsWith("apply")).toList());
    }
  }

  @Test
  void everyProjectionGetsTheChangeLogInBatchesAndItsLagGoesToZero() throws Exception {
    write(25);
    Recording a = new Recording("a");
    Recording b = new Recording("b");
    try (ProjectionFollower f = follower(NEVER, 10, Clock.systemUTC(), a, b)) {
      f.start(ProjectionFollower.Startup.CATCH_UP);
      for (Recording p : List.of(a, b)) {
        assertEquals(
            List.of("apply 1-10 more", "apply 11-20 more", "apply 21-25", "readers at 25"), p.log);
      }
      for (Lag lag : f.lag()) {
        assertEquals(new Lag(lag.name(), 25, 25, 0, 0, null), lag);
      }

      write(3);
      List<Lag> behind = f.lag();
      assertEquals(List.of("a", "b"), behind.stream().map(Lag::name).toList());
      for (Lag lag : behind) {
        assertEquals(25, lag.appliedSeq());
        assertEquals(28, lag.catalogSeq());
        assertEquals(3, lag.changesBehind());
      }
      f.wake();
      a.awaitApplied(28);
      b.awaitApplied(28);
      assertTrue(f.lag().stream().allMatch(Lag::current), f.lag().toString());
    }
    assertTrue(a.closed && b.closed, "closing the follower closes what it drives");
  }

  /** A projection of a store every node shares: another node may move its progress on. */
  static final class Shared extends Recording {
    final java.util.concurrent.atomic.AtomicLong storeSeq =
        new java.util.concurrent.atomic.AtomicLong();
    final AtomicInteger reloads = new AtomicInteger();
    private volatile long known;

    Shared(String name) {
      super(name);
    }

    @Override
    public boolean sharedByCluster() {
      return true;
    }

    @Override
    public long appliedSeq() {
      return Math.max(known, super.appliedSeq());
    }

    @Override
    public void apply(List<Change> batch, boolean more) {
      super.apply(batch, more);
      storeSeq.set(batch.get(batch.size() - 1).seq());
    }

    @Override
    public void reload() {
      reloads.incrementAndGet();
      known = storeSeq.get();
      synchronized (this) {
        notifyAll();
      }
    }
  }

  @Test
  void aStoreSharedByTheClusterIsWrittenOnlyWhileThisNodeHoldsTheLease() throws Exception {
    write(5);
    Recording own = new Recording("own");
    Shared shared = new Shared("shared");
    java.util.concurrent.atomic.AtomicBoolean lease =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (ProjectionFollower f = follower(NEVER, 10, Clock.systemUTC(), own, shared)) {
      f.writeSharedWhile(lease::get);
      f.start(ProjectionFollower.Startup.BACKGROUND);
      own.awaitApplied(5);
      shared.await(() -> shared.reloads.get() > 0, "the shared store's progress reloaded");
      assertEquals(0, shared.attempts.get(), "not written without the lease");
      assertEquals(5, f.lag().get(1).changesBehind());

      // Another node (the writer) moves the shared store on: this node sees it in its lag.
      shared.storeSeq.set(3);
      f.wake();
      shared.await(() -> shared.appliedSeq() == 3, "the writer's progress seen");
      assertEquals(0, shared.attempts.get());

      // This node takes the lease: it reads the writer's progress again and goes on from there.
      lease.set(true);
      f.wake();
      shared.awaitApplied(5);
      assertEquals(
          List.of("apply 4-5"), shared.log.stream().filter(l -> l.startsWith("apply")).toList());

      // It loses the lease: nothing more is written here.
      lease.set(false);
      write(2);
      f.wake();
      own.awaitApplied(7);
      shared.await(() -> shared.reloads.get() > 2, "reloads after losing the lease");
      assertEquals(5, shared.appliedSeq());
      assertEquals(1, shared.attempts.get());
    }
  }

  @Test
  void secondsBehindCountFromWhenTheFollowerFirstSawTheOldestPendingChange() throws Exception {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-12-06T10:00:00Z"));
    Recording a = new Recording("a");
    try (ProjectionFollower f = follower(NEVER, 10, clock, a)) {
      f.start(ProjectionFollower.Startup.CATCH_UP);
      write(2);
      assertEquals(new Lag("a", 0, 2, 2, 0, null), f.lag().get(0));
      clock.advance(Duration.ofSeconds(90));
      write(1);
      assertEquals(
          new Lag("a", 0, 3, 3, 90, null), f.lag().get(0), "the oldest pending change decides");
      clock.advance(Duration.ofSeconds(10));
      assertEquals(100, f.lag().get(0).secondsBehind());
      f.wake();
      a.awaitApplied(3);
      assertEquals(new Lag("a", 3, 3, 0, 0, null), f.lag().get(0));
    }
  }

  @Test
  void aFailingProjectionIsRetriedWithoutHoldingUpTheOthers() throws Exception {
    Recording failing = new Recording("failing");
    failing.failing = true;
    Recording healthy = new Recording("healthy");
    write(5);
    try (ProjectionFollower f =
        follower(Duration.ofMillis(20), 10, Clock.systemUTC(), failing, healthy)) {
      f.start(ProjectionFollower.Startup.BACKGROUND);
      healthy.awaitApplied(5);
      write(5);
      assertTrue(f.awaitCurrent(healthy, 100), "the healthy projection follows the change log");
      assertEquals(10, healthy.appliedSeq());

      failing.await(() -> failing.attempts.get() >= 3, "the failing projection is retried");
      Lag lag = f.lag().get(0);
      assertEquals("failing", lag.name());
      assertEquals(10, lag.changesBehind());
      assertEquals("failing fails on purpose", lag.error());
      assertFalse(f.awaitCurrent(failing, 100), "a reader does not wait for a failing projection");

      failing.failing = false;
      f.wake(); // rather than wait out the pause, which grows with each failure
      failing.awaitApplied(10);
      assertEquals(0, f.catchUpNow(failing), "(waits for the lane's batch to end)");
      assertNull(f.lag().get(0).error(), "the error is gone once a batch succeeds");
    }
  }

  @Test
  void aLaneThatRunsOutOfMemoryReportsItAndRetriesInsteadOfEnding() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean starving =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Recording starved =
        new Recording("starved") {
          @Override
          public void apply(List<Change> batch, boolean more) {
            if (starving.get()) {
              attempts.incrementAndGet();
              happened();
              throw new OutOfMemoryError("Java heap space (on purpose)");
            }
            super.apply(batch, more);
          }
        };
    write(3);
    try (ProjectionFollower f = follower(Duration.ofMillis(20), 10, Clock.systemUTC(), starved)) {
      f.start(ProjectionFollower.Startup.BACKGROUND);
      starved.await(() -> starved.attempts.get() >= 3, "the lane tries again after the error");
      assertEquals("Java heap space (on purpose)", f.lag().get(0).error());
      assertEquals(3, f.lag().get(0).changesBehind());

      starving.set(false);
      f.wake();
      starved.awaitApplied(3);
      assertEquals(0, f.catchUpNow(starved), "(waits for the lane's batch to end)");
      assertNull(f.lag().get(0).error(), "the lane recovered");
      write(2);
      assertTrue(f.awaitCurrent(starved, 100), "and goes on following the change log");
    }
  }

  @Test
  void aStartThatCatchesUpFirstFailsWhenAProjectionCannot() {
    Recording failing = new Recording("failing");
    failing.failing = true;
    write(1);
    try (ProjectionFollower f = follower(Duration.ofMillis(20), 10, Clock.systemUTC(), failing)) {
      ProjectionFollower.ProjectionException e =
          assertThrows(
              ProjectionFollower.ProjectionException.class,
              () -> f.start(ProjectionFollower.Startup.CATCH_UP));
      assertTrue(
          e.getMessage()
              .contains("failing could not catch up with the catalog: failing fails on purpose"),
          e.getMessage());
    }
  }

  @Test
  void inTheBackgroundTheFollowerReturnsAtOnceAndOpensToReadersBeforeAnyBatch() throws Exception {
    write(30);
    Recording slow = new Recording("slow");
    slow.gate = new Semaphore(0);
    try (ProjectionFollower f = follower(NEVER, 10, Clock.systemUTC(), slow)) {
      f.start(ProjectionFollower.Startup.BACKGROUND);
      assertTrue(slow.entered.await(10, TimeUnit.SECONDS));
      assertEquals(List.of("readers at 0"), slow.log);
      Lag lag = f.lag().get(0);
      assertEquals(0, lag.appliedSeq());
      assertEquals(30, lag.changesBehind());
      assertFalse(f.awaitCurrent(slow, 10), "a backlog larger than asked for is left to the lane");
      slow.gate.release(3);
      slow.awaitApplied(30);
      assertTrue(f.lag().get(0).current());
    }
  }

  @Test
  void theNextBatchIsReadWhileOneIsApplied() throws Exception {
    write(30);
    Recording slow = new Recording("slow");
    slow.gate = new Semaphore(0);
    try (ProjectionFollower f = follower(NEVER, 10, Clock.systemUTC(), slow)) {
      f.start(ProjectionFollower.Startup.BACKGROUND);
      assertTrue(slow.entered.await(10, TimeUnit.SECONDS));
      slow.await(
          () -> slow.reads.get() >= 2, "the second batch is read while the first is held up");
      assertEquals(0, slow.appliedSeq());
      slow.gate.release(3);
      slow.awaitApplied(30);
    }
  }

  @Test
  void closingLetsTheBatchInProgressFinishUninterruptedThenClosesTheStore() throws Exception {
    write(30);
    Recording slow = new Recording("slow");
    slow.gate = new Semaphore(0);
    ProjectionFollower f = follower(NEVER, 10, Clock.systemUTC(), slow);
    f.start(ProjectionFollower.Startup.BACKGROUND);
    assertTrue(slow.entered.await(10, TimeUnit.SECONDS));

    CompletableFuture<Void> closing = CompletableFuture.runAsync(f::close);
    assertThrows(
        TimeoutException.class,
        () -> closing.get(300, TimeUnit.MILLISECONDS),
        "close waits for the batch in progress");
    assertFalse(slow.closed, "the store stays open while a batch writes to it");
    slow.gate.release(2);
    closing.get(10, TimeUnit.SECONDS);

    assertFalse(slow.interrupted, "no thread was interrupted");
    // The batch in progress, then the one already read, told it is the last: nothing more.
    assertEquals(List.of("readers at 0", "apply 1-10 more", "apply 11-20", "close"), slow.log);
    assertEquals(20, slow.appliedSeq());
  }

  @Test
  void aCommandCatchesUpOnItsOwnThreadWithoutStartingLanes() {
    write(12);
    Recording a = new Recording("a");
    Recording b = new Recording("b");
    try (ProjectionFollower f = follower(NEVER, 5, Clock.systemUTC(), a, b)) {
      assertEquals(24, f.catchUpNow());
      assertEquals(List.of("apply 1-5 more", "apply 6-10 more", "apply 11-12"), a.log);
      assertEquals(0, f.catchUpNow(b), "nothing left");
      assertNotNull(f.lag());
      assertTrue(f.lag().stream().allMatch(Lag::current));
    }
  }

  @Test
  void registeringTwoProjectionsOfOneNameIsRefused() {
    try (ProjectionFollower f = follower(NEVER, 5, Clock.systemUTC(), new Recording("a"))) {
      assertThrows(IllegalArgumentException.class, () -> f.register(new Recording("a")));
    }
  }
}
