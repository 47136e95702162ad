package org.dossier.search;

/** The search index cannot be opened or written; the message says why, for the person who runs Dossier. */
public final class SearchIndexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SearchIndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
