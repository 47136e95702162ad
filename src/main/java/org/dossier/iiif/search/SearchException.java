package org.dossier.iiif.search;

import jakarta.ws.rs.core.Response.Status;

/**
 * A Content Search request that cannot be answered, with its HTTP status; {@link
 * SearchExceptionMapper} writes it as a small JSON document. Neither Search API defines an error
 * format, so these follow the Presentation API's errors of this server.
 */
public final class SearchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status status;

  SearchException(Status status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  static SearchException badRequest(String message) {
    return new SearchException(Status.BAD_REQUEST, message);
  }

  static SearchException notFound(String message) {
    return new SearchException(Status.NOT_FOUND, message);
  }

  /** A deleted record: 410, as its manifest answers (the catalog keeps every deletion for good). */
  static SearchException gone(String message) {
    return new SearchException(Status.GONE, message);
  }
}
