package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.dossier.catalog.ApiTokens;
import org.dossier.catalog.Catalog;
import org.dossier.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token store and audit log on both catalogs (the migration of each dialect), and the token
 * check on top of it: only the hash is stored, a revoked token is refused, a wrong one too.
 */
class ApiTokensStoreTest {
  @TempDir Path dir;

  @Test
  void onSqlite() {
    try (Catalog catalog = Catalog.openSqlite(dir, 2)) {
      exercise(catalog);
    }
  }

  @Test
  void onPostgresql() throws Exception {
    try (Catalog catalog = Catalog.open(Postgres.freshDatabaseUrl(), Postgres.USER, "", 2)) {
      exercise(catalog);
    }
  }

  private static void exercise(Catalog catalog) {
    Tokens tokens = new Tokens(catalog.apiTokens());
    TokenCheck check = new TokenCheck(catalog.apiTokens(), Duration.ZERO);
    assertFalse(check.isOn());
    String token = tokens.create("one", Scope.WRITE);
    assertTrue(check.isOn());
    assertThrows(IllegalArgumentException.class, () -> tokens.create("one", Scope.READ));
    assertThrows(IllegalArgumentException.class, () -> tokens.create("no spaces", Scope.READ));
    ApiTokens.Stored stored = check.check(token).orElseThrow();
    assertEquals("one", stored.name());
    assertEquals("write", stored.scope());
    assertEquals(Tokens.hash(token), stored.hash());
    assertFalse(stored.hash().contains(token));
    assertTrue(check.check(token + "x").isEmpty());
    assertTrue(check.check("").isEmpty());

    assertTrue(tokens.revoke("one"));
    assertFalse(tokens.revoke("one"));
    assertTrue(check.check(token).isEmpty());
    assertFalse(check.isOn());
    assertEquals(1, tokens.list().size());
    assertFalse(tokens.list().get(0).live());

    catalog
        .apiTokens()
        .audit(
            new ApiTokens.AuditEntry(Instant.ofEpochMilli(1000), "one", "PUT record", "r", "201"));
    catalog
        .apiTokens()
        .audit(
            new ApiTokens.AuditEntry(
                Instant.ofEpochMilli(2000), "one", "POST import", null, "200"));
    var audit = catalog.apiTokens().audit(10);
    assertEquals(2, audit.size());
    assertEquals("POST import", audit.get(0).action());
    assertEquals(null, audit.get(0).target());
    assertEquals("r", audit.get(1).target());
  }
}
