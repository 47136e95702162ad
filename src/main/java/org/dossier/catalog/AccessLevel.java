package org.dossier.catalog;

import java.util.Locale;

/**
 * Who may see what of a record: a field of the record ({@code access} in the import format), kept
 * with its content so that a change of level is a change like any other (new datestamp, an entry in
 * the change log, every projection told).
 */
public enum AccessLevel {
  /** Described and shown everywhere (the default). */
  OPEN("open"),
  /** Described everywhere; its scans are not shown to anyone. */
  METADATA("metadata"),
  /**
   * Described everywhere; its scans are shown to anonymous users only up to a configured size,
   * whole to users who have logged in.
   */
  RESTRICTED_IMAGES("restricted-images"),
  /**
   * Not published at all: every public reader of the catalog sees it as a tombstone (OAI-PMH) or
   * not at all (everything else). The admin API still reads and writes it.
   */
  HIDDEN("hidden");

  private final String key;

  AccessLevel(String key) {
    this.key = key;
  }

  /** The level as the import format and the catalog spell it. */
  public String key() {
    return key;
  }

  /** True when the record's scans are served to somebody (at some size). */
  public boolean showsImages() {
    return this == OPEN || this == RESTRICTED_IMAGES;
  }

  /**
   * The level a key names; null or empty is {@link #OPEN}.
   *
   * @throws IllegalArgumentException for any other word
   */
  public static AccessLevel of(String key) {
    if (key == null || key.isEmpty()) {
      return OPEN;
    }
    for (AccessLevel level : values()) {
      if (level.key.equals(key.strip().toLowerCase(Locale.ROOT))) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown access level '" + key + "' (open, metadata, restricted-images or hidden)");
  }
}
