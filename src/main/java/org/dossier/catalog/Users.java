package org.dossier.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users of the IIIF access service and their logins (tables {@code users} and {@code
 * sessions}). The catalog stores hashes it is given; it never sees a password, a cookie or an
 * access token, and what they allow is the access package's business.
 */
public final class Users {
  private final Catalog catalog;

  Users(Catalog catalog) {
    this.catalog = catalog;
  }

  /** A user as stored: the name and when it was added (never the password hash). */
  public record Listed(String name, Instant created) {}

  /** A live login: whose it is and until when. */
  public record Session(String userName, Instant expires) {}

  /**
   * Stores a new user.
   *
   * @throws IllegalArgumentException when a user of this name exists
   */
  public void add(String name, String passwordHash, Instant created) {
    if (passwordHash(name).isPresent()) {
      throw new IllegalArgumentException("a user named '" + name + "' exists already");
    }
    update(
        "INSERT INTO users (name, password_hash, created) VALUES (?, ?, ?)",
        List.of(name, passwordHash, created.getEpochSecond()));
  }

  /** Every user, by name. */
  public List<Listed> list() {
    List<Listed> found = new ArrayList<>();
    catalog.query(
        "SELECT name, created FROM users ORDER BY name",
        List.of(),
        rs -> found.add(new Listed(rs.getString(1), Instant.ofEpochSecond(rs.getLong(2)))));
    return found;
  }

  /** The stored password hash of a user, if there is such a user. */
  public Optional<String> passwordHash(String name) {
    List<String> found = new ArrayList<>(1);
    catalog.query(
        "SELECT password_hash FROM users WHERE name = ?",
        List.of(name),
        rs -> found.add(rs.getString(1)));
    return found.stream().findFirst();
  }

  /**
   * Removes a user and ends every login of theirs.
   *
   * @return false when there is no such user
   */
  public boolean remove(String name) {
    update("DELETE FROM sessions WHERE user_name = ?", List.of(name));
    return update("DELETE FROM users WHERE name = ?", List.of(name)) > 0;
  }

  /** Stores a new login of a user, known by the hash of its cookie. */
  public void startSession(String cookieHash, String userName, Instant created, Instant expires) {
    update(
        "INSERT INTO sessions (cookie_hash, token_hash, user_name, created, expires)"
            + " VALUES (?, NULL, ?, ?, ?)",
        List.of(cookieHash, userName, created.getEpochSecond(), expires.getEpochSecond()));
  }

  /** The login a cookie hash names, if it has not expired at {@code now}. */
  public Optional<Session> sessionByCookie(String cookieHash, Instant now) {
    return session("cookie_hash", cookieHash, now);
  }

  /** The login an access token hash was given for, if it has not expired at {@code now}. */
  public Optional<Session> sessionByToken(String tokenHash, Instant now) {
    return session("token_hash", tokenHash, now);
  }

  private Optional<Session> session(String column, String hash, Instant now) {
    List<Session> found = new ArrayList<>(1);
    catalog.query(
        "SELECT user_name, expires FROM sessions WHERE " + column + " = ? AND expires > ?",
        List.of(hash, now.getEpochSecond()),
        rs -> found.add(new Session(rs.getString(1), Instant.ofEpochSecond(rs.getLong(2)))));
    return found.stream().findFirst();
  }

  /**
   * Gives a live login a new access token (the previous one stops counting).
   *
   * @return false when the login does not exist or has expired
   */
  public boolean setToken(String cookieHash, String tokenHash, Instant now) {
    return update(
            "UPDATE sessions SET token_hash = ? WHERE cookie_hash = ? AND expires > ?",
            List.of(tokenHash, cookieHash, now.getEpochSecond()))
        > 0;
  }

  /** How many logins are stored (live or not yet dropped). */
  public long sessionCount() {
    long[] n = {0};
    catalog.query("SELECT COUNT(*) FROM sessions", List.of(), rs -> n[0] = rs.getLong(1));
    return n[0];
  }

  /** Ends a login, and drops every login that expired before {@code now}. */
  public void endSession(String cookieHash, Instant now) {
    update("DELETE FROM sessions WHERE cookie_hash = ?", List.of(cookieHash));
    update("DELETE FROM sessions WHERE expires <= ?", List.of(now.getEpochSecond()));
  }

  private int update(String sql, List<?> args) {
    try (Connection c = catalog.connection(true);
        PreparedStatement ps = c.prepareStatement(sql)) {
      Catalog.bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new CatalogException("catalog update failed: " + e.getMessage(), e);
    }
  }
}
