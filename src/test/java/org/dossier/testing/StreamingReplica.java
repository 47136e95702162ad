package org.dossier.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL primary and a streaming replica of it, both from the embedded binaries: the
 * replica is a base backup of the primary taken with the low-level backup functions ({@code
 * pg_start_backup}, a file copy, {@code pg_stop_backup} and its {@code backup_label}), started with
 * {@code standby.signal} and a {@code primary_conninfo}, as the README describes with pg_basebackup
 * (which the embedded binaries do not have).
 */
public final class StreamingReplica implements AutoCloseable {
  private final EmbeddedPostgres primary;
  private final EmbeddedPostgres standby;
  private final Path dir;

  private StreamingReplica(EmbeddedPostgres primary, EmbeddedPostgres standby, Path dir) {
    this.primary = primary;
    this.standby = standby;
    this.dir = dir;
  }

  public static StreamingReplica start(Path dir) throws IOException, SQLException {
    Path primaryData = dir.resolve("primary");
    Path backup = dir.resolve("backup");
    EmbeddedPostgres primary =
        EmbeddedPostgres.builder()
            .setDataDirectory(primaryData)
            .setServerConfig("wal_level", "replica")
            .setServerConfig("max_wal_senders", "4")
            .setServerConfig("wal_keep_size", "256MB")
            .setRegisterShutdownHook(true)
            .start();
    try {
      String label;
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://localhost:" + primary.getPort() + "/postgres",
                  Postgres.USER,
                  "");
          Statement s = c.createStatement()) {
        s.execute("SELECT pg_start_backup('dossier-test', true, false)");
        copy(primaryData, backup);
        try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_stop_backup(false)")) {
          rs.next();
          label = rs.getString(1);
        }
      }
      Files.writeString(backup.resolve("backup_label"), label);
      Files.writeString(backup.resolve("standby.signal"), "");
      Files.writeString(
          backup.resolve("postgresql.auto.conf"),
          "primary_conninfo = 'host=localhost port="
              + primary.getPort()
              + " user="
              + Postgres.USER
              + "'\n",
          StandardOpenOption.APPEND,
          StandardOpenOption.CREATE);
      EmbeddedPostgres standby =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir.resolve("standby"))
              .setRegisterShutdownHook(true)
              .setDataDirectoryCustomizer(
                  fresh -> {
                    // What initdb made is replaced by the base backup.
                    try {
                      deleteContents(fresh.toPath());
                      copy(backup, fresh.toPath());
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .start();
      return new StreamingReplica(primary, standby, dir);
    } catch (IOException | SQLException | RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  /**
   * The primary's JDBC URL for a database (create it on the primary: it streams to the replica).
   */
  public String primaryUrl(String database) {
    return "jdbc:postgresql://localhost:" + primary.getPort() + "/" + database;
  }

  public String replicaUrl(String database) {
    return "jdbc:postgresql://localhost:" + standby.getPort() + "/" + database;
  }

  /** Creates a database on the primary. */
  public void createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(primaryUrl("postgres"), Postgres.USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  /** Stops (true) or resumes (false) the replica's replay of what the primary writes. */
  public void pauseReplay(boolean pause) throws SQLException {
    try (Connection c = DriverManager.getConnection(replicaUrl("postgres"), Postgres.USER, "");
        Statement s = c.createStatement()) {
      s.execute(pause ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      standby.close();
    } finally {
      primary.close();
    }
  }

  /** The data directory in use where the tests keep it. */
  public Path directory() {
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            String name = f.getFileName().toString();
            if (name.equals("postmaster.pid") || name.equals("postmaster.opts")) {
              return FileVisitResult.CONTINUE;
            }
            try {
              Files.copy(
                  f,
                  to.resolve(from.relativize(f).toString()),
                  StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException gone) {
              // a temporary file the running server removed meanwhile: the backup does without it
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteContents(Path d) throws IOException {
    try (Stream<Path> all = Files.walk(d)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(d)) {
          Files.delete(p);
        }
      }
    }
  }
}
