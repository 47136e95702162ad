package org.dossier.iiif.presentation;

import jakarta.ws.rs.core.Response.Status;

/**
 * A Presentation request that cannot be answered, with its HTTP status; {@link
 * PresentationExceptionMapper} writes it as a small JSON error document.
 */
public final class PresentationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Status status;

  PresentationException(Status status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  static PresentationException notFound(String message) {
    return new PresentationException(Status.NOT_FOUND, message);
  }

  /**
   * For a deleted record. 410 rather than 404: the catalog keeps every deletion as a tombstone
   * forever, so the server knows for certain that the manifest existed and will not come back (RFC
   * 9110 §15.5.11), which tells caches and aggregators to drop it for good.
   */
  static PresentationException gone(String message) {
    return new PresentationException(Status.GONE, message);
  }

  static PresentationException notAcceptable(String message) {
    return new PresentationException(Status.NOT_ACCEPTABLE, message);
  }
}
