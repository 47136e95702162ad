/**
 * The bundled sample archive: documents transcribed from the archive's collection and search pages,
 * with deterministic, clearly labelled generated page scans rendered into the image store.
 */
package org.dossier.sample;
