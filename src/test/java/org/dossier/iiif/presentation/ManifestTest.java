package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a Presentation 3.0 manifest of a sample record says, property by property (Presentation 3.0
 * §3, §5.3).
 */
class ManifestTest {
  /** Three pages, a day-precision date, member of one collection. */
  static final String PAGED = "1950-01-19-shtykov-vyshinsky-luncheon-foreign-affairs";

  /** One page, dated only to a month ("April 1950"). */
  static final String MONTH = "1950-04-conversation-stalin-kim-il-sung";

  static final String COLLECTION = "conversations-with-kim-il-sung";

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

  private static JsonNode manifest(String id) throws Exception {
    var response = server.get("/iiif/3/" + id + "/manifest");
    assertEquals(200, response.statusCode());
    return RecordJson.MAPPER.readTree(response.body());
  }

  private static Record record(String id) {
    return server.server().catalog().record(id).orElseThrow();
  }

  @Test
  void describesTheRecordInLanguageMaps() throws Exception {
    JsonNode m = manifest(PAGED);
    Record r = record(PAGED);
    assertEquals("http://iiif.io/api/presentation/3/context.json", m.get("@context").asString());
    assertEquals(base + "/iiif/3/" + PAGED + "/manifest", m.get("id").asString());
    assertEquals("Manifest", m.get("type").asString());
    assertEquals(r.title(), m.at("/label/en/0").asString());
    assertEquals(r.summary(), m.at("/summary/en/0").asString());
    assertEquals(
        "Provided by Dossier Sample Archive.", m.at("/requiredStatement/value/en/0").asString());
    assertEquals("Attribution", m.at("/requiredStatement/label/en/0").asString());
  }

  @Test
  void metadataPairsGiveDateTypePeoplePlacesAndCollection() throws Exception {
    JsonNode m = manifest(PAGED);
    Map<String, List<String>> pairs = new java.util.LinkedHashMap<>();
    for (JsonNode pair : m.get("metadata")) {
      List<String> values = new ArrayList<>();
      pair.at("/value/en").forEach(v -> values.add(v.asString()));
      pairs.put(pair.at("/label/en/0").asString(), values);
    }
    assertEquals(List.of("19 January 1950"), pairs.get("Date"));
    assertEquals(List.of("Telegram"), pairs.get("Type"));
    assertEquals(record(PAGED).people(), pairs.get("People"));
    assertEquals(record(PAGED).places(), pairs.get("Places"));
    assertEquals(List.of("Conversations with Kim Il Sung"), pairs.get("Collection"));
    assertEquals(List.of("April 1950"), metadataValue(manifest(MONTH), "Date"));
  }

  private static List<String> metadataValue(JsonNode m, String label) {
    for (JsonNode pair : m.get("metadata")) {
      if (pair.at("/label/en/0").asString().equals(label)) {
        List<String> values = new ArrayList<>();
        pair.at("/value/en").forEach(v -> values.add(v.asString()));
        return values;
      }
    }
    return List.of();
  }

  @Test
  void navDateIsTheStartOfThePeriodAtMidnightUtc() throws Exception {
    assertEquals("1950-01-19T00:00:00Z", manifest(PAGED).get("navDate").asString());
    assertEquals("1950-04-01T00:00:00Z", manifest(MONTH).get("navDate").asString());
  }

  @Test
  void rightsIsTheRecordsRightsStatementUri() throws Exception {
    assertEquals(
        "http://rightsstatements.org/vocab/CNE/1.0/", manifest(PAGED).get("rights").asString());
  }

  @Test
  void providerIsTheArchiveWithHomepageAndLogo() throws Exception {
    JsonNode provider = manifest(PAGED).get("provider").get(0);
    assertEquals("Agent", provider.get("type").asString());
    assertEquals("Dossier Sample Archive", provider.at("/label/en/0").asString());
    assertEquals(base + "/", provider.at("/homepage/0/id").asString());
    assertEquals("text/html", provider.at("/homepage/0/format").asString());
    JsonNode logo = provider.at("/logo/0");
    assertEquals(base + "/iiif/logo.png", logo.get("id").asString());
    assertEquals("Image", logo.get("type").asString());
    assertEquals("image/png", logo.get("format").asString());
  }

  @Test
  void homepageSeeAlsoAndPartOfLinkTheRecordsOtherForms() throws Exception {
    JsonNode m = manifest(PAGED);
    assertEquals(base + "/records/" + PAGED, m.at("/homepage/0/id").asString());
    assertEquals("Text", m.at("/homepage/0/type").asString());
    assertEquals("text/html", m.at("/homepage/0/format").asString());
    JsonNode oai = m.at("/seeAlso/0");
    assertEquals(
        base
            + "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Adossier.example.org%3A"
            + PAGED,
        oai.get("id").asString());
    assertEquals("application/xml", oai.get("format").asString());
    assertEquals("http://www.openarchives.org/OAI/2.0/oai_dc/", oai.get("profile").asString());
    JsonNode rdf = m.at("/seeAlso/1");
    assertEquals(base + "/records/" + PAGED + ".ttl", rdf.get("id").asString());
    assertEquals("text/turtle", rdf.get("format").asString());
    assertTrue(rdf.has("profile"));
    // What Europeana's IIIF harvester looks for: the EDM record, as RDF/XML with EDM's profile.
    JsonNode edm = m.at("/seeAlso/2");
    assertEquals(
        base
            + "/oai?verb=GetRecord&metadataPrefix=edm&identifier=oai%3Adossier.example.org%3A"
            + PAGED,
        edm.get("id").asString());
    assertEquals("Dataset", edm.get("type").asString());
    assertEquals("application/rdf+xml", edm.get("format").asString());
    assertEquals("http://www.europeana.eu/schemas/edm/", edm.get("profile").asString());
    assertEquals(base + "/iiif/3/collection/" + COLLECTION, m.at("/partOf/0/id").asString());
    assertEquals("Collection", m.at("/partOf/0/type").asString());
  }

