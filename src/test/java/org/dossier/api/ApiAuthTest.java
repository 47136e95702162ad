package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.ApiTokens;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Tokens and scopes on every route, over real HTTP: 404 while no token exists, 401 without or with
 * a wrong token, 403 with too small a scope, 2xx with enough; failures rate-limited per address;
 * revocation on the command line; the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthTest {
  private TestServer server;
  private ApiClient api;
  private String collection;

  @BeforeAll
  void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                Settings.API_TOKEN_CACHE_SECONDS.key(), "0",
                Settings.API_AUTH_FAILURES_PER_MINUTE.key(), "1000"));
    api = new ApiClient(server);
    collection = server.server().catalog().collections().get(0).id();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A route, a method and a body that the route takes. */
  private record Call(String method, String path, String body, String type, int success) {}

  private List<Call> calls(String suffix) {
    String id = "auth-" + suffix;
    return List.of(
        new Call("GET", "/api/v1/collections/" + collection, null, null, 200),
        new Call("GET", "/api/v1/changes?since=0&limit=5", null, null, 200),
        new Call(
            "PUT", "/api/v1/records/" + id, ApiClient.record(id, "T"), "application/json", 201),
        new Call("GET", "/api/v1/records/" + id, null, null, 200),
        new Call(
            "PUT",
            "/api/v1/collections/c-" + id,
            "{\"kind\":\"collection\",\"title\":\"C\"}",
            "application/json",
            201),
        new Call(
            "POST",
            "/api/v1/imports",
            ApiClient.record("i-" + id, "I") + "\n",
            "application/x-ndjson",
            200),
        new Call("DELETE", "/api/v1/records/" + id, null, null, 204));
  }

  private HttpResponse<String> call(Call c, String token) throws Exception {
    return api.send(c.method(), c.path(), token, c.body(), c.type());
  }

  @Test
  void everyRouteNeedsATokenWhoseScopeCoversItsMethod() throws Exception {
    String read = api.token("reader", Scope.READ);
    String write = api.token("writer", Scope.WRITE);
    String admin = api.token("administrator", Scope.ADMIN);
    for (String token : List.of(write, admin)) {
      for (Call c : calls(token == write ? "w" : "a")) {
        HttpResponse<String> none = call(c, null);
        assertEquals(401, none.statusCode(), c + " without a token");
        assertEquals(
            "Bearer realm=\"dossier\"",
            none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertProblem(none, 401);

        HttpResponse<String> wrong = call(c, "dossier_not-a-token");
        assertEquals(401, wrong.statusCode(), c + " with a wrong token");
        assertEquals(
            "Bearer realm=\"dossier\", error=\"invalid_token\"",
            wrong.headers().firstValue("WWW-Authenticate").orElseThrow());

        HttpResponse<String> reader = call(c, read);
        if (c.method().equals("GET")) {
          assertEquals(c.success(), reader.statusCode(), c + " with a read token");
        } else {
          assertEquals(403, reader.statusCode(), c + " with a read token");
          assertTrue(
              reader
                  .headers()
                  .firstValue("WWW-Authenticate")
                  .orElseThrow()
                  .contains("error=\"insufficient_scope\""));
          assertProblem(reader, 403);
        }

        HttpResponse<String> ok = call(c, token);
        assertEquals(c.success(), ok.statusCode(), c + ": " + ok.body());
      }
    }
    // The OpenAPI document is public while the API is on.
    assertEquals(200, api.get("/api/v1/openapi.json", null).statusCode());
  }

  @Test
  void theAuditLogNamesTheTokenOfEveryWriteAndNeverItsValue() throws Exception {
    String write = api.token("auditor", Scope.WRITE);
    assertEquals(
        201,
        api.put("/api/v1/records/audited", write, ApiClient.record("audited", "A")).statusCode());
    assertEquals(
        412,
        api.put(
                "/api/v1/records/audited",
                write,
                ApiClient.record("audited", "B"),
                "If-Match",
                "\"x\"")
            .statusCode());
    assertEquals(204, api.delete("/api/v1/records/audited", write).statusCode());
    List<ApiTokens.AuditEntry> audit = server.server().catalog().apiTokens().audit(100);
    List<ApiTokens.AuditEntry> mine =
        audit.stream().filter(e -> e.tokenName().equals("auditor")).toList();
    assertEquals(3, mine.size(), audit.toString());
    // newest first
    assertEquals("DELETE record", mine.get(0).action());
    assertEquals("audited", mine.get(0).target());
    assertEquals("204", mine.get(0).result());
    assertEquals("412", mine.get(1).result());
    assertEquals("PUT record", mine.get(2).action());
    assertEquals("201", mine.get(2).result());
    for (ApiTokens.AuditEntry e : audit) {
      assertFalse(e.toString().contains(write.substring(Tokens.PREFIX.length())), e.toString());
    }
  }

  @Test
  void aTokenRevokedOnTheCommandLineIsRefused() throws Exception {
    String[] created = cli("token", "create", "--name", "short-lived", "--scope", "read");
    assertEquals("0", created[0], created[2]);
    String token = created[1].strip();
    assertTrue(token.startsWith(Tokens.PREFIX), token);
    assertEquals(200, api.get("/api/v1/changes", token).statusCode());
    // Only the hash is kept.
    ApiTokens.Stored stored =
        server.server().catalog().apiTokens().find("short-lived").orElseThrow();
    assertEquals(Tokens.hash(token), stored.hash());
    assertFalse(cli("token", "list")[1].contains(token));
    assertTrue(cli("token", "list")[1].contains("short-lived"));

    assertEquals("0", cli("token", "revoke", "short-lived")[0]);
    HttpResponse<String> refused = api.get("/api/v1/changes", token);
    assertEquals(401, refused.statusCode());
    assertTrue(
        refused.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
    assertEquals("1", cli("token", "revoke", "short-lived")[0], "already revoked");
  }

  /** Runs the command line on the server's data directory: status, standard output, error. */
  private String[] cli(String... args) {
    return server.runCommand("", args);
  }

  static void assertProblem(HttpResponse<String> response, int status) {
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        response.headers().toString());
    JsonNode problem = RecordJson.read(response.body());
    assertEquals(status, problem.get("status").asInt());
    assertTrue(problem.has("type") && problem.has("title"), response.body());
  }
}
