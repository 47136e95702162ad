package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.Page;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.TextRef;
import org.dossier.testing.TestServer;
import org.dossier.urls.Urls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The text of the sample archive's pages in the Presentation documents, through the real server:
 * each page's annotations are compared with the lines the catalog holds for it (imported from the
 * ALTO the sample renderer wrote), the pages validate against the Presentation 3.0 JSON Schema, and
 * the OCR files are served byte for byte from the data directory.
 */
class PresentationTextTest {
  /**
   * A copy of a sample record whose pages have OCR of every kind: an escaping file, none, plain
   * text.
   */
  private static final String ODD = "odd-ocr-record";

  /** A record whose page's OCR file is a symbolic link to a file outside the data directory. */
  private static final String LINKED = "linked-ocr-record";

  private static TestServer server;
  private static Catalog catalog;
  private static Urls urls;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    catalog = server.server().catalog();
    urls = new Urls(server.baseUrl());
    Record sample = catalog.record(ManifestTest.PAGED).orElseThrow();
    assertEquals(3, sample.pages().size());
    List<OcrLine> lines =
        List.of(new OcrLine(10, 10, 100, 20, List.of(new OcrWord("escape", 10, 10, 100, 20))));
    try (CatalogWriter writer = catalog.writer()) {
      Record odd =
          new Record(
              ODD,
              "A record with odd OCR",
              sample.date(),
              null,
              sample.type(),
              List.of("ru"),
              List.of(),
              List.of(),
              List.of(),
              null,
              null,
              sample.rights(),
              List.of(),
              sample.pages(),
              null,
              false);
      writer.put(
          odd,
          List.of(),
          List.of(
              new PageOcr(1, PageOcr.ALTO, "../../../../etc/passwd", lines),
              new PageOcr(
                  3,
                  PageOcr.PLAIN,
                  null,
                  List.of(
                      new OcrLine(
                          0,
                          0,
                          0,
                          0,
                          List.of(
                              new OcrWord("Plain", 0, 0, 0, 0), new OcrWord("words", 0, 0, 0, 0))),
                      new OcrLine(0, 0, 0, 0, List.of(new OcrWord("here", 0, 0, 0, 0)))))));
      Path outside = Files.createTempFile("dossier-outside", ".xml");
      Files.writeString(outside, "<secret/>");
      Files.createDirectories(server.dataDir().resolve("ocr"));
      Files.createSymbolicLink(server.dataDir().resolve("ocr/linked.xml"), outside);
      writer.put(
          new Record(
              LINKED,
              "A record whose OCR file links out",
              sample.date(),
              null,
              sample.type(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              null,
              null,
              sample.rights(),
              List.of(),
              sample.pages().subList(0, 1),
              null,
              false),
          List.of(),
          List.of(new PageOcr(1, PageOcr.ALTO, "ocr/linked.xml", lines)));
      writer.commit();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode fetch(String url) throws Exception {
    HttpResponse<String> response = server.get(url.substring(server.baseUrl().length()));
    assertEquals(200, response.statusCode(), url);
    PresentationHttpTest.assertCors(response);
    return RecordJson.MAPPER.readTree(response.body());
  }

  @Test
  void everySampleTextPageHasOneSupplementingAnnotationPerLineAndIsValid() throws Exception {
    int pages = 0;
    for (String id : PresentationSchemaTest.sampleRecordIds()) {
      Record r = catalog.record(id).orElseThrow();
      if (r.deleted()) {
        continue; // deleted by another test of this class: gone, as its test says
      }
      for (int n = 1; n <= r.pages().size(); n++) {
        PageOcr ocr = catalog.pageOcr(id, n).orElse(null);
        if (ocr == null) {
          assertEquals(404, server.get("/iiif/3/" + id + "/text/p" + n).statusCode());
          continue;
        }
        assertTrue(ocr.hasBoxes(), "the sample pages' OCR is ALTO");
        JsonNode page = fetch(urls.textPage(3, id, n));
        assertEquals(List.of(), PresentationSchema.errors(page, "annotationPage"), id + " p" + n);
        assertEquals(urls.textPage(3, id, n), page.get("id").asString());
        assertEquals("AnnotationPage", page.get("type").asString());
        List<OcrLine> lines = ocr.lines().stream().filter(l -> !l.text().isBlank()).toList();
        assertFalse(lines.isEmpty());
        assertEquals(lines.size(), page.get("items").size(), id + " p" + n);
        for (int k = 0; k < lines.size(); k++) {
          OcrLine line = lines.get(k);
          JsonNode a = page.get("items").get(k);
          assertEquals("Annotation", a.get("type").asString());
          assertEquals("supplementing", a.get("motivation").asString());
          assertEquals("TextualBody", a.at("/body/type").asString());
          assertEquals(line.text(), a.at("/body/value").asString());
          assertEquals("text/plain", a.at("/body/format").asString());
          assertEquals(
              r.languages().isEmpty() ? "" : r.languages().get(0),
              a.at("/body/language").asString(""));
          assertEquals(
              urls.canvas(3, id, n)
                  + "#xywh="
                  + line.x()
                  + ","
                  + line.y()
                  + ","
                  + line.w()
                  + ","
                  + line.h(),
              a.get("target").asString());
          assertTrue(
              a.get("id").asString().startsWith(urls.textPage(3, id, n) + "/l"),
              a.get("id").asString());
        }
        pages++;
      }
    }
    assertTrue(pages >= 30, "text pages checked: " + pages);
  }

  @Test
  void aLineAnnotationIsServedAloneAtItsId() throws Exception {
    JsonNode page = fetch(urls.textPage(3, ManifestTest.PAGED, 2));
    JsonNode first = page.get("items").get(0);
    JsonNode alone = fetch(first.get("id").asString());
    assertEquals(List.of(), PresentationSchema.errors(alone, "annotation"));
    assertEquals(first.get("target"), alone.get("target"));
    assertEquals(first.get("body"), alone.get("body"));
    assertEquals(404, server.get("/iiif/3/" + ManifestTest.PAGED + "/text/p2/l99999").statusCode());
    assertEquals(404, server.get("/iiif/3/" + ManifestTest.PAGED + "/text/p2/x1").statusCode());
  }

  @Test
  void aCanvasReferencesItsTextPageAndLinksItsAltoForTextOverlays() throws Exception {
    String id = ManifestTest.PAGED;
    JsonNode manifest = fetch(urls.manifest(3, id));
    assertEquals(List.of(), PresentationSchema.errors(manifest, "manifest"));
    Record r = catalog.record(id).orElseThrow();
    for (int n = 1; n <= r.pages().size(); n++) {
      JsonNode canvas = manifest.get("items").get(n - 1);
      Page page = r.pages().get(n - 1);
      assertTrue(page.hasOcr());
      JsonNode ref = canvas.get("annotations").get(0);
      assertEquals(urls.textPage(3, id, n), ref.get("id").asString());
      assertEquals("AnnotationPage", ref.get("type").asString());
      assertTrue(ref.get("items") == null, "referenced, not embedded");
      JsonNode seeAlso = canvas.get("seeAlso").get(0);
      assertEquals(urls.pageOcrFile(id, n), seeAlso.get("id").asString());
      assertEquals("Dataset", seeAlso.get("type").asString());
      assertEquals("application/xml+alto", seeAlso.get("format").asString());
      assertTrue(
          seeAlso.get("profile").asString().startsWith("http://www.loc.gov/standards/alto/"));
      // The canvas served alone says the same.
      JsonNode alone = fetch(urls.canvas(3, id, n));
      assertEquals(canvas.get("annotations"), alone.get("annotations"));
      assertEquals(canvas.get("seeAlso"), alone.get("seeAlso"));
    }
  }

  @Test
  void theManifestRendersEachPlainTextOfTheRecord() throws Exception {
    String id = ManifestTest.PAGED;
    Record r = catalog.record(id).orElseThrow();
    assertFalse(r.texts().isEmpty(), "the sample records have an English transcript");
    JsonNode rendering = fetch(urls.manifest(3, id)).get("rendering");
    assertEquals(r.texts().size(), rendering.size());
    for (int i = 0; i < r.texts().size(); i++) {
      TextRef t = r.texts().get(i);
      JsonNode text = rendering.get(i);
      assertEquals(urls.recordText(id, t.kind(), t.language()), text.get("id").asString());
      assertEquals("Text", text.get("type").asString());
      assertEquals("text/plain", text.get("format").asString());
      assertEquals(t.language(), text.at("/language/0").asString());
      assertTrue(text.at("/label/en/0").asString().contains("English"), text.toString());
    }
    JsonNode v2 = fetch(urls.manifest(2, id)).get("rendering");
    assertEquals(r.texts().size(), v2.size());
    assertEquals(
        urls.recordText(id, r.texts().get(0).kind(), r.texts().get(0).language()),
        v2.at("/0/@id").asString());
    assertEquals("text/plain", v2.at("/0/format").asString());
  }

  @Test
  void presentation2CarriesTheLinesAsOtherContent() throws Exception {
    String id = ManifestTest.PAGED;
    JsonNode manifest = fetch(urls.manifest(2, id));
    JsonNode canvases = manifest.at("/sequences/0/canvases");
    for (int n = 1; n <= canvases.size(); n++) {
      JsonNode canvas = canvases.get(n - 1);
      JsonNode ref = canvas.get("otherContent").get(0);
      assertEquals(urls.textPage(2, id, n), ref.get("@id").asString());
      assertEquals("sc:AnnotationList", ref.get("@type").asString());
      assertEquals(urls.pageOcrFile(id, n), canvas.at("/seeAlso/0/@id").asString());
      assertEquals("application/xml+alto", canvas.at("/seeAlso/0/format").asString());
      JsonNode list = fetch(ref.get("@id").asString());
      assertEquals(
          "http://iiif.io/api/presentation/2/context.json", list.get("@context").asString());
      assertEquals(ref.get("@id"), list.get("@id"));
      List<OcrLine> lines =
          catalog.pageOcr(id, n).orElseThrow().lines().stream()
              .filter(l -> !l.text().isBlank())
              .toList();
      JsonNode resources = list.get("resources");
      assertEquals(lines.size(), resources.size());
      for (int k = 0; k < lines.size(); k++) {
        OcrLine line = lines.get(k);
        JsonNode a = resources.get(k);
        assertEquals("oa:Annotation", a.get("@type").asString());
        assertEquals("sc:painting", a.get("motivation").asString());
        assertEquals("cnt:ContentAsText", a.at("/resource/@type").asString());
        assertEquals(line.text(), a.at("/resource/chars").asString());
        assertEquals(
            canvas.get("@id").asString()
                + "#xywh="
                + line.x()
                + ","
                + line.y()
                + ","
                + line.w()
                + ","
                + line.h(),
            a.get("on").asString());
      }
    }
  }

  @Test
  void theOcrFileIsTheImportedAltoByteForByte() throws Exception {
    String id = ManifestTest.PAGED;
    Page page = catalog.record(id).orElseThrow().pages().get(0);
    String path = urls.pageOcrFile(id, 1).substring(server.baseUrl().length());
    HttpResponse<byte[]> response = server.getBytes(path);
    assertEquals(200, response.statusCode());
    assertArrayEquals(Files.readAllBytes(server.dataDir().resolve(page.ocr())), response.body());
    assertEquals("application/xml", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(List.of("*"), response.headers().allValues("Access-Control-Allow-Origin"));
    assertTrue(
        response
            .headers()
            .firstValue("Cache-Control")
            .orElseThrow()
            .startsWith("public, max-age="));
    assertTrue(response.headers().firstValue("Last-Modified").isPresent());
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, server.getBytes(path, "If-None-Match", etag).statusCode());
  }

  @Test
  void aPageWithoutAnOcrFileOrOutsideTheDataDirectoryHasNone() throws Exception {
    Record odd = catalog.record(ODD).orElseThrow();
    assertEquals(
        "../../../../etc/passwd", odd.pages().get(0).ocr(), "the catalog keeps the path as given");
    for (int n = 1; n <= 3; n++) {
      HttpResponse<String> response = server.get("/iiif/3/" + ODD + "/ocr/p" + n);
      assertEquals(404, response.statusCode(), "p" + n);
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
      assertFalse(response.body().contains("root:"), response.body());
    }
    assertEquals(404, server.get("/iiif/3/" + ODD + "/ocr/p4").statusCode());
    HttpResponse<String> linked = server.get("/iiif/3/" + LINKED + "/ocr/p1");
    assertEquals(404, linked.statusCode(), "a link out of the data directory is not followed");
    assertFalse(linked.body().contains("secret"));
    assertEquals(404, server.get("/iiif/3/" + ODD + "/ocr/..%2F..%2Fetc%2Fpasswd").statusCode());
    JsonNode manifest = fetch(urls.manifest(3, ODD));
    assertEquals(List.of(), PresentationSchema.errors(manifest, "manifest"));
    // Page 1's file is refused when served, but the catalog says it has one: it is linked.
    assertTrue(manifest.at("/items/0/seeAlso").isArray());
    assertTrue(manifest.at("/items/1/seeAlso").isMissingNode(), "a page without OCR links no file");
    assertTrue(
        manifest.at("/items/1/annotations").isMissingNode(), "a page without OCR has no text page");
    assertTrue(manifest.at("/items/2/seeAlso").isMissingNode(), "plain OCR has no file");
    assertTrue(manifest.at("/items/0/rendering").isMissingNode());
    assertTrue(manifest.get("rendering") == null, "a record without texts renders none");
    assertEquals(404, server.get("/iiif/3/" + ODD + "/text/p2").statusCode());
    assertEquals(404, server.get("/iiif/2/" + ODD + "/text/p2").statusCode());
    assertEquals(404, server.get("/iiif/3/" + ODD + "/text/p4").statusCode());
  }

  @Test
  void plainOcrIsOneAnnotationOnTheWholeCanvas() throws Exception {
    JsonNode page = fetch(urls.textPage(3, ODD, 3));
    assertEquals(List.of(), PresentationSchema.errors(page, "annotationPage"));
    assertEquals(1, page.get("items").size());
    JsonNode a = page.at("/items/0");
    assertEquals(urls.canvas(3, ODD, 3), a.get("target").asString());
    assertEquals("Plain words\nhere", a.at("/body/value").asString());
    assertEquals("ru", a.at("/body/language").asString());
    JsonNode list = fetch(urls.textPage(2, ODD, 3));
    assertEquals(urls.canvas(2, ODD, 3), list.at("/resources/0/on").asString());
  }

  @Test
  void textPagesCarryValidatorsAndAnswer304() throws Exception {
    String path = "/iiif/3/" + ManifestTest.PAGED + "/text/p1";
    HttpResponse<String> response = server.get(path);
    assertEquals(200, response.statusCode());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/ld+json"));
    assertTrue(
        response
            .headers()
            .firstValue("Cache-Control")
            .orElseThrow()
            .startsWith("public, max-age="));
    assertTrue(response.headers().firstValue("Last-Modified").isPresent());
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, server.get(path, "If-None-Match", etag).statusCode());
    String v2 =
        server
            .get("/iiif/2/" + ManifestTest.PAGED + "/text/p1")
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    assertFalse(v2.equals(etag), "the 2.1 list is another representation");
  }

  @Test
  void aDeletedRecordsTextAndOcrAreGone() throws Exception {
    String id = "1950-05-30-cable-shtykov-vyshinsky-politburo";
    List<String> paths =
        new ArrayList<>(
            List.of(
                "/iiif/3/" + id + "/text/p1",
                "/iiif/2/" + id + "/text/p1",
                "/iiif/3/" + id + "/text/p1/l1",
                "/iiif/3/" + id + "/ocr/p1"));
    for (String path : paths) {
      assertEquals(200, server.get(path).statusCode(), path);
    }
    try (CatalogWriter writer = catalog.writer()) {
      writer.delete(id);
      writer.commit();
    }
    for (String path : paths) {
      HttpResponse<String> response = server.get(path);
      assertEquals(410, response.statusCode(), path);
      PresentationHttpTest.assertCors(response);
    }
  }
}
