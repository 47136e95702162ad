package org.dossier.iiif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The streams of the sample archive (30 records, 20 of them in one collection) in pages of 7,
 * checked against the JSON Schema of Discovery 1.0 and the sentences of the specification they
 * implement, with their HTTP: media type, CORS, validators and caching.
 */
class ActivityStreamTest {
  static final String ALL = "/iiif/discovery/activity/all-changes";
  static final String CONTEXT = "http://iiif.io/api/discovery/1/context.json";
  static final String COLLECTION = "conversations-with-kim-il-sung";
  private static TestServer server;
  private static DiscoveryClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(Settings.IIIF_DISCOVERY_PAGE_SIZE.key(), "7"));
    client = new DiscoveryClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every activity of a stream, oldest first, following {@code next} from {@code first}. */
  static List<JsonNode> walkForwards(DiscoveryClient client, JsonNode collection) {
    List<JsonNode> items = new ArrayList<>();
    String url = collection.get("first").get("id").asString();
    long expectedStart = 0;
    while (url != null) {
      JsonNode page = client.get(url);
      assertEquals(expectedStart, page.get("startIndex").asLong(), url);
      page.get("orderedItems").forEach(items::add);
      expectedStart += page.get("orderedItems").size();
      url = page.has("next") ? page.get("next").get("id").asString() : null;
      if (url == null) {
        assertEquals(collection.get("last").get("id").asString(), page.get("id").asString());
      }
    }
    return items;
  }

  @Test
  void theCollectionNamesItsFirstAndLastPagesAndCountsItsActivities() {
    JsonNode all = client.get(server.baseUrl() + ALL);
    // §3.4.1 "The top level resource in the response MUST have the @context property, and it
    // SHOULD appear as the very first key/value pair"
    assertEquals("@context", all.propertyNames().iterator().next());
    assertEquals(CONTEXT, all.get("@context").asString());
    assertEquals(server.baseUrl() + ALL, all.get("id").asString());
    assertEquals("OrderedCollection", all.get("type").asString());
    long total = server.server().catalog().streamSize();
    assertEquals(total, all.get("totalItems").asLong());
    assertEquals(
        server.baseUrl() + "/iiif/discovery/activity/page/0",
        all.get("first").get("id").asString());
    assertEquals(
        server.baseUrl() + "/iiif/discovery/activity/page/" + ((total - 1) / 7),
        all.get("last").get("id").asString());
    assertEquals("http://creativecommons.org/publicdomain/zero/1.0/", all.get("rights").asString());
    JsonNode dcat = all.get("seeAlso").get(0);
    assertEquals(server.baseUrl() + "/.well-known/void", dcat.get("id").asString());
    assertEquals("Dataset", dcat.get("type").asString());
    assertEquals("http://www.w3.org/ns/dcat#", dcat.get("profile").asString());
  }

  @Test
  void walkingForwardsListsEveryChangeOnceInTheLogsOrder() {
    JsonNode all = client.get(server.baseUrl() + ALL);
    List<JsonNode> items = walkForwards(client, all);
    assertEquals(all.get("totalItems").asLong(), items.size());
    // §3.2 orderedItems: "they MUST be ordered within the array from the earliest datetime to the
    // most recent datetime"
    for (int i = 1; i < items.size(); i++) {
      assertTrue(
          items
                  .get(i - 1)
                  .get("endTime")
                  .asString()
                  .compareTo(items.get(i).get("endTime").asString())
              <= 0);
    }
    // The sample archive is created once: one Create per record and for its collection.
    assertTrue(items.stream().allMatch(a -> a.get("type").asString().equals("Create")));
    long collections =
        items.stream()
            .filter(a -> a.get("object").get("type").asString().equals("Collection"))
            .count();
    assertEquals(server.server().catalog().collections().size(), collections);
    JsonNode manifest =
        items.stream()
            .filter(a -> a.get("object").get("type").asString().equals("Manifest"))
            .findFirst()
            .orElseThrow()
            .get("object");
    String id = manifest.get("canonical").asString().replaceFirst(".*/id/record/", "");
    assertEquals(server.baseUrl() + "/iiif/3/" + id + "/manifest", manifest.get("id").asString());
    assertEquals(server.baseUrl() + "/id/record/" + id, manifest.get("canonical").asString());
  }

  @Test
  void pagesLinkPrevExceptTheFirstAndNextExceptTheLast() {
    JsonNode all = client.get(server.baseUrl() + ALL);
    JsonNode first = client.get(all.get("first").get("id").asString());
    JsonNode last = client.get(all.get("last").get("id").asString());
    // §3.2 prev: "Ordered Collection Pages MUST have a prev property, unless they are the first"
    assertFalse(first.has("prev"));
    assertTrue(first.has("next"));
    assertTrue(last.has("prev"));
    assertFalse(last.has("next"));
    assertEquals(server.baseUrl() + ALL, first.get("partOf").get("id").asString());
    assertEquals("OrderedCollection", first.get("partOf").get("type").asString());
    assertEquals(7, first.get("orderedItems").size());
  }

  @Test
  void fullPagesAreImmutableAndTheLastPageAndTheCollectionShortLived() throws Exception {
    HttpResponse<String> full = server.get("/iiif/discovery/activity/page/0");
    assertEquals(
        "application/ld+json;profile=\"" + CONTEXT + "\"",
        full.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(List.of("*"), full.headers().allValues("Access-Control-Allow-Origin"));
    assertEquals(
        "public, max-age=31536000, immutable",
        full.headers().firstValue("Cache-Control").orElseThrow());
    String tag = full.headers().firstValue("ETag").orElseThrow();
    assertFalse(tag.startsWith("W/"), "a strong validator: " + tag);
    HttpResponse<String> again =
        server.get("/iiif/discovery/activity/page/0", "If-None-Match", tag);
    assertEquals(304, again.statusCode());
    assertEquals(List.of("*"), again.headers().allValues("Access-Control-Allow-Origin"));

    JsonNode all = RecordJson.MAPPER.readTree(server.get(ALL).body());
    String lastPath = all.get("last").get("id").asString().substring(server.baseUrl().length());
    for (String path : List.of(ALL, lastPath)) {
      HttpResponse<String> growing = server.get(path);
      assertEquals(
          "public, max-age=60", growing.headers().firstValue("Cache-Control").orElseThrow(), path);
      assertEquals(List.of("*"), growing.headers().allValues("Access-Control-Allow-Origin"));
    }
  }

  @Test
  void theIiifCollectionsLinkTheirStreamsForHarvesters() throws Exception {
    JsonNode top = RecordJson.MAPPER.readTree(server.get("/iiif/3/collection/top").body());
    JsonNode link = top.get("seeAlso").get(0);
    assertEquals(server.baseUrl() + ALL, link.get("id").asString());
    assertEquals("Dataset", link.get("type").asString());
    assertEquals("application/ld+json", link.get("format").asString());
    assertEquals(CONTEXT, link.get("profile").asString());
    client.get(link.get("id").asString());
    JsonNode collection =
        RecordJson.MAPPER.readTree(server.get("/iiif/3/collection/" + COLLECTION).body());
    String stream = collection.get("seeAlso").get(0).get("id").asString();
    assertEquals(server.baseUrl() + "/iiif/discovery/activity/collection/" + COLLECTION, stream);
    client.get(stream);
    JsonNode v2 = RecordJson.MAPPER.readTree(server.get("/iiif/2/collection/top").body());
    assertEquals(server.baseUrl() + ALL, v2.get("seeAlso").get("@id").asString());
  }

  @Test
  void plainJsonIsGivenToClientsThatAskForItAlone() throws Exception {
    HttpResponse<String> json = server.get(ALL, "Accept", "application/json");
    assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(List.of("Accept"), json.headers().allValues("Vary"));
  }

  @Test
  void aPageThatDoesNotExistIs404InJson() throws Exception {
    for (String page : List.of("999999", "01", "-1", "x", "1e3")) {
      HttpResponse<String> r = server.get("/iiif/discovery/activity/page/" + page);
      assertEquals(404, r.statusCode(), page);
      assertEquals(404, RecordJson.MAPPER.readTree(r.body()).get("status").asInt());
      assertEquals(List.of("*"), r.headers().allValues("Access-Control-Allow-Origin"));
    }
    assertEquals(404, server.get("/iiif/discovery/activity/collection/no-such").statusCode());
  }

  @Test
  void aCollectionsStreamHoldsItsRecordsAndIsPartOfTheStreamOfAllChanges() {
    String url = server.baseUrl() + "/iiif/discovery/activity/collection/" + COLLECTION;
    JsonNode stream = client.get(url);
    assertEquals(server.baseUrl() + ALL, stream.get("partOf").get(0).get("id").asString());
    List<JsonNode> items = walkForwards(client, stream);
    long members = server.server().catalog().countCollectionMembers(COLLECTION);
    assertEquals(members + 1, items.size(), "its records and itself");
    assertEquals(members + 1, stream.get("totalItems").asLong());
  }

  @Test
  void aRecordThatLeavesACollectionIsRemovedFromItsStreamAndUpdatedInTheOther() throws Exception {
    try (TestServer own = TestServer.start(Map.of(Settings.IIIF_DISCOVERY_PAGE_SIZE.key(), "7"))) {
      leaving(own, new DiscoveryClient(own));
    }
  }

  private static void leaving(TestServer server, DiscoveryClient client) {
    try (CatalogWriter w = server.server().catalog().writer()) {
      w.put(Fixtures.collection("leaving-a"));
      w.put(Fixtures.collection("leaving-b"));
      w.put(Fixtures.record("leaving-1").in("leaving-a").build());
      w.commit();
    }
    try (CatalogWriter w = server.server().catalog().writer()) {
      w.put(Fixtures.record("leaving-1").in("leaving-b").build());
      w.commit();
    }
    String a = server.baseUrl() + "/iiif/discovery/activity/collection/leaving-a";
    List<JsonNode> inA = walkForwards(client, client.get(a));
    assertEquals(
        List.of("Create", "Create", "Remove"),
        inA.stream().map(x -> x.get("type").asString()).toList());
    JsonNode removed = inA.get(2);
    // §3.5.2 "if activity.type is ... Remove and activity.origin.id is the URI of the current
    // stream, then ... process its removal"
    assertEquals(a, removed.get("origin").get("id").asString());
    List<JsonNode> inB =
        walkForwards(
            client, client.get(server.baseUrl() + "/iiif/discovery/activity/collection/leaving-b"));
    assertEquals(
        List.of("Create", "Update"), inB.stream().map(x -> x.get("type").asString()).toList());
    assertNotEquals(
        inA.get(1).get("object").get("id").asString(),
        inA.get(0).get("object").get("id").asString());
  }
}
