package org.dossier.iiif.image;

/**
 * An Image API request that cannot be answered: the HTTP status and the one-line message it is
 * answered with, as <a href="https://iiif.io/api/image/3.0/#73-error-conditions">section 7.3</a>
 * lists them.
 */
public final class ImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final int retryAfterSeconds;

  private ImageException(int status, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 400: the request's syntax is wrong, or it asks for something the limits refuse. */
  public static ImageException badRequest(String message) {
    return new ImageException(400, message, 0);
  }

  /** 404: no such image. */
  public static ImageException notFound(String message) {
    return new ImageException(404, message, 0);
  }

  /** 401: the image is shown at this size only to users who have logged in. */
  public static ImageException unauthorized(String message) {
    return new ImageException(401, message, 0);
  }

  /** 403: the image is shown to nobody (its record is described only). */
  public static ImageException forbidden(String message) {
    return new ImageException(403, message, 0);
  }

  /** 503 with Retry-After: too many expensive requests at once. */
  public static ImageException busy(String message) {
    return new ImageException(503, message, 1);
  }

  /**
   * 503 with Retry-After: the scan is being produced (see {@link PendingScans}) and is served once
   * it is there.
   */
  public static ImageException notYetAvailable(String message) {
    return new ImageException(503, message, 2);
  }

  /** 500: the image exists but its source cannot be served (unreadable, or refused by a limit). */
  public static ImageException sourceFailed(String message) {
    return new ImageException(500, message, 0);
  }

  public int status() {
    return status;
  }

  /** Seconds for the Retry-After header, or 0 for none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
