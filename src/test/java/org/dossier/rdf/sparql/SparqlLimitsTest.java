package org.dossier.rdf.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.dossier.config.Settings;
import org.dossier.testing.Fuseki;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The SPARQL endpoint's bounds on a real server: queries at once, the size of a POST, and a store
 * that fails, each answered in the protocol's way (a status and a line of text), never with what
 * the store said.
 */
class SparqlLimitsTest {
  /** A query that takes the store about a second on the sample archive: triples × typed things. */
  private static final String SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a ?f }";

  @Test
  void queriesBeyondTheMostAtOnceAre503WithRetryAfterAndBodiesBeyondTheLimit413() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                Settings.SPARQL_MAX_CONCURRENT.key(), "1",
                Settings.SPARQL_WAIT_SECONDS.key(), "0",
                Settings.SPARQL_MAX_BODY_BYTES.key(), "2048",
                Settings.SPARQL_TIMEOUT_SECONDS.key(), "20",
                // The same query each time: no answer kept, so each needs its turn.
                Settings.SPARQL_CACHE_BYTES.key(), "0"))) {
      String path = "/sparql?query=" + URLEncoder.encode(SLOW, StandardCharsets.UTF_8);
      int clients = 6;
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                    return server.get(path, "Accept", "application/sparql-results+json");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
      }
      go.countDown();
      int ok = 0;
      int busy = 0;
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get();
        if (r.statusCode() == 200) {
          ok++;
        } else {
          assertEquals(503, r.statusCode(), r.body());
          assertTrue(r.headers().firstValue("Retry-After").isPresent());
          assertTrue(r.body().contains("try again"), r.body());
          busy++;
        }
      }
      assertTrue(ok >= 1, "one query at a time is answered");
      assertTrue(busy >= 1, "the others at the same time are refused");

      HttpResponse<String> large =
          server.send(
              HttpRequest.newBuilder(server.uri("/sparql"))
                  .header("Content-Type", "application/sparql-query")
                  .POST(HttpRequest.BodyPublishers.ofString("ASK {} #" + "x".repeat(3000)))
                  .build());
      assertEquals(413, large.statusCode());
      HttpResponse<String> small =
          server.send(
              HttpRequest.newBuilder(server.uri("/sparql"))
                  .header("Content-Type", "application/sparql-query")
                  .header("Accept", "application/sparql-results+json")
                  .POST(HttpRequest.BodyPublishers.ofString("ASK {}"))
                  .build());
      assertEquals(200, small.statusCode(), small.body());
    }
  }

  @Test
  void queriesPastTheMostAtOnceWaitForTheirTurnWithinTheWait() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                Settings.SPARQL_MAX_CONCURRENT.key(), "1",
                Settings.SPARQL_WAIT_SECONDS.key(), "120",
                Settings.SPARQL_CACHE_BYTES.key(), "0"))) {
      String path = "/sparql?query=" + URLEncoder.encode(SLOW, StandardCharsets.UTF_8);
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                    return server.get(path, "Accept", "application/sparql-results+json");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
      }
      go.countDown();
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get();
        assertEquals(200, r.statusCode(), "each waits for its turn: " + r.body());
      }
    }
  }

  @Test
  void aStoreThatStopsAnsweringIs503WithAGenericMessage() throws Exception {
    Fuseki fuseki = Fuseki.start();
    try (TestServer server =
        TestServer.start(
            Map.of(
                Settings.RDF_STORE.key(), "sparql",
                Settings.RDF_STORE_URL.key(), fuseki.queryUrl(),
                Settings.RDF_UPDATE_URL.key(), fuseki.updateUrl()))) {
      String ask = "/sparql?query=" + URLEncoder.encode("ASK {}", StandardCharsets.UTF_8);
      assertEquals(200, server.get(ask, "Accept", "application/sparql-results+json").statusCode());
      fuseki.close();
      HttpResponse<String> r = server.get(ask, "Accept", "application/sparql-results+json");
      assertEquals(503, r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("Retry-After").isPresent());
      assertTrue(r.body().lines().count() == 1, r.body());
      assertFalse(r.body().contains("127.0.0.1") || r.body().contains("localhost"), r.body());
      assertFalse(r.body().toLowerCase(java.util.Locale.ROOT).contains("exception"), r.body());
    } finally {
      fuseki.close();
    }
  }
}
