package org.dossier.rdf.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SPARQL protocol over the default store, LMDB in the data directory. */
class SparqlProtocolTest extends SparqlProtocolContract {
  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(LIMITS);
  }

  /**
   * A query that groups reads all its rows before its first answer, where rdf4j's own execution
   * time limit does not look: the store's reads stop it once its time is up.
   */
  @Test
  void anAggregationPastTheTimeoutEndsWithinMomentsOfIt() throws Exception {
    String grouped =
        "SELECT ?b (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } GROUP BY ?b";
    long t0 = System.nanoTime();
    HttpResponse<String> r = server.get("/sparql?query=" + enc(grouped));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(503, r.statusCode(), r.body());
    assertTrue(r.body().contains("longer than 1 s"), r.body());
    assertTrue(millis < 4_000, "answered after " + millis + " ms with a timeout of 1 s");
  }
}
