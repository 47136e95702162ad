package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V2;
import static org.dossier.iiif.presentation.PresentationVersion.V3;

import java.util.List;
import java.util.Locale;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.Page;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.RecordText;
import org.dossier.catalog.TextRef;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text of a record in its Presentation documents. A page's OCR becomes one annotation per line
 * whose target is the line's box on the canvas: {@code supplementing} with a {@code TextualBody} in
 * 3.0 (§3.3, "supplementing": content derived from the canvas, such as its transcription), an
 * {@code sc:AnnotationList} of {@code cnt:ContentAsText} in 2.1 (§5.4, "otherContent"). The page's
 * ALTO or hOCR file is linked from the canvas's {@code seeAlso} with the {@code format} and {@code
 * profile} that text-overlay plugins (mirador-textoverlay) look for; the record's plain texts are
 * its {@code rendering}s.
 */
final class TextLayer {
  /** The formats text-overlay viewers recognise an OCR file by; not registered media types. */
  static final String ALTO_FORMAT = "application/xml+alto";

  static final String HOCR_FORMAT = "text/vnd.hocr+html";

  /**
   * The ALTO standard's home, which every version's schema sits under; the catalog keeps no
   * version, and viewers match the profile by this prefix.
   */
  static final String ALTO_PROFILE = "http://www.loc.gov/standards/alto/";

  static final String HOCR_PROFILE = "https://github.com/kba/hocr-spec/blob/master/hocr-spec.md";

  private final Urls urls;

  TextLayer(Urls urls) {
    this.urls = urls;
  }

  /** True when the page has a text page: OCR with boxes, or plain OCR with some text. */
  static boolean hasText(Page page) {
    return page.hasOcr();
  }

  /**
   * True when the page's OCR came as an ALTO or hOCR file that can be served as it was imported.
   */
  static boolean hasFile(Page page) {
    return page.ocr() != null
        && (PageOcr.ALTO.equals(page.ocrFormat()) || PageOcr.HOCR.equals(page.ocrFormat()));
  }

  static String fileFormat(String ocrFormat) {
    return PageOcr.HOCR.equals(ocrFormat) ? HOCR_FORMAT : ALTO_FORMAT;
  }

  /** The language of the record's text, a BCP 47 tag (ISO 639 codes are), or null when unknown. */
  static String language(Record r) {
    return r.languages().isEmpty() ? null : r.languages().get(0);
  }

  // ---- Presentation 3.0 ----

  /** The canvas's {@code annotations}: a reference to its text page. */
  ObjectNode pageReferenceV3(Record r, int n, String canvasLabel) {
    ObjectNode ref = RecordJson.MAPPER.createObjectNode();
    ref.put("id", urls.textPage(V3.number(), r.id(), n));
    ref.put("type", "AnnotationPage");
    ref.set("label", LanguageMap.of("Text of " + canvasLabel));
    return ref;
  }

  /** The canvas's {@code seeAlso} entry for its OCR file. */
  ObjectNode fileV3(Record r, int n, Page page) {
    ObjectNode d = RecordJson.MAPPER.createObjectNode();
    d.put("id", urls.pageOcrFile(r.id(), n));
    d.put("type", "Dataset");
    d.set(
        "label",
        LanguageMap.of(
            (PageOcr.HOCR.equals(page.ocrFormat()) ? "hOCR" : "ALTO") + " OCR of this page"));
    d.put("format", fileFormat(page.ocrFormat()));
    d.put("profile", PageOcr.HOCR.equals(page.ocrFormat()) ? HOCR_PROFILE : ALTO_PROFILE);
    return d;
  }

  /** The manifest's {@code rendering}: each plain text of the record as {@code text/plain}. */
  ArrayNode renderingsV3(Record r) {
    ArrayNode renderings = RecordJson.MAPPER.createArrayNode();
    for (TextRef t : r.texts()) {
      ObjectNode text = renderings.addObject();
      text.put("id", urls.recordText(r.id(), t.kind(), t.language()));
      text.put("type", "Text");
      text.set("label", LanguageMap.of(textLabel(t)));
      text.put("format", "text/plain");
      text.putArray("language").add(t.language());
    }
    return renderings;
  }

  /** The text page of page {@code n}: one {@code supplementing} annotation per line. */
  ObjectNode pageV3(Record r, int n, PageOcr ocr) {
    ObjectNode page = ManifestV3.document();
    page.put("id", urls.textPage(V3.number(), r.id(), n));
    page.put("type", "AnnotationPage");
    ArrayNode items = page.putArray("items");
    forEachLine(
        r, n, ocr, (k, text, target) -> items.add(annotationV3(r, n, k, text, target, false)));
    return page;
  }

  /** Line {@code k} of page {@code n} alone, or null when there is no such line. */
  ObjectNode annotationV3(Record r, int n, PageOcr ocr, int k) {
    ObjectNode[] found = new ObjectNode[1];
    forEachLine(
        r,
        n,
        ocr,
        (line, text, target) -> {
          if (line == k) {
            found[0] = annotationV3(r, n, line, text, target, true);
          }
        });
    return found[0];
  }

