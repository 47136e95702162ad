package org.dossier.iiif.presentation;

import org.dossier.catalog.Record;

/**
 * What a manifest shows for a record whose scans are not shown (access level {@code metadata}): one
 * Canvas with nothing painted on it, labelled so that a viewer tells its reader why.
 */
final class Placeholder {
  static final String LABEL = "No images: this document is described, its scans are not shown";

  private Placeholder() {}

  /** The painting annotations of a record that shows no scans do not exist. */
  static void requireImages(Record r) {
    if (!r.access().showsImages()) {
      throw PresentationException.notFound(
          "the scans of record '" + r.id() + "' are not shown (access level metadata)");
    }
  }
}
