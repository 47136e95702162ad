package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dossier.catalog.Change;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Imports over HTTP: all or nothing, skip-invalid, CSV, a streamed body; the change log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiImportTest {
  private TestServer server;
  private ApiClient api;
  private String token;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(Map.of());
    api = new ApiClient(server);
    token = api.token("importer", Scope.WRITE);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  void anInvalidImportWritesNothingAndSkipInvalidWritesTheValidOnes() throws Exception {
    String body =
        lines(
            ApiClient.record("imp-1", "One"),
            "{\"id\":\"imp-2\",\"title\":\"Two\",\"date\":\"1950-13-01\"}",
            "{not json",
            ApiClient.record("imp-3", "Three"));
    long records = server.server().catalog().recordCount();
    int log = api.changeLog().size();

    HttpResponse<String> refused = api.post("/api/v1/imports", token, body, "application/x-ndjson");
    assertEquals(422, refused.statusCode(), refused.body());
    ApiAuthTest.assertProblem(refused, 422);
    JsonNode problem = ApiClient.json(refused);
    assertFalse(problem.get("committed").asBoolean());
    assertEquals(4, problem.get("read").asInt());
    assertEquals(2, problem.get("invalid").asInt());
    assertEquals("body:line 2", problem.get("problems").get(0).get("where").asString());
    assertEquals("body:line 3", problem.get("problems").get(1).get("where").asString());
    assertEquals(records, server.server().catalog().recordCount(), "catalog unchanged");
    assertEquals(log, api.changeLog().size(), "change log unchanged");
    assertTrue(server.server().catalog().record("imp-1").isEmpty());

    HttpResponse<String> skipped =
        api.post("/api/v1/imports?skip-invalid=true", token, body, "application/jsonl");
    assertEquals(200, skipped.statusCode(), skipped.body());
    JsonNode report = ApiClient.json(skipped);
    assertTrue(report.get("committed").asBoolean());
    assertEquals(2, report.get("inserted").asInt());
    assertEquals(2, report.get("problems").size());
    assertEquals(records + 2, server.server().catalog().recordCount());
    assertEquals(log + 2, api.changeLog().size());

    // The same again changes nothing.
    HttpResponse<String> again =
        api.post("/api/v1/imports?skip-invalid=true", token, body, "application/x-ndjson");
    assertEquals(2, ApiClient.json(again).get("unchanged").asInt());
    assertEquals(log + 2, api.changeLog().size());
    assertEquals(
        400,
        api.post("/api/v1/imports?skip-invalid=maybe", token, body, "application/x-ndjson")
            .statusCode());
    assertEquals(415, api.post("/api/v1/imports", token, body, "application/xml").statusCode());
  }

  @Test
  void csvIsImportedLikeACsvFile() throws Exception {
    String csv = "id,title,date,languages\ncsv-1,From a sheet,1950-04,en|ru\n";
    HttpResponse<String> done = api.post("/api/v1/imports", token, csv, "text/csv");
    assertEquals(200, done.statusCode(), done.body());
    assertEquals(1, ApiClient.json(done).get("inserted").asInt());
    assertEquals(2, server.server().catalog().record("csv-1").orElseThrow().languages().size());
  }

  @Test
  void aLongBodySentInChunksIsStreamedIn() throws Exception {
    int n = 3000;
    InputStream generated =
        new InputStream() {
          int item;
          byte[] line = new byte[0];
          int at;

          @Override
          public int read() {
            if (at == line.length) {
              if (item == n) {
                return -1;
              }
              item++;
              line =
                  (ApiClient.record("s-" + item, "Streamed " + item) + "\n")
                      .getBytes(StandardCharsets.UTF_8);
              at = 0;
            }
            return line[at++] & 0xff;
          }
        };
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/api/v1/imports"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated))
            .build();
    HttpResponse<String> done = server.send(request);
    assertEquals(200, done.statusCode(), done.body());
    assertEquals(n, ApiClient.json(done).get("inserted").asInt());
  }

  @Test
  void theChangeLogIsPagedWithANextLink() throws Exception {
    api.put("/api/v1/records/ch-1", token, ApiClient.record("ch-1", "C1"));
    long last = server.server().catalog().lastChangeSeq();
    HttpResponse<String> page = api.get("/api/v1/changes?since=" + (last - 1) + "&limit=1", token);
    assertEquals(200, page.statusCode());
    JsonNode json = ApiClient.json(page);
    assertEquals(1, json.get("changes").size());
    JsonNode change = json.get("changes").get(0);
    assertEquals(last, change.get("seq").asLong());
    assertEquals("ch-1", change.get("id").asString());
    assertEquals("record", change.get("entity").asString());
    assertEquals("upsert", change.get("kind").asString());
    assertTrue(change.get("time").asString().endsWith("Z"));
    assertEquals(
        server.baseUrl() + "/api/v1/changes?since=" + last + "&limit=1",
        json.get("next").asString());
    api.delete("/api/v1/records/ch-1", token);
    String next = json.get("next").asString().substring(server.baseUrl().length());
    JsonNode following = ApiClient.json(api.get(next, token));
    assertEquals("delete", following.get("changes").get(0).get("kind").asString());
    Change stored = api.changeLog().get(api.changeLog().size() - 1);
    assertEquals(stored.seq(), following.get("changes").get(0).get("seq").asLong());
    assertEquals(400, api.get("/api/v1/changes?limit=0", token).statusCode());
    assertEquals(400, api.get("/api/v1/changes?since=-1", token).statusCode());
  }
}
