package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.rdf.RdfStore;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * With {@code projection.startup=background} the server turns ready once the catalog is open; the
 * search index and the RDF store open after that. Here the RDF store is held (as an import command
 * holds it) while the server starts, so that they stay opening: nothing is served wrong meanwhile.
 */
class StoresOpeningTest {
  @TempDir Path dir;

  @Test
  void routesOfAStoreStillOpeningAnswer503WithRetryAfterWhileHealthIs200AndNamesIt()
      throws Exception {
    Path data = dir.resolve("data");
    // An existing (empty) data directory: no sample archive.
    Catalog.openSqlite(data, 2).close();
    Settings settings =
        Settings.load(null, Map.of(), Map.of(Settings.DATA_DIR.key(), data.toString()));
    RdfStore held = RdfStore.open(settings);
    boolean released = false;
    try (TestServer server =
        TestServer.start(
            data,
            Map.of(
                Settings.PROJECTION_STARTUP.key(),
                "background",
                Settings.ARCHIVE_LOAD_SAMPLE.key(),
                "false"))) {
      HttpResponse<String> health = server.get("/health");
      assertEquals(200, health.statusCode(), health.body());
      JsonNode body = RecordJson.read(health.body());
      List<String> opening = new ArrayList<>();
      body.get("opening").forEach(n -> opening.add(n.asString()));
      assertTrue(opening.contains("rdf"), health.body());

      HttpResponse<String> ready = server.get("/health/ready");
      assertEquals(503, ready.statusCode(), ready.body());
      assertTrue(ready.body().contains("rdf is still opening"), ready.body());

      HttpResponse<String> sparql = server.get(ask(), "Accept", "application/sparql-results+json");
      assertEquals(503, sparql.statusCode(), sparql.body());
      assertEquals("1", sparql.headers().firstValue("Retry-After").orElse(""));
      assertTrue(sparql.body().contains("the RDF store is still opening"), sparql.body());
      assertFalse(sparql.body().contains("Exception"), sparql.body());

      // The site's search reads the index, which is followed once both stores are open: its page
      // says the same in HTML.
      HttpResponse<String> search = server.get("/search?q=okapi", "Accept", "text/html");
      assertEquals(503, search.statusCode(), search.body());
      assertEquals("1", search.headers().firstValue("Retry-After").orElse(""));
      assertTrue(search.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));

      // The catalog's routes answer meanwhile.
      assertEquals(200, server.get("/oai?verb=Identify").statusCode());

      held.close();
      released = true;
      server.server().awaitStores();
      HttpResponse<String> after = server.get("/health");
      assertFalse(RecordJson.read(after.body()).has("opening"), after.body());
      assertEquals(200, server.get("/health/ready").statusCode());
      HttpResponse<String> answered =
          server.get(ask(), "Accept", "application/sparql-results+json");
      assertEquals(200, answered.statusCode(), answered.body());
      assertEquals(200, server.get("/search?q=okapi", "Accept", "text/html").statusCode());
    } finally {
      if (!released) {
        held.close();
      }
    }
  }

  private static String ask() {
    return "/sparql?query=" + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8);
  }
}
