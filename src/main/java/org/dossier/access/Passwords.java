package org.dossier.access;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Password hashing with BCrypt (Spring Security Crypto): a salt of its own per password and a cost
 * that makes guessing slow. Only the hash is stored.
 */
public final class Passwords {
  /** 2^12 rounds: about a quarter of a second on a small server, once per login. */
  static final int COST = 12;

  /** Shortest password {@code dossier user add} accepts. */
  public static final int MIN_LENGTH = 10;

  /**
   * A hash compared against when the user does not exist, so that an unknown name costs what a
   * wrong password does and the time of an answer does not tell which names exist.
   */
  private static final String NOBODY = BCrypt.hashpw("no such user", BCrypt.gensalt(COST));

  private Passwords() {}

  public static String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt(COST));
  }

  /**
   * True when {@code password} is the one {@code hash} was made from; a null hash never matches.
   */
  public static boolean matches(String password, String hash) {
    if (hash == null) {
      BCrypt.checkpw(password, NOBODY);
      return false;
    }
    try {
      return BCrypt.checkpw(password, hash);
    } catch (IllegalArgumentException notBcrypt) {
      return false;
    }
  }
}
