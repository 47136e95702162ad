package org.dossier.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a throw-away PostgreSQL (the same embedded server the tests use), prints its JDBC URL and
 * runs until interrupted. For benchmarks against PostgreSQL on a machine without one: {@code
 * bench/embedded-postgres.sh}.
 */
public final class PostgresForBenchmarks {
  private PostgresForBenchmarks() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      System.out.println("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
      System.out.flush();
      Thread.currentThread().join();
    }
  }
}
