package org.dossier.rdf.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers kept until the RDF store changes, on a real server: a repeated query is answered without
 * a turn while every turn is taken, and after a change it is evaluated again and shows the change.
 */
class SparqlAnswerCacheTest {
  private static final String DOCUMENTS =
      "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> }";

  /** Runs until the query timeout on the sample archive (three patterns joined on nothing). */
  private static final String ENDLESS =
      "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g a ?h }";

  @Test
  void aRepeatedQueryIsAnsweredWithoutATurnUntilTheStoreChanges() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                Settings.SPARQL_MAX_CONCURRENT.key(), "1",
                Settings.SPARQL_WAIT_SECONDS.key(), "0",
                Settings.SPARQL_TIMEOUT_SECONDS.key(), "4"))) {
      server.server().awaitStores();
      server.server().derivedStores().follower().catchUpNow();
      long before = count(server, DOCUMENTS);
      assertEquals(30, before);

      // The one turn is taken by a query that runs until its timeout.
      CompletableFuture<HttpResponse<String>> endless =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return server.get(path(ENDLESS), "Accept", "application/sparql-results+json");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(1000);
      HttpResponse<String> other =
          server.get(path(DOCUMENTS + " LIMIT 1"), "Accept", "application/sparql-results+json");
      assertEquals(503, other.statusCode(), "a new query waits for a turn: " + other.body());
      assertEquals(before, count(server, DOCUMENTS), "the repeated one needs none");
      assertEquals(503, endless.get().statusCode());

      // The store changes: the same query is evaluated again and counts one document less.
      Catalog catalog = server.server().catalog();
      Record first = catalog.list(Selection.ALL, null, 1).get(0);
      try (CatalogWriter writer = catalog.writer()) {
        writer.delete(first.id());
        writer.commit();
      }
      server.server().derivedStores().follower().catchUpNow();
      assertEquals(before - 1, count(server, DOCUMENTS));
    }
  }

  private static String path(String query) {
    return "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private static long count(TestServer server, String query) throws Exception {
    HttpResponse<String> r = server.get(path(query), "Accept", "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode json = JsonMapper.builder().build().readTree(r.body());
    return json.path("results").path("bindings").get(0).path("n").path("value").asLong();
  }
}
