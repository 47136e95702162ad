package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.Change;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Records and collections written one at a time: idempotence, entity tags, preconditions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiWritesTest {
  private TestServer server;
  private ApiClient api;
  private String token;

  @BeforeAll
  void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                Settings.API_MAX_BODY_BYTES.key(), "4096",
                Settings.API_CORS_ORIGINS.key(), "https://admin.example.org"));
    api = new ApiClient(server);
    token = api.token("writer", Scope.WRITE);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void putCreatesThenTheSameBodyAgainChangesNothing() throws Exception {
    int before = api.changeLog().size();
    String body = ApiClient.record("idem", "Idempotent");
    HttpResponse<String> created = api.put("/api/v1/records/idem", token, body);
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(
        server.baseUrl() + "/api/v1/records/idem",
        created.headers().firstValue("Location").orElseThrow());
    assertEquals("created", ApiClient.json(created).get("result").asString());
    String etag = created.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.matches("\"[0-9a-f]{64}\""), etag);
    assertEquals(before + 1, api.changeLog().size());
    var datestamp = server.server().catalog().record("idem").orElseThrow().datestamp();

    HttpResponse<String> again = api.put("/api/v1/records/idem", token, body);
    assertEquals(200, again.statusCode());
    assertEquals("unchanged", ApiClient.json(again).get("result").asString());
    assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
    assertEquals(before + 1, api.changeLog().size(), "no second change-log entry");
    assertEquals(datestamp, server.server().catalog().record("idem").orElseThrow().datestamp());

    HttpResponse<String> read = api.get("/api/v1/records/idem", token);
    assertEquals(200, read.statusCode());
    assertEquals(etag, read.headers().firstValue("ETag").orElseThrow());
    JsonNode json = ApiClient.json(read);
    assertEquals("Idempotent", json.get("title").asString());
    assertEquals("1950-04-02", json.get("date").asString());
    assertEquals(304, api.get("/api/v1/records/idem", token, "If-None-Match", etag).statusCode());

    // What GET gives can be put back as it is: still unchanged.
    HttpResponse<String> roundTrip = api.put("/api/v1/records/idem", token, read.body());
    assertEquals("unchanged", ApiClient.json(roundTrip).get("result").asString(), roundTrip.body());
    assertEquals(before + 1, api.changeLog().size());
  }

  @Test
  void ifMatchRefusesALostUpdateAndIfNoneMatchStarRefusesAnOverwrite() throws Exception {
    HttpResponse<String> created =
        api.put("/api/v1/records/lost", token, ApiClient.record("lost", "First"));
    String first = created.headers().firstValue("ETag").orElseThrow();
    // Someone else changes it.
    HttpResponse<String> other =
        api.put(
            "/api/v1/records/lost", token, ApiClient.record("lost", "Second"), "If-Match", first);
    assertEquals(200, other.statusCode(), other.body());
    String second = other.headers().firstValue("ETag").orElseThrow();
    assertNotEquals(first, second);
    int log = api.changeLog().size();
    // A client still holding the first tag loses nothing: 412, and the record stays as it is.
    HttpResponse<String> stale =
        api.put(
            "/api/v1/records/lost", token, ApiClient.record("lost", "Third"), "If-Match", first);
    assertEquals(412, stale.statusCode());
    ApiAuthTest.assertProblem(stale, 412);
    assertEquals("Second", server.server().catalog().record("lost").orElseThrow().title());
    assertEquals(log, api.changeLog().size());
    assertEquals(412, api.delete("/api/v1/records/lost", token, "If-Match", first).statusCode());

    HttpResponse<String> createOnly =
        api.put(
            "/api/v1/records/lost", token, ApiClient.record("lost", "Again"), "If-None-Match", "*");
    assertEquals(412, createOnly.statusCode());
    assertEquals(
        201,
        api.put(
                "/api/v1/records/fresh",
                token,
                ApiClient.record("fresh", "F"),
                "If-None-Match",
                "*")
            .statusCode());

    assertEquals(204, api.delete("/api/v1/records/lost", token, "If-Match", second).statusCode());
    assertTrue(server.server().catalog().record("lost").orElseThrow().deleted());
    assertEquals(410, api.get("/api/v1/records/lost", token).statusCode());
    assertEquals(410, api.delete("/api/v1/records/lost", token).statusCode());
    assertEquals(404, api.delete("/api/v1/records/never-was", token).statusCode());
    Change last = api.changeLog().get(api.changeLog().size() - 1);
    assertEquals(Change.Operation.DELETE, last.operation());
    assertEquals("lost", last.id());
    // A PUT brings a tombstone back: created again.
    assertEquals(
        201, api.put("/api/v1/records/lost", token, ApiClient.record("lost", "Back")).statusCode());
  }

  @Test
  void collectionsArePutAndReadLikeRecords() throws Exception {
    HttpResponse<String> created =
        api.put("/api/v1/collections/letters", token, "{\"title\":\"Letters\"}");
    assertEquals(201, created.statusCode(), created.body());
    HttpResponse<String> read = api.get("/api/v1/collections/letters", token);
    assertEquals("collection", ApiClient.json(read).get("kind").asString());
    assertEquals(created.headers().firstValue("ETag"), read.headers().firstValue("ETag"));
    assertEquals(
        "unchanged",
        ApiClient.json(api.put("/api/v1/collections/letters", token, read.body()))
            .get("result")
            .asString());
    HttpResponse<String> member =
        api.put("/api/v1/records/letter-1", token, ApiClient.record("letter-1", "L", "letters"));
    assertEquals(201, member.statusCode(), member.body());
    assertEquals(
        "letters", server.server().catalog().record("letter-1").orElseThrow().collections().get(0));
    assertTrue(server.get("/oai?verb=ListSets").body().contains("letters"));
    assertEquals(200, server.get("/iiif/3/collection/letters").statusCode());

    // DELETE: If-Match guards it; the record stays and leaves the collection, with a change.
    String tag = read.headers().firstValue("ETag").orElseThrow();
    assertEquals(
        412,
        api.delete("/api/v1/collections/letters", token, "If-Match", "\"stale\"").statusCode());
    int log = api.changeLog().size();
    assertEquals(
        204, api.delete("/api/v1/collections/letters", token, "If-Match", tag).statusCode());
    assertEquals(404, api.get("/api/v1/collections/letters", token).statusCode());
    assertEquals(404, api.delete("/api/v1/collections/letters", token).statusCode());
    assertEquals(
        412, api.delete("/api/v1/collections/letters", token, "If-Match", tag).statusCode());
    var letter = server.server().catalog().record("letter-1").orElseThrow();
    assertFalse(letter.deleted());
    assertTrue(letter.collections().isEmpty());
    List<Change> changes = api.changeLog().subList(log, api.changeLog().size());
    assertEquals(
        List.of("RECORD letter-1 UPSERT", "COLLECTION letters DELETE"),
        changes.stream().map(c -> c.entity() + " " + c.id() + " " + c.operation()).toList());
    assertFalse(server.get("/oai?verb=ListSets").body().contains("letters"));
    assertEquals(404, server.get("/iiif/3/collection/letters").statusCode());
    assertFalse(
        ApiClient.json(api.get("/api/v1/records/letter-1", token)).has("collections"),
        "the record as read no longer names it");
  }

  @Test
  void badInputIsRefusedAsAProblemAndWritesNothing() throws Exception {
    int log = api.changeLog().size();
    HttpResponse<String> invalid =
        api.put(
            "/api/v1/records/bad", token, "{\"title\":\"No real date\",\"date\":\"1950-02-30\"}");
    assertEquals(422, invalid.statusCode(), invalid.body());
    ApiAuthTest.assertProblem(invalid, 422);
    JsonNode problem = ApiClient.json(invalid);
    assertEquals("$.date", problem.get("problems").get(0).get("field").asString());

    ObjectNode unknownCollection =
        (ObjectNode) RecordJson.read(ApiClient.record("bad", "B", "no-such-collection"));
    assertEquals(
        422,
        api.put("/api/v1/records/bad", token, RecordJson.write(unknownCollection)).statusCode());
    assertEquals(
        400, api.put("/api/v1/records/bad", token, ApiClient.record("other", "O")).statusCode());
    assertEquals(400, api.put("/api/v1/records/bad", token, "{not json").statusCode());
    assertEquals(400, api.put("/api/v1/records/bad", token, "[1]").statusCode());
    HttpResponse<String> wrongType =
        api.send("PUT", "/api/v1/records/bad", token, ApiClient.record("bad", "B"), "text/plain");
    assertEquals(415, wrongType.statusCode());
    ApiAuthTest.assertProblem(wrongType, 415);
    String large = ApiClient.record("bad", "x".repeat(5000));
    HttpResponse<String> tooLarge = api.put("/api/v1/records/bad", token, large);
    assertEquals(413, tooLarge.statusCode());
    ApiAuthTest.assertProblem(tooLarge, 413);
    assertEquals(404, api.get("/api/v1/records/bad", token).statusCode());
    assertEquals(log, api.changeLog().size());
  }

  @Test
  void corsIsOnlyForTheOriginsConfigured() throws Exception {
    HttpResponse<String> preflight =
        api.send(
            "OPTIONS",
            "/api/v1/records/idem",
            null,
            null,
            null,
            "Origin",
            "https://admin.example.org",
            "Access-Control-Request-Method",
            "PUT",
            "Access-Control-Request-Headers",
            "authorization, content-type, if-match");
    assertEquals(204, preflight.statusCode());
    assertEquals(
        "https://admin.example.org",
        preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertTrue(
        preflight
            .headers()
            .firstValue("Access-Control-Allow-Methods")
            .orElseThrow()
            .contains("PUT"));
    assertTrue(
        preflight
            .headers()
            .firstValue("Access-Control-Allow-Headers")
            .orElseThrow()
            .contains("If-Match"));

    HttpResponse<String> other =
        api.send(
            "OPTIONS",
            "/api/v1/records/idem",
            null,
            null,
            null,
            "Origin",
            "https://elsewhere.example.org",
            "Access-Control-Request-Method",
            "PUT");
    assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

    HttpResponse<String> read =
        api.get("/api/v1/changes?limit=1", token, "Origin", "https://admin.example.org");
    assertEquals(200, read.statusCode());
    assertEquals(
        "https://admin.example.org",
        read.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertTrue(read.headers().allValues("Vary").toString().contains("Origin"));
    HttpResponse<String> foreign =
        api.get("/api/v1/changes?limit=1", token, "Origin", "https://elsewhere.example.org");
    assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }
}
