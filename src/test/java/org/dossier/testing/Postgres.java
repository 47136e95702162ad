package org.dossier.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: {@code DOSSIER_TEST_POSTGRES_URL} (a JDBC URL of a server
 * whose user may create databases) when set, otherwise one embedded server (binaries from Maven
 * Central) started once per test run. Each test gets a database of its own.
 */
public final class Postgres {
  public static final String USER =
      System.getenv().getOrDefault("DOSSIER_TEST_POSTGRES_USER", "postgres");
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static String serverUrl;
  private static EmbeddedPostgres embedded;

  private Postgres() {}

  /** A JDBC URL of a new, empty database. */
  public static synchronized String freshDatabaseUrl() throws IOException, SQLException {
    String base = server();
    String name = "dossier_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = java.sql.DriverManager.getConnection(base + "postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return base + name;
  }

  private static String server() throws IOException {
    if (serverUrl == null) {
      String given = System.getenv("DOSSIER_TEST_POSTGRES_URL");
      if (given != null && !given.isBlank()) {
        serverUrl = given.endsWith("/") ? given : given + "/";
      } else {
        embedded = EmbeddedPostgres.builder().start();
        serverUrl = "jdbc:postgresql://localhost:" + embedded.getPort() + "/";
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        embedded.close();
                      } catch (IOException ignored) {
                        // the JVM is going away; the server's own shutdown follows
                      }
                    }));
      }
    }
    return serverUrl;
  }
}
