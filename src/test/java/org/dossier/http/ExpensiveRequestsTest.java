package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Expensive requests on a real server: beyond the bound of their kind at once, one more is 503 with
 * Retry-After; the bound is given back when each answer is written, whatever it was.
 */
class ExpensiveRequestsTest {
  @Test
  void dumpsBeyondTheBoundAre503AndTheBoundIsGivenBack() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                Settings.RDF_DUMP_MAX_CONCURRENT.key(), "1",
                Settings.SITE_SEARCH_MAX_CONCURRENT.key(), "1"))) {
      for (String path : List.of("/dumps/dataset.nt.gz", "/search?q=kim")) {
        int clients = 24;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          answers.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      go.await();
                      return server.getBytes(path);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }));
        }
        go.countDown();
        int ok = 0;
        int busy = 0;
        for (CompletableFuture<HttpResponse<byte[]>> a : answers) {
          HttpResponse<byte[]> r = a.get();
          if (r.statusCode() == 200) {
            ok++;
          } else {
            assertEquals(503, r.statusCode(), path);
            assertEquals("5", r.headers().firstValue("Retry-After").orElse(""), path);
            busy++;
          }
        }
        assertTrue(ok >= 1, path + ": one at a time is served");
        if (path.startsWith("/dumps/")) {
          // 24 dumps at once take longer than a request waits for its place
          assertTrue(busy >= 1, path + ": the others at the same time are refused");
        }
        for (int i = 0; i < 3; i++) {
          assertEquals(
              200, server.getBytes(path).statusCode(), path + ": the bound was given back");
        }
      }
      // A HEAD, a 304 and a 404 of the same kinds give the bound back too.
      assertEquals(404, server.get("/dumps/nothing.gz").statusCode());
      assertEquals(200, server.getBytes("/dumps/dataset.nt.gz").statusCode());
    }
  }
}
