package org.dossier.iiif.image;

import java.io.IOException;

/**
 * Scans the image store does not hold yet but can make when asked: the sample archive's scans,
 * rendered when an image request first needs them. A request for a pending scan has it made and
 * waits; should that fail, the image is answered 503 with Retry-After, not 404, so a viewer tries
 * again instead of giving up.
 */
public interface PendingScans {
  /** Nothing is ever pending: a missing scan is missing. */
  PendingScans NONE =
      new PendingScans() {
        @Override
        public boolean isPending(String imagePath) {
          return false;
        }

        @Override
        public void make(String imagePath) {}
      };

  /**
   * @param imagePath the scan's path in the image store, as the catalog names it
   * @return true while that scan is still to be made
   */
  boolean isPending(String imagePath);

  /**
   * Makes the scan now if it is pending, waiting for it; does nothing otherwise.
   *
   * @throws IOException when it could not be made (it stays pending)
   */
  void make(String imagePath) throws IOException;
}
