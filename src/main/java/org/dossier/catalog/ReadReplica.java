package org.dossier.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL streaming replica that read-only catalog queries may be sent to ({@code
 * catalog.read-url}), and how far behind the primary it is.
 *
 * <p>A thread samples the primary's WAL position ({@code pg_current_wal_lsn()}), noting the time
 * just before it asked, and the replica's replayed position ({@code pg_last_wal_replay_lsn()}),
 * every 100 ms. Every transaction committed on the primary before a sample's time has a position at
 * or below the sample's, so once the replica has replayed that position it holds everything
 * committed before that time: the replica is <em>current up to</em> the newest such time.
 *
 * <p>A query goes to the replica only when the calling thread {@link #allow allows} it (the server
 * does for reads of the public routes, never for the admin API) and the replica is current up to
 * (a) now less the allowed staleness, (b) the last commit this process made to the catalog (its own
 * writes are read back), and (c) whatever the request {@link #requireUpTo requires} (a resumed
 * harvest: the moment its previous page was served). Otherwise, and whenever the replica fails, the
 * primary answers.
 */
public final class ReadReplica implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadReplica.class);
  private static final long SAMPLE_MILLIS = 100;

  /** What the calling thread's request allows; null: the primary only. */
  private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

  private record Scope(long maxStalenessMillis, long upToMillis) {}

  private record Sample(long atMillis, long lsn) {}

  private final HikariDataSource pool;
  private final HikariDataSource primary;
  private final Thread thread;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private volatile long currentUpToMillis = -1;
  private volatile long lastWriteMillis;
  private volatile boolean closed;
  private volatile String problem = "not sampled yet";
  private final AtomicLong replicaReads = new AtomicLong();
  private final AtomicLong primaryReads = new AtomicLong();

  private ReadReplica(HikariDataSource pool, HikariDataSource primary) {
    this.pool = pool;
    this.primary = primary;
    this.thread = new Thread(this::run, "catalog-replica");
    this.thread.setDaemon(true);
  }

  static ReadReplica open(
      String url, String user, String password, int poolSize, HikariDataSource primary) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new CatalogException(
          "catalog.read-url: '" + url + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://…)");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("catalog-replica");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setReadOnly(true);
    config.setConnectionTimeout(1000);
    // A replica that is down at start is no reason not to start: the primary answers meanwhile.
    config.setInitializationFailTimeout(-1);
    if (!user.isEmpty()) {
      config.setUsername(user);
    }
    if (!password.isEmpty()) {
      config.setPassword(password);
    }
    ReadReplica r = new ReadReplica(new HikariDataSource(config), primary);
    r.thread.start();
    return r;
  }

  // ---- what a request allows ----

  /**
   * Lets the calling thread's catalog reads go to the replica while it is at most {@code
   * maxStaleness} behind the primary, until {@link #clear}.
   */
  public static void allow(Duration maxStaleness) {
    SCOPE.set(new Scope(maxStaleness.toMillis(), 0));
  }

  /**
   * The calling thread's reads may go to the replica only once it holds everything committed before
   * {@code moment} (what a client has already seen); no effect unless {@link #allow allowed}.
   */
  public static void requireUpTo(Instant moment) {
    Scope s = SCOPE.get();
    if (s != null) {
      SCOPE.set(new Scope(s.maxStalenessMillis(), Math.max(s.upToMillis(), moment.toEpochMilli())));
    }
  }

  /** The calling thread's reads go to the primary again. */
  public static void clear() {
    SCOPE.remove();
  }

  // ---- routing ----

  /** A connection to the replica for this thread's read, or null when the primary must answer. */
  Connection connectionForRead() {
    Scope s = SCOPE.get();
    if (s == null) {
      return null;
    }
    long upTo = currentUpToMillis;
    long now = System.currentTimeMillis();
    if (upTo < 0
        || upTo < now - s.maxStalenessMillis()
        || upTo < s.upToMillis()
        || upTo < lastWriteMillis) {
      primaryReads.incrementAndGet();
      return null;
    }
    try {
      Connection c = pool.getConnection();
      replicaReads.incrementAndGet();
      return c;
    } catch (SQLException e) {
      primaryReads.incrementAndGet();
      return null;
    }
  }

  /** This process committed to the catalog: its next reads must see the commit. */
  void wrote() {
    // A millisecond later: a sample started in the same millisecond may predate the commit.
    lastWriteMillis = System.currentTimeMillis() + 1;
  }

  /** What {@code /health} shows: whether the replica is usable, how far behind, reads routed. */
  public record Status(
      boolean usable, long behindMillis, long replicaReads, long primaryReads, String problem) {}

  public Status status() {
    long upTo = currentUpToMillis;
    return new Status(
        upTo >= 0,
        upTo < 0 ? -1 : Math.max(0, System.currentTimeMillis() - upTo),
        replicaReads.get(),
        primaryReads.get(),
        upTo < 0 ? problem : null);
  }

  // ---- sampling ----

  private void run() {
    while (!closed) {
      try {
        sample();
      } catch (SQLException | RuntimeException e) {
        if (currentUpToMillis >= 0 || !String.valueOf(e.getMessage()).equals(problem)) {
          LOG.warn("catalog replica: not used for now: {}", e.getMessage());
        }
        problem = String.valueOf(e.getMessage());
        currentUpToMillis = -1;
      }
      synchronized (this) {
        if (!closed) {
          try {
            wait(SAMPLE_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private void sample() throws SQLException {
    long at = System.currentTimeMillis();
    long primaryLsn = lsn(primary, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
    samples.addLast(new Sample(at, primaryLsn));
    Long replayed = lsnOrNull(pool, "SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn");
    if (replayed == null) {
      throw new CatalogException(
          "catalog.read-url is not a streaming replica (pg_last_wal_replay_lsn() is null)");
    }
    long upTo = -1;
    while (!samples.isEmpty() && samples.peekFirst().lsn() <= replayed) {
      upTo = samples.pollFirst().atMillis();
    }
    if (upTo >= 0) {
      currentUpToMillis = upTo;
    } else if (samples.size() > 10_000) {
      samples.pollFirst();
    }
    if (currentUpToMillis >= 0) {
      problem = null;
    }
  }

  private static long lsn(HikariDataSource source, String sql) throws SQLException {
    Long v = lsnOrNull(source, sql);
    if (v == null) {
      throw new SQLException("no WAL position: " + sql);
    }
    return v;
  }

  private static Long lsnOrNull(HikariDataSource source, String sql) throws SQLException {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      java.math.BigDecimal v = rs.getBigDecimal(1);
      return v == null ? null : v.longValue();
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.close();
  }
}
