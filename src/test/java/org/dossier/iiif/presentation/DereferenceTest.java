package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every Presentation id of ours in a manifest and in a collection answers 200 — manifests,
 * canvases, annotation pages (painting and text), annotations, collections, the provider's logo and
 * the pages' OCR files — and a JSON document found there has that id. Image API URLs belong to the
 * image service, and the HTML, OAI-PMH and RDF links to their own components; those are not fetched
 * here.
 */
class DereferenceTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyPresentationIdInAManifestAnswers200() throws Exception {
    Set<String> ids = presentationIds("/iiif/3/" + ManifestTest.PAGED + "/manifest");
    // manifest, collection, logo, and 3 pages × (canvas, annotation page, annotation, text page,
    // OCR file)
    assertTrue(ids.size() >= 18, ids.toString());
    dereferenceAll(ids);
  }

  @Test
  void everyPresentationIdInACollectionAnswers200() throws Exception {
    Set<String> ids = presentationIds("/iiif/3/collection/" + ManifestTest.COLLECTION);
    assertTrue(ids.size() >= 22, ids.toString());
    dereferenceAll(ids);
    dereferenceAll(presentationIds("/iiif/3/collection/top"));
  }

  private static Set<String> presentationIds(String path) throws Exception {
    JsonNode doc = RecordJson.MAPPER.readTree(server.get(path).body());
    List<String> all = ManifestTest.references(doc, Set.of("id", "target"));
    Set<String> ours = new LinkedHashSet<>();
    String iiif = server.baseUrl() + "/iiif/";
    for (String id : all) {
      // Image and Content Search services are services, not Presentation resources: an
      // autocomplete service answers only with a q (Content Search 2.0, 5.2), and is tested there.
      if (id.startsWith(iiif)
          && !id.startsWith(iiif + "image/")
          && !id.startsWith(iiif + "search/")) {
        ours.add(id);
      }
    }
    return ours;
  }

  private static void dereferenceAll(Set<String> ids) throws Exception {
    for (String id : ids) {
      HttpResponse<byte[]> response = server.getBytes(id.substring(server.baseUrl().length()));
      assertEquals(200, response.statusCode(), id);
      String type = response.headers().firstValue("Content-Type").orElseThrow();
      if (type.startsWith("application/ld+json")) {
        assertEquals(
            id,
            RecordJson.MAPPER.readTree(response.body()).get("id").asString(),
            "the document at " + id);
      } else if (id.contains("/ocr/")) {
        // A page's OCR file, served as imported: ALTO is XML.
        assertEquals("application/xml", type, id);
        assertTrue(response.body().length > 0, id);
      } else {
        assertEquals("image/png", type, id);
      }
    }
  }
}
