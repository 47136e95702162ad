/**
 * Linked data over HTTP: {@code /id/…} URIs answer 303 to their description documents, which
 * negotiate HTML or RDF (Turtle, JSON-LD, RDF/XML, N-Triples); whole-dataset dumps, the VoID
 * description, and CORS for all of them.
 */
package org.dossier.rdf.web;
