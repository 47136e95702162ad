/**
 * IIIF Content Search API 2.0 and 1.0, with autocomplete: words and phrases found in a record's
 * page OCR (hits on the words' boxes on the canvases) or, when it has none, in its transcripts and
 * translations. A compact word index per record, built from the catalog and kept in a bounded
 * cache, answers each search. Manifests name these services by their URLs ({@code
 * org.dossier.iiif.presentation.SearchServices}); neither package imports the other.
 */
package org.dossier.iiif.search;
