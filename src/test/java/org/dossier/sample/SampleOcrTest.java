package org.dossier.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.Page;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.config.Settings;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.OcrReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The sample scans' OCR: the ALTO the renderer writes puts every word where the scan has its ink,
 * and the sample archive loads with it and with the typed text as transcript.
 */
class SampleOcrTest {

  private static final String ID = "1950-04-conversation-stalin-kim-il-sung";
  private static final String DATE = "1950-04";
  private static final String TITLE =
      "Record of a Conversation of Cde. Stalin with Kim Il Sung and Pak Heon-yeong";
  private static final String SUMMARY =
      ("Kim Il Sung and Stalin discuss the North Korean economy and Soviet-North Korean "
              + "cooperation. Stalin asks about the state of the army and the railways. ")
          .repeat(12);

  @TempDir Path dir;

  /**
   * Ink: the typed characters (dark grey at 185-255 alpha); paper, specks, shadow and the red stamp
   * stay lighter.
   */
  private static boolean dark(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return 0.299 * r + 0.587 * g + 0.114 * b < 110;
  }

  @Test
  void everyAltoWordLiesOnItsInkAndNoInkLiesOutsideTheWords() throws Exception {
    int pages = 2;
    for (int page = 1; page <= pages; page++) {
      BufferedImage scan =
          ImageIO.read(
              new ByteArrayInputStream(ScanRenderer.render(ID, DATE, TITLE, SUMMARY, page, pages)));
      ScanRenderer.Layout layout = ScanRenderer.layout(ID, DATE, TITLE, SUMMARY, page, pages);
      Path file = dir.resolve("page-" + page + ".xml");
      Files.write(
          file, ScanRenderer.alto(ID, DATE, TITLE, SUMMARY, page, pages, "page-" + page + ".jpg"));
      // The file is read back by the importer's own ALTO reader, as the catalog gets it.
      PageOcr ocr =
          OcrReader.read(file, "ocr/x.xml", page, ScanRenderer.WIDTH, ScanRenderer.HEIGHT);
      assertEquals(ScanRenderer.ocr(ID, DATE, TITLE, SUMMARY, page, pages), ocr.lines());
      assertEquals(
          ScanRenderer.text(ID, DATE, TITLE, SUMMARY, page, pages),
          ocr.text(),
          "the OCR reads as the typed text");
      assertTrue(ocr.wordCount() > 50, "page " + page + " has " + ocr.wordCount() + " words");

      // Where ink may be besides words: the heading underlines and the footer.
      List<Rectangle> allowed = new ArrayList<>();
      for (int l = 0; l < ocr.lines().size(); l++) {
        ScanRenderer.TypedLine typed = layout.lines().get(l);
        if (typed.heading()) {
          OcrLine line = ocr.lines().get(l);
          Rectangle2D underline =
              new Rectangle2D.Double(typed.x() - 3, typed.y() + 6, line.w() + 40, 10);
          allowed.add(layout.tilt().createTransformedShape(underline).getBounds());
        }
      }
      allowed.add(new Rectangle(0, ScanRenderer.HEIGHT - 260, ScanRenderer.WIDTH, 260));
      for (OcrLine line : ocr.lines()) {
        for (OcrWord w : line.words()) {
          allowed.add(new Rectangle(w.x() - 3, w.y() - 3, w.w() + 6, w.h() + 6));
        }
      }

      int checked = 0;
      for (int l = 0; l < ocr.lines().size(); l++) {
        boolean heading = layout.lines().get(l).heading();
        for (OcrWord w : ocr.lines().get(l).words()) {
          // The ink near the word, in its box widened by 6 pixels.
          int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1, inside = 0;
          for (int y = w.y() - 6; y < w.y() + w.h() + 6; y++) {
            for (int x = w.x() - 6; x < w.x() + w.w() + 6; x++) {
              if (dark(scan.getRGB(x, y))) {
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
                if (x >= w.x() && x < w.x() + w.w() && y >= w.y() && y < w.y() + w.h()) {
                  inside++;
                }
              }
            }
          }
          String what =
              "page " + page + ", '" + w.text() + "' at " + w.x() + "," + w.y() + " " + w.w() + "x"
                  + w.h();
          assertTrue(
              inside >= w.text().length() * 10, what + ": only " + inside + " dark pixels inside");
          if (!heading) {
            // The box is tight: the ink reaches within 4 pixels of every edge and not beyond 2.
            assertTrue(minX >= w.x() - 2 && minX <= w.x() + 4, what + ": ink starts at x " + minX);
            assertTrue(
                maxX <= w.x() + w.w() + 1 && maxX >= w.x() + w.w() - 5,
                what + ": ink ends at x " + maxX);
            assertTrue(minY >= w.y() - 2 && minY <= w.y() + 4, what + ": ink starts at y " + minY);
            assertTrue(
                maxY <= w.y() + w.h() + 1 && maxY >= w.y() + w.h() - 5,
                what + ": ink ends at y " + maxY);
          }
          checked++;
        }
      }
      assertEquals(ocr.wordCount(), checked);

      // Typed strokes are several pixels wide: a 3x3 patch of ink outside every word would be a
      // character the OCR misses. (Single dark pixels occur where dust specks overlap the stamp.)
      int stray = 0;
      String first = null;
      for (int y = 1; y < scan.getHeight() - 1; y++) {
        for (int x = 1; x < scan.getWidth() - 1; x++) {
          if (inkPatch(scan, x, y) && !contains(allowed, x, y)) {
            stray++;
            first = first == null ? x + "," + y : first;
          }
        }
      }
      assertEquals(0, stray, "page " + page + ": ink outside every word, first at " + first);
    }
  }

