package org.dossier.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin API's tokens and audit log, kept in the catalog's database (tables {@code api_tokens}
 * and {@code api_audit}). The catalog stores what it is given: a token's name, scope and hash; it
 * never sees a token itself, and what a scope allows is the API's business.
 */
public final class ApiTokens {
  private final Catalog catalog;

  ApiTokens(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * A token as stored.
   *
   * @param hash lower-case hex SHA-256 of the token
   * @param revoked when it was revoked, or null while it is live
   */
  public record Stored(String name, String scope, String hash, Instant created, Instant revoked) {
    public boolean live() {
      return revoked == null;
    }
  }

  /** One entry of the audit log. */
  public record AuditEntry(
      Instant time, String tokenName, String action, String target, String result) {}

  /**
   * Stores a new token.
   *
   * @throws IllegalArgumentException when a token of this name exists (revoked ones too)
   */
  public void create(String name, String scope, String hash, Instant created) {
    if (find(name).isPresent()) {
      throw new IllegalArgumentException("a token named '" + name + "' exists already");
    }
    update(
        "INSERT INTO api_tokens (name, scope, hash, created, revoked) VALUES (?, ?, ?, ?, NULL)",
        List.of(name, scope, hash, created.getEpochSecond()));
  }

  /** Every token, live and revoked, by name. */
  public List<Stored> list() {
    List<Stored> found = new ArrayList<>();
    catalog.query(
        "SELECT name, scope, hash, created, revoked FROM api_tokens ORDER BY name",
        List.of(),
        rs -> found.add(stored(rs)));
    return found;
  }

  public Optional<Stored> find(String name) {
    List<Stored> found = new ArrayList<>();
    catalog.query(
        "SELECT name, scope, hash, created, revoked FROM api_tokens WHERE name = ?",
        List.of(name),
        rs -> found.add(stored(rs)));
    return found.stream().findFirst();
  }

  /** The live token with this hash, if any (an index lookup). */
  public Optional<Stored> liveByHash(String hash) {
    List<Stored> found = new ArrayList<>();
    catalog.query(
        "SELECT name, scope, hash, created, revoked FROM api_tokens WHERE hash = ? AND revoked IS NULL",
        List.of(hash),
        rs -> found.add(stored(rs)));
    return found.stream().findFirst();
  }

  /** How many tokens are live. */
  public long liveCount() {
    long[] n = {0};
    catalog.query(
        "SELECT COUNT(*) FROM api_tokens WHERE revoked IS NULL",
        List.of(),
        rs -> n[0] = rs.getLong(1));
    return n[0];
  }

  /**
   * Revokes a live token.
   *
   * @return false when there is no live token of this name
   */
  public boolean revoke(String name, Instant when) {
    return update(
            "UPDATE api_tokens SET revoked = ? WHERE name = ? AND revoked IS NULL",
            List.of(when.getEpochSecond(), name))
        > 0;
  }

  /** Appends to the audit log. */
  public void audit(AuditEntry entry) {
    List<Object> args = new ArrayList<>();
    args.add(entry.time().toEpochMilli());
    args.add(entry.tokenName());
    args.add(entry.action());
    args.add(entry.target());
    args.add(entry.result());
    update(
        "INSERT INTO api_audit (time, token_name, action, target, result) VALUES (?, ?, ?, ?, ?)",
        args);
  }

  /** The newest entries of the audit log, newest first. */
  public List<AuditEntry> audit(int limit) {
    List<AuditEntry> found = new ArrayList<>();
    catalog.query(
        "SELECT time, token_name, action, target, result FROM api_audit ORDER BY id DESC LIMIT ?",
        List.of(limit),
        rs ->
            found.add(
                new AuditEntry(
                    Instant.ofEpochMilli(rs.getLong(1)),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5))));
    return found;
  }

  private static Stored stored(java.sql.ResultSet rs) throws SQLException {
    long revoked = rs.getLong(5);
    boolean isRevoked = !rs.wasNull();
    return new Stored(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Instant.ofEpochSecond(rs.getLong(4)),
        isRevoked ? Instant.ofEpochSecond(revoked) : null);
  }

  private int update(String sql, List<?> args) {
    try (Connection c = catalog.connection(true);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) == null) {
          ps.setNull(i + 1, java.sql.Types.VARCHAR);
        } else {
          ps.setObject(i + 1, args.get(i));
        }
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new CatalogException("catalog update failed: " + e.getMessage(), e);
    }
  }
}
