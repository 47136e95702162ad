package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V2;

import java.util.List;
import org.dossier.access.AccessControl;
import org.dossier.access.AuthServices;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record as a Presentation 2.1 {@code sc:Manifest} (2.1 §5.1) for viewers that predate 3.0: one
 * {@code sc:Sequence} of {@code sc:Canvas}es, each with one {@code sc:painting} annotation whose
 * resource is the page image with its Image API service, and for a page with OCR its text as an
 * {@code otherContent} annotation list. Plain strings where 3.0 has language maps.
 */
final class ManifestV2 {
  private final Urls urls;
  private final Archive archive;
  private final TextLayer text;

  ManifestV2(Archive archive) {
    this.urls = archive.urls();
    this.archive = archive;
    this.text = new TextLayer(urls);
  }

  ObjectNode manifest(Record r, List<ArchiveCollection> collections) {
    ObjectNode m = document();
    m.put("@id", urls.manifest(V2.number(), r.id()));
    m.put("@type", "sc:Manifest");
    m.put("label", r.title());
    if (r.summary() != null) {
      m.put("description", r.summary());
    }
    ArrayNode metadata = m.putArray("metadata");
    for (Archive.Entry e : archive.metadata(r, collections)) {
      ObjectNode pair = metadata.addObject();
      pair.put("label", e.label());
      pair.put("value", String.join("; ", e.values()));
    }
    if (r.date() != null) {
      m.put("navDate", NavDate.of(r.date()));
    }
    m.put("attribution", archive.attribution(r));
    RightsUri.of(r.rights()).ifPresent(rights -> m.put("license", rights));
    m.put("logo", urls.logo());
    ObjectNode related = m.putObject("related");
    related.put("@id", urls.recordPage(r.id()));
    related.put("format", "text/html");
    ArrayNode seeAlso = m.putArray("seeAlso");
    seeAlso.add(
        linked(
            archive.dublinCore(r.id()),
            "application/xml",
            "http://www.openarchives.org/OAI/2.0/oai_dc/"));
    seeAlso.add(linked(archive.turtle(r.id()), "text/turtle", "http://purl.org/dc/terms/"));
    seeAlso.add(linked(archive.edm(r.id()), "application/rdf+xml", Archive.EDM_PROFILE));
    if (!r.texts().isEmpty()) {
      m.set("rendering", text.renderingsV2(r));
    }
    if (r.hasOcr() || !r.texts().isEmpty()) {
      m.set("service", SearchServices.presentation2(urls, r.id()));
    }
    if (!collections.isEmpty()) {
      ArrayNode within = m.putArray("within");
      collections.forEach(c -> within.add(urls.collection(V2.number(), c.id())));
    }
    if (r.access().showsImages()) {
      m.set("thumbnail", image(r, 1).thumbnailV2());
    }
    if (r.pages().size() > 1 && r.access().showsImages()) {
      m.put("viewingHint", "paged");
    }
    ObjectNode sequence = m.putArray("sequences").addObject();
    sequence.put("@id", urls.sequence(r.id()));
    sequence.put("@type", "sc:Sequence");
    sequence.put("label", "Page order");
    sequence.put("startCanvas", urls.canvas(V2.number(), r.id(), 1));
    ArrayNode canvases = sequence.putArray("canvases");
    if (!r.access().showsImages()) {
      Page first = r.pages().get(0);
      ObjectNode placeholder = canvases.addObject();
      placeholder.put("@id", urls.canvas(V2.number(), r.id(), 1));
      placeholder.put("@type", "sc:Canvas");
      placeholder.put("label", Placeholder.LABEL);
      placeholder.put("width", first.width());
      placeholder.put("height", first.height());
      placeholder.putArray("images");
      return m;
    }
    for (int n = 1; n <= r.pages().size(); n++) {
      canvases.add(canvas(r, n));
    }
    return m;
  }

  private ObjectNode canvas(Record r, int n) {
    Page page = r.pages().get(n - 1);
    String canvasId = urls.canvas(V2.number(), r.id(), n);
    ObjectNode canvas = RecordJson.MAPPER.createObjectNode();
    canvas.put("@id", canvasId);
    canvas.put("@type", "sc:Canvas");
    String label = page.label() == null ? "Page " + n : page.label();
    canvas.put("label", label);
    canvas.put("width", page.width());
    canvas.put("height", page.height());
    canvas.set("thumbnail", image(r, n).thumbnailV2());
    ObjectNode annotation = canvas.putArray("images").addObject();
    annotation.put("@id", urls.paintingAnnotation(V2.number(), r.id(), n));
    annotation.put("@type", "oa:Annotation");
    annotation.put("motivation", "sc:painting");
    ObjectNode resource = image(r, n).fullV2();
    if (AccessControl.controlled(r)) {
      // IIIF Authentication 1.0 (of the Presentation 2.1 era): the image service names the login
      // service, as its info.json does.
      ((ObjectNode) resource.get("service")).set("service", AuthServices.login1(urls));
    }
    annotation.set("resource", resource);
    annotation.put("on", canvasId);
    if (TextLayer.hasFile(page)) {
      canvas.putArray("seeAlso").add(text.fileV2(r, n, page));
    }
    if (TextLayer.hasText(page)) {
      canvas.putArray("otherContent").add(text.listReferenceV2(r, n, label));
    }
    return canvas;
  }

  /** How a 2.1 collection lists the manifest. */
  ObjectNode reference(Record r) {
    ObjectNode ref = RecordJson.MAPPER.createObjectNode();
    ref.put("@id", urls.manifest(V2.number(), r.id()));
    ref.put("@type", "sc:Manifest");
    ref.put("label", r.title());
    if (r.date() != null) {
      ref.put("navDate", NavDate.of(r.date()));
    }
    if (!r.pages().isEmpty() && r.access().showsImages()) {
      ref.set("thumbnail", image(r, 1).thumbnailV2());
    }
    return ref;
  }

  private PageImage image(Record r, int n) {
    return PageImage.of(urls, r.id(), n, r.pages().get(n - 1), 2);
  }

  private static ObjectNode linked(String id, String format, String profile) {
    ObjectNode node = RecordJson.MAPPER.createObjectNode();
    node.put("@id", id);
    node.put("format", format);
    node.put("profile", profile);
    return node;
  }

  static ObjectNode document() {
    ObjectNode node = RecordJson.MAPPER.createObjectNode();
    node.put("@context", V2.context());
    return node;
  }
}
