package org.dossier.rdf.sparql;

import java.util.HashMap;
import java.util.Map;
import org.dossier.testing.Fuseki;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The SPARQL protocol with the triples in a remote store: a real Apache Jena Fuseki behind rdf4j's
 * SPARQL repository. Dossier's endpoint stays the front door: it parses, checks and limits the
 * query, and the remote store evaluates it.
 */
class FusekiSparqlProtocolTest extends SparqlProtocolContract {
  static Fuseki fuseki;

  @BeforeAll
  static void start() throws Exception {
    fuseki = Fuseki.start();
    Map<String, String> settings = new HashMap<>(LIMITS);
    settings.put("rdf.store", "sparql");
    settings.put("rdf.store-url", fuseki.queryUrl());
    settings.put("rdf.update-url", fuseki.updateUrl());
    server = TestServer.start(settings);
  }

  @AfterAll
  static void stopFuseki() {
    stop();
    fuseki.close();
  }
}
