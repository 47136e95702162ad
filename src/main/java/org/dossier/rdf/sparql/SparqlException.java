package org.dossier.rdf.sparql;

/** A SPARQL request refused: the error says the HTTP status, the message says why, for a person. */
public final class SparqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final SparqlError error;

  public SparqlException(SparqlError error, String message) {
    super(message);
    this.error = error;
  }

  public SparqlError error() {
    return error;
  }
}
