package org.dossier.rdf.sparql;

/**
 * The ways a SPARQL protocol request fails, each with its HTTP status (SPARQL 1.1 Protocol, section
 * 2.1.4 and 2.2: a malformed query is 400, a refused request a 4xx or 5xx with a human-readable
 * body).
 */
public enum SparqlError {
  /** Protocol 2.1.1: exactly one query string. */
  BAD_REQUEST(400),
  /**
   * Protocol 2.1.4: "the query string is not a legal sequence of characters in the language defined
   * by the SPARQL grammar".
   */
  MALFORMED_QUERY(400),
  /** This service implements the query operation only. */
  UPDATE_REFUSED(403),
  /** SERVICE would make this server fetch other servers' data on a stranger's behalf. */
  FEDERATION_REFUSED(400),
  /** The answer holds more rows or triples than {@code sparql.max-results}. */
  TOO_MANY_RESULTS(400),
  NOT_ACCEPTABLE(406),
  UNSUPPORTED_MEDIA_TYPE(415),
  /**
   * The query ran longer than {@code sparql.timeout-seconds} (as Fuseki answers a cancelled query).
   */
  TIMEOUT(503),
  /** More queries at once than {@code sparql.max-concurrent}: try again shortly. */
  BUSY(503),
  /** A body larger than {@code sparql.max-body-bytes}. */
  TOO_LARGE(413),
  /** The store failed; what it said is logged, not shown. */
  STORE_FAILED(500),
  /** The store cannot be reached now; what it said is logged, not shown. */
  STORE_UNAVAILABLE(503);

  public final int status;

  SparqlError(int status) {
    this.status = status;
  }
}