  private static boolean inkPatch(BufferedImage scan, int x, int y) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        if (!dark(scan.getRGB(x + dx, y + dy))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean contains(List<Rectangle> rectangles, int x, int y) {
    for (Rectangle r : rectangles) {
      if (r.contains(x, y)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theAltoFileIsAltoV4InTheScansPixelsWithUniqueIds() throws Exception {
    byte[] alto = ScanRenderer.alto(ID, DATE, TITLE, SUMMARY, 1, 2, "page-1.jpg");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(alto));
    XPath xpath = XPathFactory.newInstance().newXPath();
    xpath.setNamespaceContext(
        new NamespaceContext() {
          @Override
          public String getNamespaceURI(String prefix) {
            return "a".equals(prefix) ? "http://www.loc.gov/standards/alto/ns-v4#" : null;
          }

          @Override
          public String getPrefix(String uri) {
            return null;
          }

          @Override
          public java.util.Iterator<String> getPrefixes(String uri) {
            return null;
          }
        });
    assertEquals("pixel", xpath.evaluate("/a:alto/a:Description/a:MeasurementUnit", doc));
    assertEquals(
        "page-1.jpg",
        xpath.evaluate("/a:alto/a:Description/a:sourceImageInformation/a:fileName", doc));
    assertEquals("2480", xpath.evaluate("/a:alto/a:Layout/a:Page/@WIDTH", doc));
    assertEquals("3508", xpath.evaluate("/a:alto/a:Layout/a:Page/@HEIGHT", doc));
    assertEquals("1", xpath.evaluate("/a:alto/a:Layout/a:Page/@PHYSICAL_IMG_NR", doc));
    assertEquals(1.0, xpath.evaluate("count(/a:alto/a:Layout/a:Page)", doc, XPathConstants.NUMBER));
    // Every positioned element has its four coordinates; every String its CONTENT.
    for (String element : List.of("PrintSpace", "TextBlock", "TextLine", "String")) {
      NodeList nodes = (NodeList) xpath.evaluate("//a:" + element, doc, XPathConstants.NODESET);
      assertTrue(nodes.getLength() > 0, element);
      for (int i = 0; i < nodes.getLength(); i++) {
        Element e = (Element) nodes.item(i);
        for (String attribute : List.of("HPOS", "VPOS", "WIDTH", "HEIGHT")) {
          assertTrue(
              e.getAttribute(attribute).matches("\\d+"), element + " " + i + " " + attribute);
        }
      }
    }
    assertEquals(
        0.0,
        xpath.evaluate(
            "count(//a:String[not(@CONTENT) or @CONTENT=''])", doc, XPathConstants.NUMBER));
    assertEquals(
        0.0,
        xpath.evaluate(
            "count(//a:TextBlock[not(a:TextLine)]|//a:TextLine[not(a:String)])",
            doc,
            XPathConstants.NUMBER));
    // SPs only between two Strings, as ALTO's content model has them.
    assertEquals(
        0.0,
        xpath.evaluate(
            "count(//a:SP[not(preceding-sibling::*[1][self::a:String]) or not(following-sibling::*[1][self::a:String])])",
            doc,
            XPathConstants.NUMBER));
    NodeList ids = (NodeList) xpath.evaluate("//@ID", doc, XPathConstants.NODESET);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.getLength(); i++) {
      String id = ids.item(i).getNodeValue();
      assertTrue(id.matches("[A-Za-z_][A-Za-z0-9_.-]*") && seen.add(id), "ID " + id);
    }
  }

  @Test
  void theSampleArchiveLoadsWithEachPagesAltoAndItsTypedTextAsTranscript() throws Exception {
    Path data = dir.resolve("data");
    Settings settings = Settings.load(null, Map.of(), Map.of("data.dir", data.toString()));
    try (Catalog catalog = Catalog.openSqlite(data, 2)) {
      ImportReport report = SampleArchive.load(catalog, settings);
      assertTrue(report.ok(), report.problems().toString());
      List<String> ids = catalog.recordIdsWithImagesUnder(SampleArchive.IMAGE_PREFIX);
      assertFalse(ids.isEmpty());
      Map<String, List<PageOcr>> ocr = catalog.pageOcrs(ids);
      Map<String, List<RecordText>> texts = catalog.texts(ids);
      for (Record r : catalog.records(ids)) {
        assertEquals(r.pages().size(), ocr.get(r.id()).size(), r.id());
        StringBuilder typed = new StringBuilder();
        for (int n = 1; n <= r.pages().size(); n++) {
          Page p = r.pages().get(n - 1);
          PageOcr page = ocr.get(r.id()).get(n - 1);
          assertEquals("alto", p.ocrFormat());
          assertEquals(p.ocr(), page.source());
          assertTrue(Files.isRegularFile(data.resolve(page.source())), page.source());
          assertEquals(
              ScanRenderer.ocr(
                  r.id(),
                  r.date() == null ? null : r.date().toString(),
                  r.title(),
                  r.summary(),
                  n,
                  r.pages().size()),
              page.lines());
          typed.append(n > 1 ? "\n\n" : "").append(page.text());
        }
        assertEquals(
            List.of(new RecordText("transcript", "en", typed.toString())),
            texts.get(r.id()),
            "the transcript is the text on the scans");
        assertTrue(typed.toString().contains(r.title().split(" ")[0]));
      }
      // Loading again writes the same files and finds every record unchanged.
      ImportReport again = SampleArchive.load(catalog, settings);
      assertEquals(ids.size(), again.unchanged());
    }
  }

  @Test
  void theItemsAndOcrMadeWhenTheJarWasBuiltAreWhatTheArchiveComputes() throws Exception {
    List<tools.jackson.databind.node.ObjectNode> built = SampleArchive.builtItems();
    assertTrue(built != null, "the build made the sample items (pom.xml, process-classes)");
    Path computedOcr = dir.resolve("computed");
    assertEquals(SampleArchive.computedItems(computedOcr), built);
    Path copiedOcr = dir.resolve("copied");
    assertEquals(built, SampleArchive.items(copiedOcr));
    int files = 0;
    for (tools.jackson.databind.node.ObjectNode item : built) {
      for (tools.jackson.databind.JsonNode page : item.path("pages")) {
        String inStore = page.get("ocr").asString().substring("ocr/".length());
        byte[] computed = Files.readAllBytes(computedOcr.resolve(inStore));
        assertTrue(
            java.util.Arrays.equals(computed, Files.readAllBytes(copiedOcr.resolve(inStore))),
            inStore);
        files++;
      }
    }
    assertTrue(files > built.size() / 2, "the pages have their ALTO: " + files);
  }
}
