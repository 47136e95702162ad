package org.dossier.rdf;

import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.Fuseki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The projection into a remote store: a real Apache Jena Fuseki reached through rdf4j's SPARQL
 * repository (SPARQL 1.1 Query and Update), emptied before each test.
 */
class FusekiProjectionTest extends ProjectionContract {
  static Fuseki fuseki;

  @BeforeAll
  static void startFuseki() {
    fuseki = Fuseki.start();
  }

  @AfterAll
  static void stopFuseki() {
    fuseki.close();
  }

  @Override
  RdfStore newStore() {
    RdfStore store =
        RdfStore.open(
            Settings.load(
                null,
                Map.of(),
                Map.of(
                    "rdf.store",
                    "sparql",
                    "rdf.store-url",
                    fuseki.queryUrl(),
                    "rdf.update-url",
                    fuseki.updateUrl())));
    try (var c = store.connection()) {
      c.clear();
    }
    return store;
  }
}
