/**
 * Linked data over HTTP, registered by {@link org.dossier.rdf.web.LinkedDataFeature}: {@code /id/…}
 * URIs answer 303 to their description documents, which negotiate HTML or RDF (Turtle, JSON-LD,
 * RDF/XML, N-Triples); whole-dataset dumps and the VoID description. The formats and the small HTML
 * writer here serve {@code org.dossier.rdf.sparql} too, which depends on this package, never the
 * other way round.
 */
package org.dossier.rdf.web;
