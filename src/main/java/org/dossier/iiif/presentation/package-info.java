/**
 * IIIF Presentation API 3.0 (and 2.1 for older viewers): a manifest per record, its canvases, and
 * collections in date order, split into child collections so that no response grows with the
 * archive. Every document is computed from the catalog on request; validators come from the
 * datestamps, so conditional requests are cheap. A page's OCR is its canvas's text page of {@code
 * supplementing} line annotations, and its ALTO or hOCR file is served for text overlays.
 */
package org.dossier.iiif.presentation;
