package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.catalog.Page;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Presentation 2.1 for older viewers: sc:Manifest with a sequence of canvases and images, and
 * sc:Collection.
 */
class PresentationV2Test {
  static final String CONTEXT = "http://iiif.io/api/presentation/2/context.json";
  private static TestServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    base = server.baseUrl();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode get(String path) throws Exception {
    var response = server.get(path);
    assertEquals(200, response.statusCode(), path);
    assertEquals(
        NegotiationTest.V2_PROFILE, response.headers().firstValue("Content-Type").orElseThrow());
    return RecordJson.MAPPER.readTree(response.body());
  }

  @Test
  void manifestHasOneSequenceOfCanvasesEachPaintedByItsImage() throws Exception {
    String id = ManifestTest.PAGED;
    JsonNode m = get("/iiif/2/" + id + "/manifest");
    List<Page> pages = server.server().catalog().record(id).orElseThrow().pages();
    assertEquals(CONTEXT, m.get("@context").asString());
    assertEquals(base + "/iiif/2/" + id + "/manifest", m.get("@id").asString());
    assertEquals("sc:Manifest", m.get("@type").asString());
    assertTrue(m.get("label").isString());
    assertEquals("1950-01-19T00:00:00Z", m.get("navDate").asString());
    assertEquals("http://rightsstatements.org/vocab/CNE/1.0/", m.get("license").asString());
    assertEquals("paged", m.get("viewingHint").asString());
    assertEquals(
        base + "/iiif/2/collection/" + ManifestTest.COLLECTION, m.get("within").get(0).asString());
    assertEquals(base + "/records/" + id, m.at("/related/@id").asString());
    assertEquals(
        "http://www.openarchives.org/OAI/2.0/oai_dc/", m.at("/seeAlso/0/profile").asString());
    assertEquals(1, m.get("sequences").size());
    JsonNode sequence = m.get("sequences").get(0);
    assertEquals("sc:Sequence", sequence.get("@type").asString());
    JsonNode canvases = sequence.get("canvases");
    assertEquals(pages.size(), canvases.size());
    for (int i = 0; i < pages.size(); i++) {
      JsonNode canvas = canvases.get(i);
      String canvasId = base + "/iiif/2/" + id + "/canvas/p" + (i + 1);
      assertEquals(canvasId, canvas.get("@id").asString());
      assertEquals("sc:Canvas", canvas.get("@type").asString());
      assertEquals(pages.get(i).width(), canvas.get("width").asInt());
      assertEquals(pages.get(i).height(), canvas.get("height").asInt());
      JsonNode image = canvas.get("images").get(0);
      assertEquals("oa:Annotation", image.get("@type").asString());
      assertEquals("sc:painting", image.get("motivation").asString());
      assertEquals(canvasId, image.get("on").asString());
      JsonNode resource = image.get("resource");
      // Presentation 2.1 points at the Image API 2.1 service of the page, with 2.1's profile.
      String service = base + "/iiif/image/2/" + id + "-p" + (i + 1);
      assertEquals(service + "/full/full/0/default.jpg", resource.get("@id").asString());
      assertEquals("dctypes:Image", resource.get("@type").asString());
      assertEquals("image/jpeg", resource.get("format").asString());
      assertEquals(service, resource.at("/service/@id").asString());
      assertEquals(
          "http://iiif.io/api/image/2/context.json", resource.at("/service/@context").asString());
      assertEquals(
          "http://iiif.io/api/image/2/level2.json", resource.at("/service/profile").asString());
    }
  }

  @Test
  void collectionsListManifestsAndTopListsCollections() throws Exception {
    JsonNode top = get("/iiif/2/collection/top");
    assertEquals("sc:Collection", top.get("@type").asString());
    assertEquals("top", top.get("viewingHint").asString());
    assertEquals(base + "/iiif/2/collection/all", top.at("/collections/0/@id").asString());
    assertEquals(
        base + "/iiif/2/collection/" + ManifestTest.COLLECTION,
        top.at("/collections/1/@id").asString());
    JsonNode collection = get("/iiif/2/collection/" + ManifestTest.COLLECTION);
    assertEquals(base + "/iiif/2/collection/top", collection.get("within").asString());
    JsonNode manifests = collection.get("manifests");
    assertEquals(20, manifests.size());
    for (JsonNode m : manifests) {
      assertEquals("sc:Manifest", m.get("@type").asString());
      assertTrue(m.get("@id").asString().startsWith(base + "/iiif/2/"));
      assertTrue(m.has("navDate") && m.has("label") && m.has("thumbnail"));
    }
  }
}
