package org.dossier.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of a cluster that share one PostgreSQL catalog, and the settings they must agree on
 * (the public base URL, the resumption-token secret, the RDF store …). Each node registers the
 * values it runs with at start and refreshes its row while it runs ({@link ClusterLease} does); a
 * node whose values differ from those of a node seen alive lately is refused, naming the settings,
 * so that two nodes never sign tokens with different secrets or write URIs under two base URLs into
 * one store.
 *
 * <p>The table is created here rather than by a migration: it is PostgreSQL's alone (a SQLite
 * catalog has one node) and holds nothing that outlives the nodes.
 */
public final class ClusterNodes {
  static final String TABLE = "dossier_cluster_nodes";

  /** The database's clock, in epoch seconds: nodes' own clocks may disagree. */
  static final String NOW = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS BIGINT)";

  /** Taken for the length of a registration, so that two nodes starting at once are compared. */
  private static final long REGISTRATION_LOCK = 0x446f737369657201L;

  private ClusterNodes() {}

  /** A setting whose value differs between this node and a live one. */
  public record Difference(String key, String here, String there, String node) {
    /** One line for the person starting the node. */
    public String describe() {
      return key
          + ": "
          + here
          + " on this node, "
          + there
          + " on node "
          + node
          + " (every node of a cluster must have the same "
          + key
          + ")";
    }
  }

  /** A node refused because its shared settings differ from a live node's. */
  public static final class SettingsDifferException extends CatalogException {
    private static final long serialVersionUID = 1L;
    private final transient List<Difference> differences;

    SettingsDifferException(List<Difference> differences) {
      super(
          "cluster settings differ from a running node's: "
              + String.join("; ", differences.stream().map(Difference::describe).toList()));
      this.differences = List.copyOf(differences);
    }

    public List<Difference> differences() {
      return differences;
    }
  }

  /**
   * The settings of {@code node} compared with those of every other node seen within {@code
   * aliveSeconds}, without registering: what {@code dossier check} reports.
   *
   * @param shared each shared setting's key and the value to compare (a digest for a secret)
   */
  public static List<Difference> compare(
      Catalog catalog, String node, Map<String, String> shared, long aliveSeconds) {
    try (Connection c = catalog.connection(true)) {
      create(c);
      return differences(c, node, shared, aliveSeconds);
    } catch (SQLException e) {
      throw Catalog.failure("cannot read the cluster's nodes", e);
    }
  }

  /**
   * Registers {@code node} with its shared settings, unless they differ from a live node's.
   *
   * @throws SettingsDifferException naming each setting that differs and the node that has it
   */
  public static void register(
      Catalog catalog, String node, Map<String, String> shared, long aliveSeconds) {
    try (Connection c = catalog.connection(true)) {
      create(c);
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          ps.setLong(1, REGISTRATION_LOCK);
          ps.execute();
        }
        List<Difference> found = differences(c, node, shared, aliveSeconds);
        if (!found.isEmpty()) {
          c.rollback();
          throw new SettingsDifferException(found);
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + TABLE
                    + " (node, settings, started, seen, writer) VALUES (?, ?, "
                    + NOW
                    + ", "
                    + NOW
                    + ", FALSE) ON CONFLICT (node) DO UPDATE SET settings = excluded.settings,"
                    + " started = excluded.started, seen = excluded.seen, writer = FALSE")) {
          ps.setString(1, node);
          ps.setString(2, encode(shared));
          ps.executeUpdate();
        }
        // Rows of nodes gone for a day tell nothing any more.
        try (Statement s = c.createStatement()) {
          s.executeUpdate("DELETE FROM " + TABLE + " WHERE seen < " + NOW + " - 86400");
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Catalog.failure("cannot register this node with the cluster", e);
    }
  }

  /** A node as it registered: its name, whether it holds the lease, when it was last seen. */
  public record Node(String name, boolean writer, long seenSeconds) {}

  /** The nodes seen within {@code aliveSeconds}, by name. */
  public static List<Node> alive(Catalog catalog, long aliveSeconds) {
    List<Node> nodes = new ArrayList<>();
    boolean[] exists = {false};
    catalog.query(
        "SELECT to_regclass('" + TABLE + "') IS NOT NULL",
        List.of(),
        rs -> exists[0] = rs.getBoolean(1));
    if (!exists[0]) {
      return nodes;
    }
    catalog.query(
        "SELECT node, writer, seen FROM " + TABLE + " WHERE seen >= " + NOW + " - ? ORDER BY node",
        List.of(aliveSeconds),
        rs -> nodes.add(new Node(rs.getString(1), rs.getBoolean(2), rs.getLong(3))));
    return nodes;
  }

  /**
   * Creates the table of nodes when it is missing. PostgreSQL's {@code CREATE TABLE IF NOT EXISTS}
   * is not safe against itself: of two nodes starting together, both can find no table and the
   * second fail on the catalog's unique index of type names (a CI run of {@code ClusterStorageIT}
   * did). The registration lock, held for the statement's transaction, makes them take turns.
   */
  static void create(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + REGISTRATION_LOCK + ")");
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (node TEXT PRIMARY KEY, settings TEXT NOT NULL, started BIGINT NOT NULL,"
              + " seen BIGINT NOT NULL, writer BOOLEAN NOT NULL DEFAULT FALSE)");
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  static List<Difference> differences(
      Connection c, String node, Map<String, String> shared, long aliveSeconds)
      throws SQLException {
    List<Difference> found = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT node, settings FROM "
                + TABLE
                + " WHERE node <> ? AND seen >= "
                + NOW
                + " - ? ORDER BY seen DESC")) {
      ps.setString(1, node);
      ps.setLong(2, aliveSeconds);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, String> theirs = decode(rs.getString(2));
          for (Map.Entry<String, String> e : shared.entrySet()) {
            String there = theirs.get(e.getKey());
            if (there != null && !there.equals(e.getValue())) {
              found.add(new Difference(e.getKey(), e.getValue(), there, rs.getString(1)));
            }
          }
          if (!found.isEmpty()) {
            break;
          }
        }
      }
    }
    return found;
  }

  /** One {@code key=value} a line; values are single lines (settings, digests). */
  static String encode(Map<String, String> shared) {
    StringBuilder b = new StringBuilder();
    shared.forEach((k, v) -> b.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
    return b.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }
}
