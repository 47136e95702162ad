package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's one CORS policy, as browsers meet it: preflights and the requests that follow. */
class CorsFilterTest {
  static final String ORIGIN = "https://viewer.example";
  static final String RECORD = "1950-04-conversation-stalin-kim-il-sung";
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> preflight(String path, String method, String headers)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(server.uri(path))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", ORIGIN)
            .header("Access-Control-Request-Method", method);
    if (headers != null) {
      r.header("Access-Control-Request-Headers", headers);
    }
    return server.send(r.build());
  }

  private static List<String> allowOrigin(HttpResponse<?> r) {
    return r.headers().allValues("Access-Control-Allow-Origin");
  }

  private static List<String> listed(HttpResponse<?> r, String header) {
    return List.of(r.headers().firstValue(header).orElse("").split(",\\s*"));
  }

  @Test
  void iiifPreflightIs204BeforeAnyResourceAndItsAnswersAreReadable() throws Exception {
    HttpResponse<String> preflight =
        preflight("/iiif/anything", "GET", "authorization, x-requested-with");
    assertEquals(204, preflight.statusCode(), "answered before any resource is looked for");
    assertEquals(List.of("*"), allowOrigin(preflight));
    assertEquals(
        List.of("GET", "HEAD", "OPTIONS"), listed(preflight, "Access-Control-Allow-Methods"));
    assertTrue(
        listed(preflight, "Access-Control-Allow-Headers")
            .containsAll(List.of("Authorization", "x-requested-with")));

    HttpResponse<String> manifest = server.get("/iiif/3/" + RECORD + "/manifest", "Origin", ORIGIN);
    assertEquals(200, manifest.statusCode());
    assertEquals(List.of("*"), allowOrigin(manifest));
    assertTrue(listed(manifest, "Access-Control-Expose-Headers").contains("ETag"));
    HttpResponse<String> missing = server.get("/iiif/3/no-such-record/manifest", "Origin", ORIGIN);
    assertEquals(404, missing.statusCode());
    assertEquals(List.of("*"), allowOrigin(missing), "errors are readable too");
  }

  @Test
  void sparqlPreflightAllowsAPostWithItsContentType() throws Exception {
    HttpResponse<String> preflight = preflight("/sparql", "POST", "content-type");
    assertEquals(204, preflight.statusCode());
    assertEquals(List.of("*"), allowOrigin(preflight));
    assertTrue(listed(preflight, "Access-Control-Allow-Methods").contains("POST"));
    assertTrue(
        listed(preflight, "Access-Control-Allow-Headers").stream()
            .anyMatch("Content-Type"::equalsIgnoreCase));

    HttpResponse<String> post =
        server.send(
            HttpRequest.newBuilder(server.uri("/sparql"))
                .header("Origin", ORIGIN)
                .header("Content-Type", "application/sparql-query")
                .header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString("ASK { ?s ?p ?o }"))
                .build());
    assertEquals(200, post.statusCode(), post.body());
    assertEquals(List.of("*"), allowOrigin(post));
  }

  @Test
  void readOnlyPathsDoNotAllowPost() throws Exception {
    HttpResponse<String> preflight = preflight("/iiif/3/" + RECORD + "/manifest", "POST", null);
    assertFalse(listed(preflight, "Access-Control-Allow-Methods").contains("POST"));
  }

  @Test
  void rdfOfARecordAndItsThingUriAreReadable() throws Exception {
    HttpResponse<String> turtle =
        server.get("/records/" + RECORD, "Origin", ORIGIN, "Accept", "text/turtle");
    assertEquals(200, turtle.statusCode());
    assertTrue(turtle.headers().firstValue("Content-Type").orElseThrow().startsWith("text/turtle"));
    assertEquals(List.of("*"), allowOrigin(turtle));

    HttpResponse<String> preflight = preflight("/records/" + RECORD, "GET", "accept");
    assertEquals(204, preflight.statusCode());
    assertEquals(List.of("*"), allowOrigin(preflight));

    HttpResponse<String> thing = server.get("/id/record/" + RECORD, "Origin", ORIGIN);
    assertEquals(303, thing.statusCode());
    assertEquals(
        List.of("*"), allowOrigin(thing), "a script follows the redirect only if it may read it");
    assertEquals(204, preflight("/id/record/" + RECORD, "GET", null).statusCode());
  }

  @Test
  void oaiTheSiteAndHealthHaveNoCors() throws Exception {
    for (String path :
        List.of("/oai?verb=Identify", "/", "/search?q=Stalin", "/static/viewer.js", "/health")) {
      HttpResponse<String> r = server.get(path, "Origin", ORIGIN);
      assertEquals(List.of(), allowOrigin(r), path);
    }
    HttpResponse<String> oaiPreflight = preflight("/oai", "GET", null);
    assertEquals(List.of(), allowOrigin(oaiPreflight));
    assertTrue(oaiPreflight.statusCode() != 204, "no preflight answer outside the policy");
  }

  @Test
  void jettysOwnErrorsOnAPolicyPathCarryCorsToo() throws Exception {
    // An encoded slash is refused by Jetty before Jersey sees the request.
    HttpResponse<String> r =
        server.get("/iiif/image/3/..%2Fcatalog.db-p1/info.json", "Origin", ORIGIN);
    assertTrue(r.statusCode() == 400 || r.statusCode() == 404, "answered " + r.statusCode());
    assertEquals(List.of("*"), allowOrigin(r));
    assertEquals(List.of(), allowOrigin(server.get("/search%2Fx", "Origin", ORIGIN)));
  }

  @Test
  void preflightAllowsAuthorizationAndEchoesWellFormedRequestedHeaders() {
    List<String> allowed =
        List.of(
            CorsFilter.allowedHeaders("x-requested-with, authorization, bad header, ").split(", "));
    assertTrue(allowed.contains("Authorization"));
    assertTrue(allowed.contains("x-requested-with"));
    assertEquals(1, allowed.stream().filter(h -> h.equalsIgnoreCase("authorization")).count());
    assertTrue(allowed.stream().noneMatch(h -> h.contains(" ")));
  }

  @Test
  void scopesMatchWholeSegments() {
    CorsPolicy policy = CorsPolicy.dossier();
    assertTrue(policy.covers("/sparql"));
    assertTrue(policy.covers("/iiif"));
    assertTrue(policy.covers("/dumps/dataset.nt.gz"));
    assertTrue(policy.covers("/people/Kim_Il_Sung"));
    assertFalse(policy.covers("/sparqlx"));
    assertFalse(policy.covers("/recordsx"));
    assertFalse(policy.covers("/search"));
    assertFalse(policy.covers("/oai"));
  }
}
