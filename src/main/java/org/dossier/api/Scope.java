package org.dossier.api;

import java.util.Locale;

/** What a token may do: each scope includes the ones before it (admin ⊇ write ⊇ read). */
public enum Scope {
  READ,
  WRITE,
  ADMIN;

  /** True when a token of this scope may do what {@code needed} allows. */
  public boolean covers(Scope needed) {
    return ordinal() >= needed.ordinal();
  }

  /** The name on the command line, in the catalog and in {@code WWW-Authenticate}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for a name that is not a scope
   */
  public static Scope parse(String label) {
    for (Scope s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + label + "' (read, write or admin)");
  }
}
