package org.dossier.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Whether a PostgreSQL catalog answers, asked with a short timeout and without changing anything:
 * no pool, no migration, one connection that runs two queries and is closed.
 */
public final class CatalogProbe {

  /**
   * What the probe found.
   *
   * @param reachable true when a connection was made and answered
   * @param detail the schema version found, or why no connection was made
   */
  public record Answer(boolean reachable, String detail) {}

  /** What a node would register, and where the differences with running nodes are put. */
  public record ClusterQuestion(
      String node,
      java.util.Map<String, String> shared,
      long aliveSeconds,
      java.util.List<ClusterNodes.Difference> differences) {}

  private CatalogProbe() {}

  public static Answer postgres(String url, String user, String password, int timeoutSeconds) {
    return postgres(url, user, password, timeoutSeconds, null);
  }

  /**
   * As {@link #postgres(String, String, String, int)}, and compares the settings a node would
   * register with those of the nodes seen running within {@code aliveSeconds} (see {@link
   * ClusterNodes}), adding what differs to {@code differences}.
   */
  public static Answer postgres(
      String url, String user, String password, int timeoutSeconds, ClusterQuestion cluster) {
    Properties p = new Properties();
    if (!user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      p.setProperty("password", password);
    }
    String seconds = Integer.toString(timeoutSeconds);
    p.setProperty("connectTimeout", seconds);
    p.setProperty("loginTimeout", seconds);
    p.setProperty("socketTimeout", seconds);
    try (Connection c = new org.postgresql.Driver().connect(url, p)) {
      if (c == null) {
        return new Answer(false, "not a PostgreSQL JDBC URL");
      }
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(timeoutSeconds);
        boolean migrated;
        try (ResultSet r =
            s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
          migrated = r.next() && r.getBoolean(1);
        }
        if (cluster != null) {
          boolean nodes;
          try (ResultSet r =
              s.executeQuery("SELECT to_regclass('" + ClusterNodes.TABLE + "') IS NOT NULL")) {
            nodes = r.next() && r.getBoolean(1);
          }
          if (nodes) {
            cluster
                .differences()
                .addAll(
                    ClusterNodes.differences(
                        c, cluster.node(), cluster.shared(), cluster.aliveSeconds()));
          }
        }
        if (!migrated) {
          return new Answer(true, "an empty database: the schema is created at the first start");
        }
        try (ResultSet r =
            s.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1")) {
          return new Answer(true, "schema version " + (r.next() ? r.getString(1) : "none"));
        }
      }
    } catch (SQLException e) {
      return new Answer(false, Catalog.rootMessage(e));
    }
  }
}
