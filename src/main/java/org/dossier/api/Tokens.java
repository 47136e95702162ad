package org.dossier.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.dossier.catalog.ApiTokens;

/**
 * Making and keeping tokens: 256 random bits, shown once, stored as their SHA-256 only. A token has
 * that much entropy, so a fast unsalted hash is enough: nobody can guess a token from its hash or
 * find another with the same one, and the check stays a single digest per request.
 */
public final class Tokens {
  /** Marks a string as a Dossier token (for secret scanners and for people). */
  public static final String PREFIX = "dossier_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiTokens store;

  public Tokens(ApiTokens store) {
    this.store = store;
  }

  /**
   * Creates a token and returns it: the only time it is seen.
   *
   * @throws IllegalArgumentException for a bad or taken name
   */
  public String create(String name, Scope scope) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a token name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    store.create(name, scope.label(), hash(token), Instant.now());
    return token;
  }

  public List<ApiTokens.Stored> list() {
    return store.list();
  }

  /**
   * @return false when there is no live token of this name
   */
  public boolean revoke(String name) {
    return store.revoke(name, Instant.now());
  }

  /** The lower-case hex SHA-256 of a token's UTF-8 bytes: what the catalog keeps. */
  public static String hash(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
