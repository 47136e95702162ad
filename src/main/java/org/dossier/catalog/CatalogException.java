package org.dossier.catalog;

/**
 * The catalog could not be opened or a database operation failed; the message says which and why.
 */
public class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }

  public CatalogException(String message) {
    super(message);
  }
}
