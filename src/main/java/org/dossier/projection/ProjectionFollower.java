package org.dossier.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogUnavailableException;
import org.dossier.catalog.Change;
import org.dossier.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one follower of the catalog's change log: it drives every registered {@link Projection} with
 * the same settings ({@code projection.poll-millis}, {@code projection.batch-size}, {@code
 * projection.startup}) and is the one place that knows how far each is behind.
 *
 * <p>Each projection has a lane: a thread that looks at the change log every poll interval (or at
 * once when {@link #wake woken}) and applies what is new, batch by batch, while a second thread
 * reads the next batch from the catalog. Lanes are independent: a slow or failing projection holds
 * up no other. A failure is logged and retried after a pause that grows up to a minute.
 *
 * <p>Closing stops by a flag: a lane finishes the batch it is in (and makes it visible) before the
 * stores are closed. No thread is ever interrupted, since an interrupt inside a file channel closes
 * the channel (Lucene's ClosedByInterruptException) and one inside an LMDB transaction can take the
 * process down.
 */
public final class ProjectionFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionFollower.class);

  /**
   * Longest a reader waits for a small backlog to be applied before it answers from the store as it
   * is.
   */
  static final Duration MAX_WAIT = Duration.ofSeconds(10);

  /** Longest pause between two attempts of a failing projection. */
  static final long MAX_BACKOFF_MILLIS = 60_000;

  /**
   * How long {@link #close} waits for a lane to finish its batch; a lane still busy after it keeps
   * its store open.
   */
  static final long STOP_WAIT_MILLIS = 120_000;

  /**
   * Observations of the change log's head kept per lane for {@link Lag#secondsBehind}; older ones
   * are thinned out.
   */
  private static final int SEEN_LIMIT = 1024;

  /** What the server does at start when projections are behind ({@code projection.startup}). */
  public enum Startup {
    /** Apply the change log before the server turns ready. */
    CATCH_UP,
    /** Turn ready at once, answer from the stores as they are and report their lag. */
    BACKGROUND;

    public static Startup parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "catch-up" -> CATCH_UP;
        case "background" -> BACKGROUND;
        default ->
            throw new IllegalArgumentException(
                "projection.startup: '" + text + "' is not catch-up or background");
      };
    }

    public static Startup of(Settings settings) {
      return parse(settings.get(Settings.PROJECTION_STARTUP));
    }
  }

  /**
   * A projection failed where the caller cannot wait for a retry: at a start that catches up first,
   * or in a command.
   */
  public static final class ProjectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProjectionException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Catalog catalog;
  private final long pollMillis;
  private final int batchSize;
  private final Clock clock;
  private final List<Lane<?>> lanes = new CopyOnWriteArrayList<>();
  private volatile boolean started;
  private volatile boolean stopping;

  /** Whether this node may write the stores shared by a cluster; always, with no cluster. */
  private volatile BooleanSupplier writesShared = () -> true;

  /**
   * A follower of one catalog.
   *
   * @param poll how often a lane looks at the change log when nobody wakes it
   * @param batchSize change-log entries per batch
   * @param clock what {@link Lag#secondsBehind} is measured with
   */
  private final int nice;

  public ProjectionFollower(Catalog catalog, Duration poll, int batchSize, Clock clock) {
    this(catalog, poll, batchSize, clock, 0);
  }

  /**
   * @param nice the Linux nice value of the lanes' threads and their readers (0: as the server's
   *     own threads; see {@link BackgroundPriority})
   */
  public ProjectionFollower(Catalog catalog, Duration poll, int batchSize, Clock clock, int nice) {
    this.nice = nice;
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " < 1");
    }
    this.catalog = catalog;
    this.pollMillis = Math.max(1, poll.toMillis());
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** A follower with the configured poll interval and batch size. */
  public static ProjectionFollower of(Catalog catalog, Settings settings) {
    return new ProjectionFollower(
        catalog,
        Duration.ofMillis(settings.get(Settings.PROJECTION_POLL_MILLIS)),
        settings.get(Settings.PROJECTION_BATCH_SIZE),
        Clock.systemUTC(),
        settings.get(Settings.PROJECTION_NICE));
  }

  public int batchSize() {
    return batchSize;
  }

  /** Adds a projection, before {@link #start}. From now on the follower closes it. */
  public synchronized void register(Projection<?> projection) {
    if (started) {
      throw new IllegalStateException("register projections before the follower starts");
    }
    for (Lane<?> lane : lanes) {
      if (lane.projection.name().equals(projection.name()) || lane.projection == projection) {
        throw new IllegalArgumentException(
            "a projection named " + projection.name() + " is registered already");
      }
    }
    lanes.add(new Lane<>(projection));
    projection.followedBy(this);
  }

  /**
   * Makes the projections {@link Projection#sharedByCluster shared by a cluster} follow the change
   * log only while {@code lease} says this node holds the cluster's writer lease; meanwhile their
   * lanes {@link Projection#reload reload} what the writer did. Call {@link #wake} when it changes.
   */
  public void writeSharedWhile(BooleanSupplier lease) {
    this.writesShared = lease;
  }

  /** The registered projections, in the order they were registered. */
  public List<Projection<?>> projections() {
    List<Projection<?>> all = new ArrayList<>();
    lanes.forEach(l -> all.add(l.projection));
    return Collections.unmodifiableList(all);
  }

  /**
   * Starts a lane for each projection. With {@link Startup#CATCH_UP} it returns once every
   * projection has applied the change log as it stood when this was called, then tells them readers
   * are coming; with {@link Startup#BACKGROUND} it tells them first and returns at once.
   *
   * @throws ProjectionException when a projection fails during the catch-up at start
   */
  public void start(Startup startup) {
    start(startup, () -> {});
  }

  /**
   * As {@link #start(Startup)}, running {@code meanwhile} on the calling thread while the lanes
   * catch up (a server builds its application then, so that the two overlap).
   */
  public void start(Startup startup, Runnable meanwhile) {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("already started");
      }
      started = true;
    }
    long head = catalog.lastChangeSeq();
    if (startup == Startup.BACKGROUND) {
      lanes.forEach(l -> l.projection.openToReaders());
    }
    for (Lane<?> lane : lanes) {
      lane.start();
    }
    meanwhile.run();
    if (startup == Startup.CATCH_UP) {
      for (Lane<?> lane : lanes) {
        if (!lane.projection.readersNeverWait()) {
          lane.awaitAtStart(head);
        }
      }
      // Between two batches: a projection that writes differently while unread (RDF) switches
      // safely.
      lanes.forEach(l -> l.projection.openToReaders());
    }
  }

  /** Makes every lane look at the change log now rather than at its next poll. */
  public void wake() {
    lanes.forEach(Lane::wake);
  }

  /**
   * Writes closer together than this are one stream of writes (see {@link #writesArriving}); the
   * writer wakes the lanes once it pauses this long.
   */
  public static final long ARRIVAL_GAP_NANOS = 200_000_000L;

  /** The longest a lane leaves a stream of single writes before it applies what came. */
  public static final long HOLD_NANOS = 5_000_000_000L;

  private volatile long lastArrival = System.nanoTime() - 2 * ARRIVAL_GAP_NANOS;
  private volatile long holdNanos = HOLD_NANOS;

  /** Sets how long a lane may leave a stream of single writes (tests shorten it). */
  void holdAtMost(Duration hold) {
    holdNanos = hold.toNanos();
  }

  /**
   * A single write was committed by a writer that wakes the lanes when its writes pause (a client
   * putting records one after another over the API). While such writes keep coming, a lane's poll
   * leaves them for up to {@link #HOLD_NANOS} after its last round, and a round applies no further
   * than the change log reached when it began, so that the stores apply them in fewer, larger
   * batches instead of taking the processor from the writes every poll interval, or chasing them
   * for as long as they come.
   */
  public void writesArriving() {
    lastArrival = System.nanoTime();
  }

  /** Whether a stream of single writes is arriving. */
  private boolean streaming() {
    return System.nanoTime() - lastArrival < ARRIVAL_GAP_NANOS;
  }

  /**
   * How long a lane whose last round began at {@code lastRound} still leaves the writes; 0: none.
   */
  private long held(long lastRound) {
    if (!streaming()) {
      return 0;
    }
    return Math.max(0, lastRound + holdNanos - System.nanoTime());
  }

  /**
   * Applies everything pending to every projection, on the calling thread (one projection after the
   * other), as a command does in its own process.
   *
   * @return change-log entries applied, summed over the projections
   * @throws ProjectionException naming the projection that failed
   */
  public long catchUpNow() {
    long applied = 0;
    for (Lane<?> lane : lanes) {
      applied += catchUpNow(lane);
    }
    return applied;
  }

  /**
   * As {@link #catchUpNow()}, for one registered projection; waits while its lane is in a batch.
   */
  public long catchUpNow(Projection<?> projection) {
    return catchUpNow(lane(projection));
  }

  private long catchUpNow(Lane<?> lane) {
    try {
      return lane.catchUp();
    } catch (RuntimeException | Error e) {
      throw new ProjectionException(lane.projection.name() + ": " + describe(e), e);
    }
  }

  /**
   * What a reader that wants the newest state asks before it reads: when the projection is at most
   * {@code maxBacklog} changes behind, its lane is woken and this waits (at most {@link #MAX_WAIT})
   * until it is current; a larger backlog, or a projection that is failing, is left to the lane.
   * Before {@link #start} the catch-up runs on the calling thread.
   *
   * @return true when the projection is current with the change log as it stood when asked
   */
  public boolean awaitCurrent(Projection<?> projection, long maxBacklog) {
    Lane<?> lane = lane(projection);
    long head = catalog.lastChangeSeq();
    long applied = projection.appliedSeq();
    lane.observe(head, applied);
    if (applied >= head) {
      return true;
    }
    if (head - applied > maxBacklog || stopping || lane.failing()) {
      return false;
    }
    if (!started) {
      lane.catchUp();
      return projection.appliedSeq() >= head;
    }
    lane.wake();
    return lane.awaitApplied(head, System.nanoTime() + MAX_WAIT.toNanos());
  }

  /** Each projection's lag, in the order they were registered. */
  public List<Lag> lag() {
    long head = catalog.lastChangeSeq();
    long now = clock.millis();
    List<Lag> all = new ArrayList<>();
    for (Lane<?> lane : lanes) {
      all.add(lane.lag(head, now));
    }
    return all;
  }

  /**
   * Stops every lane after the batch it is in and closes the projections, newest registered first.
   * A lane that does not finish within {@link #STOP_WAIT_MILLIS} keeps its store open (and is
   * reported): closing a store under a running transaction is worse than leaving it.
   */
  @Override
  public void close() {
    stopping = true;
    lanes.forEach(Lane::wake);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
    List<Lane<?>> reversed = new ArrayList<>(lanes);
    Collections.reverse(reversed);
    for (Lane<?> lane : reversed) {
      lane.stop(deadline);
    }
  }

  private Lane<?> lane(Projection<?> projection) {
    for (Lane<?> lane : lanes) {
      if (lane.projection == projection) {
        return lane;
      }
    }
    throw new IllegalArgumentException(projection.name() + " is not registered with this follower");
  }

  // ---- one batch after the other ----

  /**
   * Applies every change logged after the projection's {@link Projection#appliedSeq()}, on the
   * calling thread, reading the next batch on another while one is applied; as a lane does, for a
   * projection no follower drives (a command's store, a test, a benchmark).
   *
   * @return change-log entries applied
   */
  public static <B> long catchUp(Catalog catalog, Projection<B> projection, int batchSize) {
    ExecutorService reader =
        Executors.newSingleThreadExecutor(daemon(projection.name() + "-reader", 0));
    try {
      return round(catalog, projection, batchSize, reader, last -> false, () -> true, () -> {});
    } finally {
      shutdown(reader);
    }
  }

  /**
   * One catch-up: batches of the change log until it is exhausted or {@code stop} says so (given
   * the last change of the batch in hand). The batch in hand is always applied, with {@code more}
   * false when it is the last, so what was applied is visible when this returns normally.
   */
  private static <B> long round(
      Catalog catalog,
      Projection<B> projection,
      int batchSize,
      ExecutorService reader,
      LongPredicate stop,
      BooleanSupplier mayApply,
      Runnable afterBatch) {
    List<Change> changes = catalog.changesSince(projection.appliedSeq(), batchSize);
    if (changes.isEmpty()) {
      return 0;
    }
    long applied = 0;
    CompletableFuture<B> next = read(catalog, projection, changes, reader);
    while (true) {
      B batch = join(next);
      long last = changes.get(changes.size() - 1).seq();
      List<Change> following = stop.test(last) ? List.of() : catalog.changesSince(last, batchSize);
      if (!following.isEmpty()) {
        next = read(catalog, projection, following, reader);
      }
      if (!mayApply.getAsBoolean()) {
        // The node lost the cluster's writer lease while it read: the new writer applies it.
        return applied;
      }
      projection.apply(batch, !following.isEmpty());
      applied += changes.size();
      afterBatch.run();
      if (following.isEmpty()) {
        return applied;
      }
      changes = following;
    }
  }

  private static <B> CompletableFuture<B> read(
      Catalog catalog, Projection<B> projection, List<Change> changes, ExecutorService reader) {
    return CompletableFuture.supplyAsync(() -> projection.read(catalog, changes), reader);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  private static boolean catalogUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CatalogUnavailableException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name, int nice) {
    return r -> {
      Thread t =
          new Thread(
              () -> {
                BackgroundPriority.lowerCurrentThread(nice);
                r.run();
              },
              name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Lets the reader finish what it is reading (a catalog query), without an interrupt. */
  private static void shutdown(ExecutorService reader) {
    reader.shutdown();
    try {
      if (!reader.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        LOG.warn("a projection reader did not finish within {} ms", STOP_WAIT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- lanes ----

  /** When the follower first saw the change log reach {@code seq}. */
  private record Seen(long seq, long atMillis) {}

  /** One projection's thread, its reader and what is known of its lag. */
  private final class Lane<B> {
    final Projection<B> projection;

    /** Held for a whole catch-up: the lane's own, or one a caller runs with {@link #catchUpNow}. */
    private final ReentrantLock running = new ReentrantLock();

    private final ExecutorService reader;
    private volatile Thread thread;
    // Guarded by this lane's monitor, which is also what waiters wait on.
    private boolean woken;
    private final ArrayDeque<Seen> seen = new ArrayDeque<>();
    private String error;
    private int failures;

    /** Attempts the lane's thread has finished, failed or not. */
    private long attempts;

    /** True while the lane writes its projection (always, unless it is shared by a cluster). */
    private volatile boolean writing = true;

    /** Whether this node writes the projection now: its own always, a shared one with the lease. */
    boolean mayWrite() {
      return !projection.sharedByCluster() || writesShared.getAsBoolean();
    }

    Lane(Projection<B> projection) {
      this.projection = projection;
      this.reader =
          Executors.newSingleThreadExecutor(
              daemon("projection-" + projection.name() + "-reader", nice));
    }

    void start() {
      Thread t = new Thread(this::run, "projection-" + projection.name());
      t.setDaemon(true);
      t.setUncaughtExceptionHandler(this::ended);
      thread = t;
      t.start();
    }

    /**
     * The lane's thread ended by an error outside an attempt (while it waited, or while it reported
     * a failure): it is noted as a failure and a new thread takes over, so that a lane never stops
     * while the follower runs.
     */
    private void ended(Thread t, Throwable e) {
      if (stopping) {
        return;
      }
      try {
        failed(e);
      } finally {
        start();
      }
    }

    private void run() {
      BackgroundPriority.lowerCurrentThread(nice);
      long pause = pollMillis;
      long lastRound = System.nanoTime();
      while (!stopping) {
        long held = held(lastRound);
        if (held > 0) {
          sleep(Math.max(1, held / 1_000_000));
          continue;
        }
        lastRound = System.nanoTime();
        try {
          long head = catalog.lastChangeSeq();
          if (!mayWrite()) {
            // Another node writes this store: follow its progress, for the lag and for readers.
            writing = false;
            long before = projection.appliedSeq();
            projection.reload();
            observe(head, projection.appliedSeq());
            if (projection.appliedSeq() != before) {
              progressed();
            }
          } else {
            if (!writing) {
              // Just took the lease: the previous writer may have gone further than was seen.
              writing = true;
              projection.reload();
            }
            observe(head, projection.appliedSeq());
            if (head > projection.appliedSeq()) {
              catchUp();
            }
          }
          succeeded();
          pause = pollMillis;
        } catch (RuntimeException | Error e) {
          // An Error too (an OutOfMemoryError in a large transaction, say) is a failed attempt:
          // the lane retries after the pause rather than end, and reports the error meanwhile, so
          // /health names it and /health/ready turns 503 once the lag passes its bound.
          failed(e);
          // A catalog that cannot be reached is looked at again every poll interval, so that the
          // stores follow it again soon after it is back; the failures of a store back off.
          pause =
              catalogUnavailable(e)
                  ? pollMillis
                  : Math.min(MAX_BACKOFF_MILLIS, Math.max(pollMillis, pause * 2));
        }
        sleep(pause);
      }
    }

    /** One catch-up on the calling thread; waits while another runs. */
    long catchUp() {
      running.lock();
      try {
        if (!mayWrite()) {
          return 0;
        }
        long t0 = System.nanoTime();
        // While single writes stream in, the round ends at the change log's end as it began: the
        // writes that come meanwhile wait for the next, after a hold.
        long end = catalog.lastChangeSeq();
        long applied =
            round(
                catalog,
                projection,
                batchSize,
                reader,
                last -> stopping || !mayWrite() || (last >= end && streaming()),
                this::mayWrite,
                this::progressed);
        if (applied > 0) {
          LOG.info(
              "{}: applied {} change(s), up to change {}, in {} ms",
              projection.name(),
              applied,
              projection.appliedSeq(),
              (System.nanoTime() - t0) / 1_000_000);
        }
        return applied;
      } finally {
        running.unlock();
      }
    }

    synchronized void wake() {
      woken = true;
      notifyAll();
    }

    private synchronized void sleep(long millis) {
      if (!woken && !stopping) {
        try {
          wait(millis);
        } catch (InterruptedException e) {
          // Nobody interrupts lanes; should something do so, the lane goes on at its next poll.
          Thread.interrupted();
        }
      }
      woken = false;
    }

    /** A batch was applied: the projection works again if it failed, and waiters look again. */
    private synchronized void progressed() {
      recovered();
      notifyAll();
    }

    private synchronized void succeeded() {
      recovered();
      attempts++;
      notifyAll();
    }

    private void recovered() {
      if (error != null) {
        LOG.info(
            "{}: following the change log again after {} failed attempt(s)",
            projection.name(),
            failures);
      }
      error = null;
      failures = 0;
    }

    private synchronized void failed(Throwable e) {
      error = describe(e);
      failures++;
      attempts++;
      if (failures == 1) {
        LOG.warn("{}: could not apply the change log (retrying)", projection.name(), e);
      } else {
        LOG.warn(
            "{}: could not apply the change log, attempt {} (retrying): {}",
            projection.name(),
            failures,
            e.toString());
      }
      notifyAll();
    }

    synchronized boolean failing() {
      return error != null;
    }

    /**
     * Waits, at start, until the lane has looked at the change log once and the projection has
     * applied {@code head}; a failure meanwhile ends the start.
     */
    synchronized void awaitAtStart(long head) {
      while (attempts == 0 || projection.appliedSeq() < head) {
        if (error != null) {
          throw new ProjectionException(
              projection.name() + " could not catch up with the catalog: " + error, null);
        }
        try {
          wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProjectionException(
              projection.name() + ": interrupted while catching up at start", e);
        }
      }
    }

    /**
     * Waits until the projection has applied {@code head}, the deadline passes or an attempt fails.
     */
    synchronized boolean awaitApplied(long head, long deadlineNanos) {
      int failuresBefore = failures;
      while (projection.appliedSeq() < head) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || failures > failuresBefore || stopping) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }

    /** Notes when the change log was first seen at {@code head}, forgetting what is applied. */
    synchronized void observe(long head, long applied) {
      while (!seen.isEmpty() && seen.peekFirst().seq() <= applied) {
        seen.pollFirst();
      }
      if (head > applied && (seen.isEmpty() || head > seen.peekLast().seq())) {
        if (seen.size() >= SEEN_LIMIT) {
          // Keep the oldest (it decides the lag) and drop the one after it.
          Seen oldest = seen.pollFirst();
          seen.pollFirst();
          seen.addFirst(oldest);
        }
        seen.addLast(new Seen(head, clock.millis()));
      }
    }

    synchronized Lag lag(long head, long now) {
      long applied = projection.appliedSeq();
      observe(head, applied);
      long behind = Math.max(0, head - applied);
      long seconds =
          behind == 0 || seen.isEmpty()
              ? 0
              : Math.max(0, (now - seen.peekFirst().atMillis()) / 1000);
      return new Lag(projection.name(), applied, head, behind, seconds, error);
    }

    /**
     * Lets the lane finish its batch, then closes the projection; see {@link
     * ProjectionFollower#close}.
     */
    void stop(long deadlineNanos) {
      Thread t = thread;
      if (t != null) {
        try {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
          LOG.warn(
              "{}: still in a batch after {} ms; its store is left open",
              projection.name(),
              STOP_WAIT_MILLIS);
          return;
        }
      }
      boolean idle;
      try {
        idle =
            running.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        idle = running.tryLock();
      }
      if (!idle) {
        LOG.warn("{}: a catch-up is still running; its store is left open", projection.name());
        return;
      }
      try {
        shutdown(reader);
        projection.close();
      } catch (RuntimeException e) {
        LOG.warn("{}: did not close cleanly: {}", projection.name(), e.toString());
      } finally {
        running.unlock();
      }
    }
  }
}
