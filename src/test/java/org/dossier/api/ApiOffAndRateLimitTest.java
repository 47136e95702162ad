package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The API does not exist until a token does; wrong tokens from one address are rate-limited. */
class ApiOffAndRateLimitTest {

  @Test
  void offUntilATokenExistsThenWrongTokensAreLimitedPerMinute() throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                Settings.API_TOKEN_CACHE_SECONDS.key(), "0",
                Settings.API_AUTH_FAILURES_PER_MINUTE.key(), "3"))) {
      ApiClient api = new ApiClient(server);
      for (String path :
          new String[] {
            "/api/v1/changes", "/api/v1/openapi.json", "/api/v1/records/x", "/api/nothing"
          }) {
        assertEquals(404, api.get(path, null).statusCode(), path);
      }
      assertEquals(
          404, api.put("/api/v1/records/x", "anything", ApiClient.record("x", "X")).statusCode());
      assertTrue(server.server().catalog().record("x").isEmpty());

      String good = api.token("good", Scope.READ);
      assertEquals(200, api.get("/api/v1/changes", good).statusCode());
      for (int i = 0; i < 3; i++) {
        assertEquals(401, api.get("/api/v1/changes", "dossier_wrong" + i).statusCode());
      }
      HttpResponse<String> limited = api.get("/api/v1/changes", "dossier_wrong");
      assertEquals(429, limited.statusCode());
      long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
      ApiAuthTest.assertProblem(limited, 429);
      // The address is refused whatever it sends until its minute is over, a good token too.
      assertEquals(429, api.get("/api/v1/changes", good).statusCode());
    }
  }
}