  private ObjectNode annotationV3(
      Record r, int n, int k, String text, String target, boolean standalone) {
    ObjectNode a = standalone ? ManifestV3.document() : RecordJson.MAPPER.createObjectNode();
    a.put("id", urls.textAnnotation(V3.number(), r.id(), n, k));
    a.put("type", "Annotation");
    a.put("motivation", "supplementing");
    ObjectNode body = a.putObject("body");
    body.put("type", "TextualBody");
    body.put("value", text);
    body.put("format", "text/plain");
    String language = language(r);
    if (language != null) {
      body.put("language", language);
    }
    a.put("target", target);
    return a;
  }

  // ---- Presentation 2.1 ----

  ObjectNode listReferenceV2(Record r, int n, String canvasLabel) {
    ObjectNode ref = RecordJson.MAPPER.createObjectNode();
    ref.put("@id", urls.textPage(V2.number(), r.id(), n));
    ref.put("@type", "sc:AnnotationList");
    ref.put("label", "Text of " + canvasLabel);
    return ref;
  }

  ObjectNode fileV2(Record r, int n, Page page) {
    ObjectNode d = RecordJson.MAPPER.createObjectNode();
    d.put("@id", urls.pageOcrFile(r.id(), n));
    d.put("format", fileFormat(page.ocrFormat()));
    d.put("profile", PageOcr.HOCR.equals(page.ocrFormat()) ? HOCR_PROFILE : ALTO_PROFILE);
    d.put("label", (PageOcr.HOCR.equals(page.ocrFormat()) ? "hOCR" : "ALTO") + " OCR of this page");
    return d;
  }

  ArrayNode renderingsV2(Record r) {
    ArrayNode renderings = RecordJson.MAPPER.createArrayNode();
    for (TextRef t : r.texts()) {
      ObjectNode text = renderings.addObject();
      text.put("@id", urls.recordText(r.id(), t.kind(), t.language()));
      text.put("label", textLabel(t));
      text.put("format", "text/plain");
    }
    return renderings;
  }

  /**
   * The 2.1 annotation list of page {@code n}: one {@code sc:painting} text annotation per line.
   */
  ObjectNode listV2(Record r, int n, PageOcr ocr) {
    ObjectNode list = ManifestV2.document();
    list.put("@id", urls.textPage(V2.number(), r.id(), n));
    list.put("@type", "sc:AnnotationList");
    ArrayNode resources = list.putArray("resources");
    String language = language(r);
    forEachLine(
        r,
        n,
        ocr,
        V2,
        (k, text, target) -> {
          ObjectNode a = resources.addObject();
          a.put("@id", urls.textAnnotation(V2.number(), r.id(), n, k));
          a.put("@type", "oa:Annotation");
          a.put("motivation", "sc:painting");
          ObjectNode resource = a.putObject("resource");
          resource.put("@type", "cnt:ContentAsText");
          resource.put("chars", text);
          resource.put("format", "text/plain");
          if (language != null) {
            resource.put("language", language);
          }
          a.put("on", target);
        });
    return list;
  }

  // ---- lines ----

  private interface LineVisitor {
    void line(int number, String text, String target);
  }

  private void forEachLine(Record r, int n, PageOcr ocr, LineVisitor visitor) {
    forEachLine(r, n, ocr, V3, visitor);
  }

  /**
   * The page's lines with their targets. A line is numbered by its place in the OCR (from 1), so
   * its id stays put when a line before it is empty and skipped. Plain OCR has no positions: its
   * whole text is one annotation on the whole canvas, which says no more than is known.
   */
  private void forEachLine(
      Record r, int n, PageOcr ocr, PresentationVersion v, LineVisitor visitor) {
    String canvas = urls.canvas(v.number(), r.id(), n);
    if (!ocr.hasBoxes()) {
      String text = ocr.text();
      if (!text.isBlank()) {
        visitor.line(1, text, canvas);
      }
      return;
    }
    Page page = r.pages().get(n - 1);
    List<OcrLine> lines = ocr.lines();
    for (int k = 0; k < lines.size(); k++) {
      OcrLine line = lines.get(k);
      String text = line.text();
      if (text.isBlank()) {
        continue;
      }
      visitor.line(k + 1, text, canvas + "#xywh=" + xywh(line, page));
    }
  }

  /**
   * The line's box as a media fragment (Media Fragments URI 1.0 §4.2.2): inside the canvas, and at
   * least one pixel wide and high, since the fragment's width and height must be positive.
   */
  private static String xywh(OcrLine line, Page page) {
    int x = Math.max(0, Math.min(line.x(), page.width() - 1));
    int y = Math.max(0, Math.min(line.y(), page.height() - 1));
    int w = Math.max(1, Math.min(line.w(), page.width() - x));
    int h = Math.max(1, Math.min(line.h(), page.height() - y));
    return x + "," + y + "," + w + "," + h;
  }

  private static String textLabel(TextRef t) {
    String kind =
        switch (t.kind()) {
          case RecordText.TRANSCRIPT -> "Transcript";
          case RecordText.TRANSLATION -> "Translation";
          default -> "OCR text";
        };
    String name = Locale.forLanguageTag(t.language()).getDisplayLanguage(Locale.ENGLISH);
    return kind + " (" + (name.isEmpty() ? t.language() : name) + ")";
  }
}
