package org.dossier.catalog;

/**
 * The catalog cannot be reached just now: no connection could be had within the connection timeout,
 * or the one in use broke (the database stopped, restarted or is unreachable). Unlike other catalog
 * failures this says nothing about the request: the same request may well succeed once the database
 * is back, so servers answer it 503 with Retry-After.
 */
public class CatalogUnavailableException extends CatalogException {
  private static final long serialVersionUID = 1L;

  /** What servers send as Retry-After (seconds) while the catalog is unavailable. */
  public static final int RETRY_AFTER_SECONDS = 5;

  public CatalogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Seconds a client is asked to wait (Retry-After) before it tries the request again. */
  public int retryAfterSeconds() {
    return RETRY_AFTER_SECONDS;
  }
}
