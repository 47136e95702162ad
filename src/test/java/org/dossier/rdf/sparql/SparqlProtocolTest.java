package org.dossier.rdf.sparql;

import org.dossier.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** The SPARQL protocol over the default store, LMDB in the data directory. */
class SparqlProtocolTest extends SparqlProtocolContract {
  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(LIMITS);
  }
}
