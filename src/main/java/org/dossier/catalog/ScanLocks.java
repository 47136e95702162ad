package org.dossier.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Locks that hold across every node sharing the catalog, so that work on one thing (building a
 * scan's pyramid) is done by one node at a time. On PostgreSQL a session advisory lock ({@code
 * pg_try_advisory_lock}) on a 64-bit hash of the name, held on one connection until released, and
 * dropped by the server if that node dies; on SQLite, whose file only one node opens, there is no
 * one else to exclude and a lock is always granted.
 */
public final class ScanLocks {
  /** A lock held; {@link #close} releases it. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  private static final Held NOTHING = () -> {};

  private final Catalog catalog;

  public ScanLocks(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Takes the lock named, without waiting.
   *
   * @return the held lock, or empty when another session (another node) holds it
   * @throws CatalogUnavailableException when the database cannot be reached
   */
  public Optional<Held> tryLock(String name) {
    if (catalog.dialect() != Catalog.Dialect.POSTGRESQL) {
      return Optional.of(NOTHING);
    }
    long key = hash(name);
    Connection c = catalog.connection(true);
    try {
      boolean got;
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        ps.setLong(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          got = rs.getBoolean(1);
        }
      }
      if (!got) {
        c.close();
        return Optional.empty();
      }
      return Optional.of(
          () -> {
            try (c;
                PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
              ps.setLong(1, key);
              ps.execute();
            } catch (SQLException e) {
              // The connection broke: the server dropped the session's locks with it.
            }
          });
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken
      }
      throw Catalog.failure("advisory lock " + name, e);
    }
  }

  /** The first 64 bits of the name's SHA-256: collisions only make two unrelated builds queue. */
  static long hash(String name) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("dossier-scan-lock:" + name).getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
