package org.dossier.iiif.image;

/**
 * Scans the image store does not hold yet but will shortly: generated or copied in by work the
 * server started (the sample archive's scans, rendered after start-up). An image whose scan is
 * pending is answered 503 with Retry-After, not 404, so a viewer tries again instead of giving up.
 */
@FunctionalInterface
public interface PendingScans {
  /** Nothing is ever pending: a missing scan is missing. */
  PendingScans NONE = imagePath -> false;

  /**
   * @param imagePath the scan's path in the image store, as the catalog names it
   * @return true while that scan is on its way
   */
  boolean isPending(String imagePath);
}
