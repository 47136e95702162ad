package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Requests for random names under /static/ cannot fill the memory: what is kept is bounded. */
class StaticFilesCacheTest {
  @Test
  void missingNamesAndFilesAreKeptUpToTheBound() {
    StaticFiles files = new StaticFiles(4);
    for (int i = 0; i < 200; i++) {
      try (Response r = files.file("no-such-" + i + ".css", null, null)) {
        assertEquals(404, r.getStatus());
      }
    }
    assertTrue(files.cached() <= 4, "keeps " + files.cached());
    try (Response r = files.file("site.css", "gzip", null)) {
      assertEquals(200, r.getStatus(), "a real file is served after the misses");
    }
  }

  @Test
  void aServerWithASmallBoundServesItsFilesAndRefusesRandomNames() throws Exception {
    try (TestServer server =
        TestServer.start(Map.of(Settings.SITE_STATIC_CACHE_ENTRIES.key(), "2"))) {
      for (int i = 0; i < 50; i++) {
        assertEquals(404, server.get("/static/random-" + i + ".js").statusCode());
      }
      for (String file : new String[] {"site.css", "viewer.js", "iiif-logo.svg"}) {
        assertEquals(200, server.get("/static/" + file).statusCode(), file);
      }
    }
  }
}