  @Test
  void multiPageDocumentsArePagedAndStartOnTheFirstCanvas() throws Exception {
    JsonNode paged = manifest(PAGED);
    assertEquals("paged", paged.at("/behavior/0").asString());
    assertEquals(base + "/iiif/3/" + PAGED + "/canvas/p1", paged.at("/start/id").asString());
    assertEquals("Canvas", paged.at("/start/type").asString());
    assertFalse(manifest(MONTH).has("behavior"), "a single page is not paged");
  }

  @Test
  void oneCanvasPerPageWithTheScansSizeAndOnePaintingAnnotation() throws Exception {
    JsonNode m = manifest(PAGED);
    List<Page> pages = record(PAGED).pages();
    assertEquals(3, pages.size());
    assertEquals(pages.size(), m.get("items").size());
    for (int i = 0; i < pages.size(); i++) {
      int n = i + 1;
      JsonNode canvas = m.get("items").get(i);
      String canvasId = base + "/iiif/3/" + PAGED + "/canvas/p" + n;
      String service = base + "/iiif/image/3/" + PAGED + "-p" + n;
      assertEquals(canvasId, canvas.get("id").asString());
      assertEquals("Canvas", canvas.get("type").asString());
      assertEquals(pages.get(i).width(), canvas.get("width").asInt());
      assertEquals(pages.get(i).height(), canvas.get("height").asInt());
      assertEquals(1, canvas.get("items").size());
      JsonNode annotationPage = canvas.get("items").get(0);
      assertEquals("AnnotationPage", annotationPage.get("type").asString());
      assertEquals(1, annotationPage.get("items").size());
      JsonNode annotation = annotationPage.get("items").get(0);
      assertEquals("Annotation", annotation.get("type").asString());
      assertEquals("painting", annotation.get("motivation").asString());
      assertEquals(canvasId, annotation.get("target").asString());
      JsonNode body = annotation.get("body");
      assertEquals(service + "/full/max/0/default.jpg", body.get("id").asString());
      assertEquals("Image", body.get("type").asString());
      assertEquals("image/jpeg", body.get("format").asString());
      assertEquals(pages.get(i).width(), body.get("width").asInt());
      assertEquals(pages.get(i).height(), body.get("height").asInt());
      assertEquals(service, body.at("/service/0/id").asString());
      assertEquals("ImageService3", body.at("/service/0/type").asString());
      assertEquals("level2", body.at("/service/0/profile").asString());
      assertEquals(service, canvas.at("/thumbnail/0/service/0/id").asString());
    }
  }

  @Test
  void thumbnailIsTheFirstPageFittedInto200PixelsWithItsImageService() throws Exception {
    JsonNode thumbnail = manifest(PAGED).at("/thumbnail/0");
    String service = base + "/iiif/image/3/" + PAGED + "-p1";
    Page first = record(PAGED).pages().get(0);
    int height = 200;
    int width = (int) Math.round(first.width() * 200.0 / first.height());
    assertTrue(first.height() > first.width(), "the sample scans are portrait");
    assertEquals(
        service + "/full/" + width + "," + height + "/0/default.jpg",
        thumbnail.get("id").asString());
    assertEquals("Image", thumbnail.get("type").asString());
    assertEquals("image/jpeg", thumbnail.get("format").asString());
    assertEquals(width, thumbnail.get("width").asInt());
    assertEquals(height, thumbnail.get("height").asInt());
    assertEquals(service, thumbnail.at("/service/0/id").asString());
    assertEquals("ImageService3", thumbnail.at("/service/0/type").asString());
  }

  @Test
  void everyIdIsBuiltFromTheConfiguredPublicBaseUrl() throws Exception {
    try (TestServer proxied =
        TestServer.start(
            Map.of(
                "server.base-url",
                "https://archive.example.org/dossier/",
                "oai.repository-identifier",
                "archive.example.org"))) {
      JsonNode m = RecordJson.MAPPER.readTree(proxied.get("/iiif/3/" + PAGED + "/manifest").body());
      List<String> ids = references(m, java.util.Set.of("id", "@id"));
      assertTrue(ids.size() > 20);
      for (String id : ids) {
        assertTrue(id.startsWith("https://archive.example.org/dossier/"), id);
      }
      assertEquals(
          "https://archive.example.org/dossier/iiif/3/" + PAGED + "/manifest",
          m.get("id").asString());
      assertTrue(
          m.at("/seeAlso/0/id")
              .asString()
              .endsWith("identifier=oai%3Aarchive.example.org%3A" + PAGED));
    }
  }

  /** Every string value of the given keys anywhere in a document, in document order. */
  static List<String> references(JsonNode node, java.util.Set<String> keys) {
    List<String> found = new ArrayList<>();
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (keys.contains(e.getKey()) && e.getValue().isString()) {
                  found.add(e.getValue().asString());
                } else {
                  found.addAll(references(e.getValue(), keys));
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> found.addAll(references(child, keys)));
    }
    return found;
  }
}
