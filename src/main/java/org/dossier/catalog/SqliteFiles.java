package org.dossier.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * A SQLite catalog as a file, for backup and restore: a consistent copy of a catalog in use, and
 * what a copy holds. Nothing here goes through the pool, migrations or the clock of {@link
 * Catalog}; a copy is never migrated by being looked at.
 */
public final class SqliteFiles {

  /** What a catalog file holds, read in one transaction. */
  public record Facts(String schemaVersion, long lastChangeSeq, long records, long changes) {}

  private SqliteFiles() {}

  /**
   * Writes a consistent copy of the catalog file {@code database} to {@code target} (which must not
   * exist) while other connections, in this process or another, read and write it: SQLite's {@code
   * VACUUM INTO} reads the whole database in one read transaction, so the copy holds every
   * transaction committed before it began and nothing of those after. In WAL mode writers are not
   * held up meanwhile.
   *
   * @throws CatalogException when the file is not a catalog or the copy cannot be written
   */
  public static Facts copy(Path database, Path target) {
    if (!Files.isRegularFile(database)) {
      throw new CatalogException("no SQLite catalog at " + database);
    }
    try (Connection c = connect(database, 60_000);
        PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, target.toAbsolutePath().toString());
      vacuum.execute();
    } catch (SQLException e) {
      throw new CatalogException(
          "cannot copy the catalog " + database + " to " + target + ": " + e.getMessage(), e);
    }
    return facts(target);
  }

  /** The schema version, the last change-log sequence and the counts of a catalog file. */
  public static Facts facts(Path database) {
    try (Connection c = connect(database, 10_000)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        String version = "";
        try (ResultSet r =
            s.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1")) {
          if (r.next()) {
            version = r.getString(1);
          }
        }
        long seq = single(s, "SELECT COALESCE(MAX(seq), 0) FROM changes");
        long records = single(s, "SELECT COUNT(*) FROM records");
        long changes = single(s, "SELECT COUNT(*) FROM changes");
        c.rollback();
        return new Facts(version, seq, records, changes);
      }
    } catch (SQLException e) {
      throw new CatalogException(
          database + " is not a readable Dossier catalog: " + e.getMessage(), e);
    }
  }

  /**
   * SQLite's {@code PRAGMA integrity_check}: "ok", or the problems it lists, one per line.
   *
   * @throws CatalogException when the file cannot be opened as a database at all
   */
  public static String integrityCheck(Path database) {
    StringBuilder answer = new StringBuilder();
    try (Connection c = connect(database, 10_000);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      while (r.next()) {
        if (answer.length() > 0) {
          answer.append('\n');
        }
        answer.append(r.getString(1));
      }
    } catch (SQLException e) {
      throw new CatalogException(database + " is not a SQLite database: " + e.getMessage(), e);
    }
    return answer.toString();
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /** A plain connection to an existing file (SQLite would create a missing one). */
  private static Connection connect(Path database, int busyMillis) throws SQLException {
    if (!Files.isRegularFile(database)) {
      throw new SQLException("no such file");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(busyMillis);
    return config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
  }
}
