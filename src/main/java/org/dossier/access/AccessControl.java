package org.dossier.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dossier.catalog.AccessLevel;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Record;
import org.dossier.catalog.Users;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;

/**
 * The decisions about scans: whether a request may have an image of a record at full size, and the
 * logins behind that answer. A login is a random cookie ({@link #COOKIE}, HttpOnly) whose hash the
 * catalog keeps with its user and end; the IIIF token service gives a second random value for it,
 * the access token, which only the probe service takes. No state is held in the server: any node
 * answers for a login made on another.
 */
public final class AccessControl {
  /** The login cookie's name. */
  public static final String COOKIE = "dossier_access";

  private final Users users;
  private final Urls urls;
  private final Clock clock;
  private final int restrictedMaxSize;
  private final Duration sessionLength;

  public AccessControl(Catalog catalog, Settings settings, Urls urls, Clock clock) {
    this.users = catalog.users();
    this.urls = urls;
    this.clock = clock;
    this.restrictedMaxSize = settings.get(Settings.ACCESS_RESTRICTED_MAX_SIZE);
    this.sessionLength = Duration.ofMinutes(settings.get(Settings.ACCESS_SESSION_MINUTES));
  }

  /** The longest side of an image of a restricted-images record that anybody may have. */
  public int restrictedMaxSize() {
    return restrictedMaxSize;
  }

  public Urls urls() {
    return urls;
  }

  /** How long a login lasts. */
  public Duration sessionLength() {
    return sessionLength;
  }

  /**
   * True when an image of this record may be given at a resolution where the whole scan would be
   * {@code width x height} pixels to a request carrying this login cookie (null for none).
   */
  public boolean mayView(Record r, int width, int height, String cookie) {
    return switch (r.access()) {
      case OPEN -> true;
      case METADATA, HIDDEN -> false;
      case RESTRICTED_IMAGES ->
          Math.max(width, height) <= restrictedMaxSize || loggedIn(cookie).isPresent();
    };
  }

  /**
   * True when a request for the description of an access-controlled image (its full service's
   * info.json) comes from a user who may see the image whole: it carries an access token of a live
   * login ({@code Authorization: Bearer}, as IIIF Authentication 1.0 clients send it with
   * description resources), or the login cookie itself (a viewer on the archive's own site sends
   * it).
   */
  public boolean authorised(String authorization, String cookie) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (tokenUser(authorization.substring(7).strip()).isPresent()) {
        return true;
      }
    }
    return cookie != null && loggedIn(cookie).isPresent();
  }

  /** True when the record's full-size scans are access-controlled (IIIF Auth services apply). */
  public static boolean controlled(Record r) {
    return r.access() == AccessLevel.RESTRICTED_IMAGES;
  }

  /** The user whose live login this cookie is. */
  public Optional<String> loggedIn(String cookie) {
    if (!Secrets.wellFormed(cookie)) {
      return Optional.empty();
    }
    return users
        .sessionByCookie(Secrets.hash(cookie), clock.instant())
        .map(Users.Session::userName);
  }

  /** The user whose live login this access token was given for. */
  public Optional<String> tokenUser(String token) {
    if (!Secrets.wellFormed(token)) {
      return Optional.empty();
    }
    return users.sessionByToken(Secrets.hash(token), clock.instant()).map(Users.Session::userName);
  }

  /**
   * Checks a name and password; on success starts a login and returns its cookie value.
   *
   * @return empty for an unknown name or a wrong password (the same answer, in the same time)
   */
  public Optional<String> login(String name, String password) {
    String hash = name == null ? null : users.passwordHash(name).orElse(null);
    if (!Passwords.matches(password == null ? "" : password, hash)) {
      return Optional.empty();
    }
    String cookie = Secrets.random();
    Instant now = clock.instant();
    users.startSession(Secrets.hash(cookie), name, now, now.plus(sessionLength));
    return Optional.of(cookie);
  }

  /**
   * A new access token for the login this cookie is: it replaces the previous one.
   *
   * @return empty when the cookie names no live login
   */
  public Optional<String> newToken(String cookie) {
    if (!Secrets.wellFormed(cookie)) {
      return Optional.empty();
    }
    String token = Secrets.random();
    return users.setToken(Secrets.hash(cookie), Secrets.hash(token), clock.instant())
        ? Optional.of(token)
        : Optional.empty();
  }

  /** Seconds until the login this cookie is ends (0 when it is not live). */
  public long secondsLeft(String cookie) {
    if (!Secrets.wellFormed(cookie)) {
      return 0;
    }
    Instant now = clock.instant();
    return users
        .sessionByCookie(Secrets.hash(cookie), now)
        .map(s -> Math.max(1, Duration.between(now, s.expires()).toSeconds()))
        .orElse(0L);
  }

  /** Ends the login this cookie is (nothing when it is not one). */
  public void logout(String cookie) {
    if (Secrets.wellFormed(cookie)) {
      users.endSession(Secrets.hash(cookie), clock.instant());
    }
  }

  /**
   * The Set-Cookie value of the login cookie: HttpOnly, for the whole site, Secure when the base
   * URL is https. Over https it is SameSite=None, so that a viewer on another site (the reason the
   * IIIF flow exists) still sends it with image requests; over plain http, where browsers refuse
   * SameSite=None without Secure, it is Lax.
   *
   * @param value the cookie's value, empty to delete it
   * @param maxAgeSeconds 0 to delete it
   */
  public String setCookie(String value, long maxAgeSeconds) {
    return cookie(COOKIE, value, maxAgeSeconds, urls.isHttps() ? "None" : "Lax");
  }

  /** A Set-Cookie value with this server's path and flags. */
  public String cookie(String name, String value, long maxAgeSeconds, String sameSite) {
    StringBuilder c = new StringBuilder();
    c.append(name).append('=').append(value);
    c.append("; Path=").append(cookiePath());
    c.append("; Max-Age=").append(maxAgeSeconds);
    c.append("; HttpOnly");
    if (urls.isHttps()) {
      c.append("; Secure");
    }
    c.append("; SameSite=").append(sameSite);
    return c.toString();
  }

  private String cookiePath() {
    String path = java.net.URI.create(urls.base()).getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }
}
