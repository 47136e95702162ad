package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

class CorsFilterTest {

  @Test
  void onlyPathsUnderTheGivenPrefixesGetCors() throws Exception {
    try (TestServer server = TestServer.start()) {
      assertEquals(List.of(), server.get("/health").headers().allValues("Access-Control-Allow-Origin"));
      assertEquals(List.of("*"), server.get("/iiif/3/collection/top").headers().allValues("Access-Control-Allow-Origin"));
      HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(server.uri("/iiif/anything"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", "http://viewer.example")
          .header("Access-Control-Request-Method", "GET")
          .build());
      assertEquals(204, preflight.statusCode(), "answered before any resource is looked for");
      assertEquals(List.of("*"), preflight.headers().allValues("Access-Control-Allow-Origin"));
    }
  }

  @Test
  void preflightAllowsAuthorizationAndEchoesWellFormedRequestedHeaders() {
    List<String> allowed = List.of(CorsFilter.allowedHeaders("x-requested-with, authorization, bad header, ").split(", "));
    assertTrue(allowed.contains("Authorization"));
    assertTrue(allowed.contains("x-requested-with"));
    assertEquals(1, allowed.stream().filter(h -> h.equalsIgnoreCase("authorization")).count());
    assertTrue(allowed.stream().noneMatch(h -> h.contains(" ")));
  }
}
