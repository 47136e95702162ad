package org.dossier.iiif.discovery;

import jakarta.ws.rs.core.Response.Status;

/**
 * A stream request that cannot be answered, with its HTTP status; {@link DiscoveryExceptionMapper}
 * writes it as a small JSON error document.
 */
final class DiscoveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Status status;

  private DiscoveryException(Status status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  Status status() {
    return status;
  }

  static DiscoveryException notFound(String message) {
    return new DiscoveryException(Status.NOT_FOUND, message);
  }
}
