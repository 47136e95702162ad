package org.dossier.search;

/**
 * The search index cannot be opened or written; the message says why, for the person who runs
 * Dossier.
 */
public final class SearchIndexException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean inUse;

  public SearchIndexException(String message, Throwable cause) {
    this(message, cause, false);
  }

  SearchIndexException(String message, Throwable cause, boolean inUse) {
    super(message, cause);
    this.inUse = inUse;
  }

  /**
   * True when another process (a running server, a rebuild) holds the index: nothing was touched.
   */
  public boolean inUse() {
    return inUse;
  }
}
