/**
 * The bundled sample archive: documents transcribed from the archive's collection and search pages,
 * with deterministic, clearly labelled generated page scans rendered into the image store. Each
 * page's ALTO comes from the same layout as its scan, and each record's transcript is the text
 * typed on its pages.
 */
package org.dossier.sample;
