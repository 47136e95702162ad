/**
 * The SPARQL 1.1 Protocol query operation at {@code /sparql}, read-only, registered by {@link
 * org.dossier.rdf.sparql.SparqlFeature}: requests are parsed at the edge into a {@link
 * org.dossier.rdf.sparql.SparqlRequest}, evaluated within a time and size limit, and every refusal
 * carries its HTTP status in a {@link org.dossier.rdf.sparql.SparqlError}.
 */
package org.dossier.rdf.sparql;
