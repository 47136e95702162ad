package org.dossier.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node of a cluster on one PostgreSQL catalog does the work that must be done once per
 * cluster (writing the stores every node shares): the one whose session holds a PostgreSQL
 * session-level advisory lock. The lock lives on a connection of its own, outside the pool; a
 * thread tries to take it, or confirms it still holds it, every heartbeat, and records the node as
 * seen (see {@link ClusterNodes}).
 *
 * <p>A node that dies loses the lock with its session: at once when its process ends (the kernel
 * closes the socket), or within PostgreSQL's TCP keepalive (set to about 11 s on this session) when
 * its machine or network goes. The holder stops counting itself the holder as soon as a heartbeat
 * fails or none has confirmed the lock for three heartbeats (at least 5 s), which is sooner than
 * the database lets the lock go, so two nodes do not write at once while the network is cut.
 */
public final class ClusterLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLease.class);

  /** The advisory lock's key: advisory locks are per database, so one key per catalog. */
  static final long WRITER_LOCK = 0x446f737369657202L;

  private final Catalog catalog;
  private final String node;
  private final long heartbeatMillis;
  private final Runnable onChange;
  private final Thread thread;
  private final Object monitor = new Object();

  // Touched by the heartbeat thread only.
  private Connection session;

  private volatile boolean held;
  private volatile long confirmedNanos;
  private volatile long acquisitions;
  private volatile boolean closed;

  private ClusterLease(Catalog catalog, String node, Duration heartbeat, Runnable onChange) {
    this.catalog = catalog;
    this.node = node;
    this.heartbeatMillis = Math.max(50, heartbeat.toMillis());
    this.onChange = onChange;
    this.thread = new Thread(this::run, "cluster-lease");
    this.thread.setDaemon(true);
  }

  /**
   * Starts trying for the lease at once and every {@code heartbeat} after; {@code onChange} runs
   * (on the lease's thread) whenever this node takes the lease or loses it.
   */
  public static ClusterLease start(
      Catalog catalog, String node, Duration heartbeat, Runnable onChange) {
    if (catalog.dialect() != Catalog.Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("a cluster lease needs a PostgreSQL catalog");
    }
    ClusterLease lease = new ClusterLease(catalog, node, heartbeat, onChange);
    lease.thread.start();
    return lease;
  }

  /** This node's name in the cluster. */
  public String node() {
    return node;
  }

  /**
   * True while this node holds the lease, confirmed by a heartbeat within the last three: what a
   * writer of a shared store asks before each batch.
   */
  public boolean held() {
    return held
        && System.nanoTime() - confirmedNanos < TimeUnit.MILLISECONDS.toNanos(validMillis());
  }

  /**
   * How long a confirmation counts: three heartbeats, and at least 5 s so that a busy machine's
   * late heartbeat does not hand the work back and forth; still well below the ~11 s PostgreSQL
   * takes to drop the session of a node it cannot reach.
   */
  private long validMillis() {
    return Math.max(3 * heartbeatMillis, 5_000);
  }

  /** How many times this node has taken the lease since it started. */
  public long acquisitions() {
    return acquisitions;
  }

  private void run() {
    while (!closed) {
      boolean now;
      try {
        now = beat();
      } catch (SQLException | RuntimeException e) {
        if (held) {
          LOG.warn("cluster: lost the writer lease ({}); another node takes over", e.getMessage());
        } else {
          LOG.debug("cluster: lease heartbeat failed: {}", e.toString());
        }
        closeSession();
        now = false;
      }
      if (now != held) {
        held = now;
        if (now) {
          acquisitions++;
          LOG.info("cluster: node {} holds the writer lease: it writes the shared stores", node);
        }
        try {
          onChange.run();
        } catch (RuntimeException e) {
          LOG.warn("cluster: a lease listener failed: {}", e.toString());
        }
      }
      synchronized (monitor) {
        if (!closed) {
          try {
            monitor.wait(heartbeatMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** One heartbeat: takes or confirms the lock, and marks this node seen. */
  private boolean beat() throws SQLException {
    if (session == null) {
      int timeout = (int) Math.max(2, TimeUnit.MILLISECONDS.toSeconds(3 * heartbeatMillis));
      Connection c = catalog.dedicatedConnection(timeout);
      try (Statement s = c.createStatement()) {
        // The database drops the session (and the lock) soon after this node's machine vanishes.
        s.execute("SET tcp_keepalives_idle = 5");
        s.execute("SET tcp_keepalives_interval = 2");
        s.execute("SET tcp_keepalives_count = 3");
        ClusterNodes.create(c);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      session = c;
    }
    boolean holds = held;
    if (!holds) {
      try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?)");
          ResultSet rs = executeQuery(ps, WRITER_LOCK)) {
        holds = rs.next() && rs.getBoolean(1);
      }
    }
    try (PreparedStatement ps =
        session.prepareStatement(
            "UPDATE "
                + ClusterNodes.TABLE
                + " SET seen = "
                + ClusterNodes.NOW
                + ", writer = ? WHERE node = ?")) {
      ps.setBoolean(1, holds);
      ps.setString(2, node);
      ps.executeUpdate();
    }
    // The update went through on the lock's own session: it is alive, so the lock is still ours.
    confirmedNanos = System.nanoTime();
    return holds;
  }

  private static ResultSet executeQuery(PreparedStatement ps, long key) throws SQLException {
    ps.setLong(1, key);
    return ps.executeQuery();
  }

  private void closeSession() {
    Connection c = session;
    session = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the session is gone already, which is what closing it wanted
      }
    }
  }

  /**
   * Lets the lease go at once (another node takes it at its next heartbeat) and forgets this node.
   */
  @Override
  public void close() {
    closed = true;
    synchronized (monitor) {
      monitor.notifyAll();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean was = held;
    held = false;
    Connection c = session;
    if (c != null) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + ClusterNodes.TABLE + " WHERE node = ?")) {
        ps.setString(1, node);
        ps.executeUpdate();
      } catch (SQLException e) {
        LOG.debug("cluster: could not remove this node's row: {}", e.toString());
      }
    }
    // Closing the session releases the advisory lock.
    closeSession();
    if (was) {
      LOG.info("cluster: node {} let the writer lease go", node);
    }
  }
}
