package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Collections (Presentation 3.0 §5.2): the top collection lists every collection; a collection
 * lists its manifests in date order; a collection larger than the page size is split into child
 * collections so that no document lists more than the page size.
 */
class CollectionTest {
  static final String COLLECTION = ManifestTest.COLLECTION;
  private static TestServer server;
  private static TestServer split;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    split = TestServer.start(Map.of("iiif.collection-page-size", "3"));
  }

  @AfterAll
  static void stop() {
    server.close();
    split.close();
  }

  private static JsonNode get(TestServer on, String url) throws Exception {
    String path = url.startsWith("http") ? url.substring(on.baseUrl().length()) : url;
    var response = on.get(path);
    assertEquals(200, response.statusCode(), path);
    JsonNode doc = RecordJson.MAPPER.readTree(response.body());
    assertEquals(on.baseUrl() + path, doc.get("id").asString(), "a collection's id is its URL");
    return doc;
  }

  @Test
  void topListsAllDocumentsThenEveryCollection() throws Exception {
    JsonNode top = get(server, "/iiif/3/collection/top");
    assertEquals("Collection", top.get("type").asString());
    List<String> listed = new ArrayList<>();
    for (JsonNode item : top.get("items")) {
      assertEquals("Collection", item.get("type").asString());
      assertTrue(item.at("/label/en/0").isString());
      listed.add(item.get("id").asString());
    }
    List<String> expected = new ArrayList<>();
    expected.add(server.baseUrl() + "/iiif/3/collection/all");
    server.server().catalog().collections().stream()
        .map(c -> server.baseUrl() + "/iiif/3/collection/" + c.id())
        .forEach(expected::add);
    assertEquals(expected, listed);
  }

  @Test
  void everyDocumentWithScansIsReachableFromTopInBothVersionsAtAnyPageSize() throws Exception {
    Catalog catalog = server.server().catalog();
    List<String> ids = new ArrayList<>();
    for (Record r : catalog.list(org.dossier.catalog.Selection.ALL, null, 1000)) {
      if (!r.deleted() && !r.pages().isEmpty()) {
        ids.add(r.id());
      }
    }
    assertTrue(
        ids.size() > catalog.countCollectionMembers(COLLECTION), "some are in no collection");
    for (TestServer on : List.of(server, split)) {
      for (String v : List.of("3", "2")) {
        java.util.Set<String> reached = new java.util.TreeSet<>();
        crawl(
            on,
            v,
            on.baseUrl() + "/iiif/" + v + "/collection/top",
            reached,
            new java.util.HashSet<>());
        java.util.Set<String> expected = new java.util.TreeSet<>();
        ids.forEach(id -> expected.add(on.baseUrl() + "/iiif/" + v + "/" + id + "/manifest"));
        assertEquals(expected, reached, "version " + v);
      }
    }
  }

  /** Every manifest reachable from a collection by its items, each collection checked too. */
  private static void crawl(
      TestServer on,
      String v,
      String url,
      java.util.Set<String> manifests,
      java.util.Set<String> seen)
      throws Exception {
    if (!seen.add(url)) {
      return;
    }
    var response = on.get(url.substring(on.baseUrl().length()));
    assertEquals(200, response.statusCode(), url);
    JsonNode doc = RecordJson.MAPPER.readTree(response.body());
    if (v.equals("3")) {
      List<String> errors = PresentationSchema.errors(doc, "collection");
      assertTrue(errors.isEmpty(), url + ": " + errors);
    }
    JsonNode items = v.equals("3") ? doc.get("items") : doc.get("collections");
    if (items != null) {
      for (JsonNode item : items) {
        if (item.get(v.equals("3") ? "type" : "@type").asString().endsWith("Collection")) {
          crawl(on, v, item.get(v.equals("3") ? "id" : "@id").asString(), manifests, seen);
        }
      }
    }
    JsonNode listed = v.equals("3") ? doc.get("items") : doc.get("manifests");
    if (listed != null) {
      for (JsonNode item : listed) {
        String type = item.get(v.equals("3") ? "type" : "@type").asString();
        if (type.endsWith("Manifest")) {
          manifests.add(item.get(v.equals("3") ? "id" : "@id").asString());
        }
      }
    }
  }

  @Test
  void aCollectionListsItsManifestsInDateOrderWithLabelThumbnailAndNavDate() throws Exception {
    JsonNode collection = get(server, "/iiif/3/collection/" + COLLECTION);
    Catalog catalog = server.server().catalog();
    assertEquals("Conversations with Kim Il Sung", collection.at("/label/en/0").asString());
    assertEquals(
        server.baseUrl() + "/iiif/3/collection/top", collection.at("/partOf/0/id").asString());
    List<Record> members = catalog.collectionMembers(COLLECTION, 0, 1000);
    assertEquals(20, members.size());
    JsonNode items = collection.get("items");
    assertEquals(members.size(), items.size());
    String previous = "";
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      Record r = members.get(i);
      assertEquals(server.baseUrl() + "/iiif/3/" + r.id() + "/manifest", item.get("id").asString());
      assertEquals("Manifest", item.get("type").asString());
      assertEquals(r.title(), item.at("/label/en/0").asString());
      String navDate = item.get("navDate").asString();
      assertTrue(navDate.compareTo(previous) >= 0, "date order: " + navDate + " after " + previous);
      previous = navDate;
      assertEquals(
          server.baseUrl() + "/iiif/image/3/" + r.id() + "-p1",
          item.at("/thumbnail/0/service/0/id").asString());
      assertEquals("ImageService3", item.at("/thumbnail/0/service/0/type").asString());
    }
  }

  @Test
  void aLargeCollectionIsSplitIntoChildCollectionsNoneListingMoreThanThePageSize()
      throws Exception {
    JsonNode root = get(split, "/iiif/3/collection/" + COLLECTION);
    // 20 members, 3 a page: seven runs of 3 would be more than 3 children, so children span 9.
    List<String> children = new ArrayList<>();
    root.get("items")
        .forEach(child -> children.add(child.get("id").asString().replace(split.baseUrl(), "")));
    String prefix = "/iiif/3/collection/" + COLLECTION + "/";
    assertEquals(List.of(prefix + "1-9", prefix + "10-18", prefix + "19-20"), children);

    List<String> manifests = new ArrayList<>();
    walk(split, root, 3, manifests);
    List<String> expected =
        split.server().catalog().collectionMembers(COLLECTION, 0, 1000).stream()
            .map(r -> split.baseUrl() + "/iiif/3/" + r.id() + "/manifest")
            .toList();
    assertEquals(expected, manifests, "the parts together list every member once, in date order");
  }

  @Test
  void splitsWorkDownToAPageSizeOfTwo() throws Exception {
    try (TestServer tiny = TestServer.start(Map.of("iiif.collection-page-size", "2"))) {
      List<String> manifests = new ArrayList<>();
      walk(tiny, get(tiny, "/iiif/3/collection/" + COLLECTION), 2, manifests);
      assertEquals(20, manifests.size());
      assertEquals(20, manifests.stream().distinct().count());
    }
  }

  /**
   * Walks a collection's tree depth first, checking each node, and collects its manifests in order.
   */
  private static void walk(TestServer on, JsonNode node, int pageSize, List<String> manifests)
      throws Exception {
    JsonNode items = node.get("items");
    assertTrue(items.size() <= pageSize, node.get("id") + " lists " + items.size());
    for (JsonNode item : items) {
      if (item.get("type").asString().equals("Collection")) {
        JsonNode part = get(on, item.get("id").asString());
        assertEquals(
            node.get("id").asString(),
            part.at("/partOf/0/id").asString(),
            "a part is part of its parent");
        assertEquals(item.at("/label/en/0").asString(), part.at("/label/en/0").asString());
        assertTrue(
            part.at("/label/en/0").asString().startsWith("Conversations with Kim Il Sung, items "));
        walk(on, part, pageSize, manifests);
      } else {
        assertEquals("Manifest", item.get("type").asString());
        manifests.add(item.get("id").asString());
      }
    }
  }

  @Test
  void unknownCollectionsAndPartsAre404() throws Exception {
    assertEquals(404, server.get("/iiif/3/collection/no-such-collection").statusCode());
    assertEquals(
        404,
        split.get("/iiif/3/collection/" + COLLECTION + "/2-4").statusCode(),
        "not a part boundary");
    assertEquals(
        200,
        split.get("/iiif/3/collection/" + COLLECTION + "/4-6").statusCode(),
        "a part of a part");
    assertEquals(
        404,
        split.get("/iiif/3/collection/" + COLLECTION + "/1-20").statusCode(),
        "the root is served at its own URL");
    assertEquals(
        404,
        split.get("/iiif/3/collection/" + COLLECTION + "/22-24").statusCode(),
        "beyond the members");
    assertEquals(
        404,
        server.get("/iiif/3/collection/" + COLLECTION + "/1-3").statusCode(),
        "not split at this page size");
  }
}
