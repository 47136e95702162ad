/**
 * The catalog as RDF: the mapping to DCMI Terms, EDM and schema.org ({@link
 * org.dossier.rdf.RecordRdf}), the rdf4j store it lives in ({@link org.dossier.rdf.RdfStore}: LMDB,
 * native, memory or remote), and the projector that keeps one named graph per record in step with
 * the catalog's change log.
 */
package org.dossier.rdf;
