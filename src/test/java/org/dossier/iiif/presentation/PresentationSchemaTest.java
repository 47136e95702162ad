package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.RecordJson;
import org.dossier.sample.SampleArchive;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every Presentation 3.0 document of the sample archive validates against the IIIF Presentation 3.0
 * JSON Schema: each manifest, its canvases, annotation pages and annotations served on their own,
 * and every collection, split ones included.
 */
class PresentationSchemaTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    // A small page size, so that the collection is split and child collections are checked too.
    server = TestServer.start(Map.of("iiif.collection-page-size", "4"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> sampleRecordIds() {
    return SampleArchive.items().stream()
        .filter(item -> !"collection".equals(item.path("kind").asString("")))
        .map(item -> item.get("id").asString())
        .toList();
  }

  @Test
  void everyManifestOfTheSampleArchiveIsValid() throws Exception {
    List<String> ids = sampleRecordIds();
    assertEquals(30, ids.size());
    for (String id : ids) {
      JsonNode manifest = fetch("/iiif/3/" + id + "/manifest");
      assertEquals(List.of(), PresentationSchema.errors(manifest, "manifest"), id);
    }
  }

  @Test
  void canvasesAnnotationPagesAndAnnotationsServedAloneAreValid() throws Exception {
    for (String id : sampleRecordIds().subList(0, 5)) {
      int pages = fetch("/iiif/3/" + id + "/manifest").get("items").size();
      for (int n = 1; n <= pages; n++) {
        assertEquals(
            List.of(),
            PresentationSchema.errors(fetch("/iiif/3/" + id + "/canvas/p" + n), "canvas"),
            id);
        assertEquals(
            List.of(),
            PresentationSchema.errors(fetch("/iiif/3/" + id + "/page/p" + n), "annotationPage"),
            id);
        assertEquals(
            List.of(),
            PresentationSchema.errors(fetch("/iiif/3/" + id + "/annotation/p" + n), "annotation"),
            id);
      }
    }
  }

  @Test
  void everyCollectionIsValid() throws Exception {
    List<String> queue = new ArrayList<>(List.of(server.baseUrl() + "/iiif/3/collection/top"));
    int collections = 0;
    int manifests = 0;
    while (!queue.isEmpty()) {
      String url = queue.remove(0);
      JsonNode collection = fetch(url.substring(server.baseUrl().length()));
      assertEquals(List.of(), PresentationSchema.errors(collection, "collection"), url);
      collections++;
      for (JsonNode item : collection.path("items")) {
        if (item.get("type").asString().equals("Collection")) {
          queue.add(item.get("id").asString());
        } else {
          manifests++;
        }
      }
    }
    assertTrue(collections > 2, "the split collection has child collections: " + collections);
    assertTrue(manifests > 0);
  }

  @Test
  void theSchemaRejectsWhatTheSpecificationForbids() throws Exception {
    ObjectNode manifest = (ObjectNode) fetch("/iiif/3/" + sampleRecordIds().get(0) + "/manifest");
    ObjectNode httpsRights = manifest.deepCopy();
    httpsRights.put("rights", "https://example.org/my-licence");
    assertFalse(
        PresentationSchema.errors(httpsRights, "manifest").isEmpty(),
        "rights outside CC and RightsStatements.org");
    ObjectNode noItems = manifest.deepCopy();
    noItems.remove("items");
    assertFalse(
        PresentationSchema.errors(noItems, "manifest").isEmpty(), "a manifest without items");
    ObjectNode badDate = manifest.deepCopy();
    badDate.put("navDate", "April 1950");
    assertFalse(
        PresentationSchema.errors(badDate, "manifest").isEmpty(),
        "navDate that is not xsd:dateTime");
  }

  private static JsonNode fetch(String path) throws Exception {
    HttpResponse<String> response = server.get(path);
    assertEquals(200, response.statusCode(), path);
    return RecordJson.MAPPER.readTree(response.body());
  }
}
