package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V3;

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
 * A record as a Presentation 3.0 Manifest (§5.3): descriptive and linking properties, then one
 * Canvas per page scan, each painted by a single Image with its Image API service. The Canvas, its
 * AnnotationPage and its Annotation are also served on their own at their ids. A page with OCR
 * links its text page and its OCR file (see {@link TextLayer}).
 */
final class ManifestV3 {
  private final Urls urls;
  private final Archive archive;
  private final TextLayer text;

  ManifestV3(Archive archive) {
    this.urls = archive.urls();
    this.archive = archive;
    this.text = new TextLayer(urls);
  }

  ObjectNode manifest(Record r, List<ArchiveCollection> collections) {
    ObjectNode m = document(r);
    m.put("id", urls.manifest(V3.number(), r.id()));
    m.put("type", "Manifest");
    m.set("label", LanguageMap.of(r.title()));
    if (r.summary() != null) {
      m.set("summary", LanguageMap.of(r.summary()));
    }
    ArrayNode metadata = m.putArray("metadata");
    archive
        .metadata(r, collections)
        .forEach(e -> metadata.add(LanguageMap.pair(e.label(), e.values())));
    if (r.date() != null) {
      m.put("navDate", NavDate.of(r.date()));
    }
    m.set("requiredStatement", LanguageMap.pair("Attribution", List.of(archive.attribution(r))));
    RightsUri.of(r.rights()).ifPresent(rights -> m.put("rights", rights));
    m.putArray("provider").add(archive.providerV3());
    m.putArray("homepage").add(Archive.homepageV3(urls.recordPage(r.id()), r.title()));
    ArrayNode seeAlso = m.putArray("seeAlso");
    seeAlso.add(
        dataset(
            archive.dublinCore(r.id()),
            "Dublin Core description (OAI-PMH)",
            "application/xml",
            "http://www.openarchives.org/OAI/2.0/oai_dc/"));
    seeAlso.add(
        dataset(
            archive.turtle(r.id()),
            "RDF description (Turtle)",
            "text/turtle",
            "http://purl.org/dc/terms/"));
    seeAlso.add(
        dataset(
            archive.edm(r.id()),
            "Europeana Data Model description (OAI-PMH)",
            "application/rdf+xml",
            Archive.EDM_PROFILE));
    if (!r.texts().isEmpty()) {
      m.set("rendering", text.renderingsV3(r));
    }
    if (r.hasOcr() || !r.texts().isEmpty()) {
      m.set("service", SearchServices.presentation3(urls, r.id()));
    }
    ArrayNode partOf = m.putArray("partOf");
    for (ArchiveCollection c : collections) {
      ObjectNode ref = partOf.addObject();
      ref.put("id", urls.collection(V3.number(), c.id()));
      ref.put("type", "Collection");
      ref.set("label", LanguageMap.of(c.title()));
    }
    ArrayNode items = m.putArray("items");
    if (!r.access().showsImages()) {
      items.add(canvas(r, 1, false));
      return m;
    }
    m.putArray("thumbnail").add(image(r, 1).thumbnailV3());
    if (r.pages().size() > 1) {
      m.putArray("behavior").add("paged");
    }
    ObjectNode start = m.putObject("start");
    start.put("id", urls.canvas(V3.number(), r.id(), 1));
    start.put("type", "Canvas");
    for (int n = 1; n <= r.pages().size(); n++) {
      items.add(canvas(r, n, false));
    }
    return m;
  }

  /**
   * The one Canvas of a record whose scans are not shown (access level metadata): the first page's
   * size, a label that says so, and nothing painted on it.
   */
  private ObjectNode placeholder(Record r, ObjectNode canvas) {
    Page first = r.pages().get(0);
    canvas.put("id", urls.canvas(V3.number(), r.id(), 1));
    canvas.put("type", "Canvas");
    canvas.set("label", LanguageMap.of(Placeholder.LABEL));
    canvas.put("width", first.width());
    canvas.put("height", first.height());
    return canvas;
  }

  /**
   * One page as a Canvas of the scan's size, with its thumbnail and its painting annotation.
   *
   * @param standalone true when served at its own id: then it carries {@code @context} and says
   *     which Manifest it belongs to
   */
  ObjectNode canvas(Record r, int n, boolean standalone) {
    Page page = r.pages().get(n - 1);
    ObjectNode canvas = standalone ? document(r) : RecordJson.MAPPER.createObjectNode();
    if (!r.access().showsImages()) {
      return placeholder(r, canvas);
    }
    canvas.put("id", urls.canvas(V3.number(), r.id(), n));
    canvas.put("type", "Canvas");
    String label = page.label() == null ? "Page " + n : page.label();
    canvas.set("label", LanguageMap.of(label));
    canvas.put("width", page.width());
    canvas.put("height", page.height());
    canvas.putArray("thumbnail").add(image(r, n).thumbnailV3());
    if (TextLayer.hasFile(page)) {
      canvas.putArray("seeAlso").add(text.fileV3(r, n, page));
    }
    canvas.putArray("items").add(annotationPage(r, n, false));
    if (TextLayer.hasText(page)) {
      // Referenced, not embedded: the lines are read from the catalog only when a viewer asks.
      canvas.putArray("annotations").add(text.pageReferenceV3(r, n, label));
    }
    if (standalone) {
      ObjectNode manifest = canvas.putArray("partOf").addObject();
      manifest.put("id", urls.manifest(V3.number(), r.id()));
      manifest.put("type", "Manifest");
    }
    return canvas;
  }

  ObjectNode annotationPage(Record r, int n, boolean standalone) {
    Placeholder.requireImages(r);
    ObjectNode page = standalone ? document(r) : RecordJson.MAPPER.createObjectNode();
    page.put("id", urls.paintingPage(r.id(), n));
    page.put("type", "AnnotationPage");
    page.putArray("items").add(annotation(r, n, false));
    return page;
  }

  /**
   * The painting Annotation whose body is the page's full image and whose target is the whole
   * Canvas.
   */
  ObjectNode annotation(Record r, int n, boolean standalone) {
    Placeholder.requireImages(r);
    ObjectNode annotation = standalone ? document(r) : RecordJson.MAPPER.createObjectNode();
    annotation.put("id", urls.paintingAnnotation(V3.number(), r.id(), n));
    annotation.put("type", "Annotation");
    annotation.put("motivation", "painting");
    ObjectNode body = image(r, n).fullV3();
    if (AccessControl.controlled(r)) {
      // IIIF Auth 2.0, 2.1: the full image is an access-controlled resource with its probe
      // service (its info.json declares the probe too). The image service, as the manifest
      // embeds it, names the Auth 1.0 login service that 1.0 viewers look for there, and not the
      // probe: Mirador 4 reads the profile of every service beside the login service there and
      // stops on one without (a probe has none).
      String imageId = Urls.imageId(r.id(), n);
      ArrayNode services = (ArrayNode) body.get("service");
      ((ObjectNode) services.get(0)).putArray("service").add(AuthServices.login1(urls));
      services.add(AuthServices.probe(urls, imageId));
    }
    annotation.set("body", body);
    annotation.put("target", urls.canvas(V3.number(), r.id(), n));
    return annotation;
  }

  /** How a collection lists the manifest: id, type, label, navDate and thumbnail. */
  ObjectNode reference(Record r) {
    ObjectNode ref = RecordJson.MAPPER.createObjectNode();
    ref.put("id", urls.manifest(V3.number(), r.id()));
    ref.put("type", "Manifest");
    ref.set("label", LanguageMap.of(r.title()));
    if (r.date() != null) {
      ref.put("navDate", NavDate.of(r.date()));
    }
    if (!r.pages().isEmpty() && r.access().showsImages()) {
      ref.putArray("thumbnail").add(image(r, 1).thumbnailV3());
    }
    return ref;
  }

  private PageImage image(Record r, int n) {
    return PageImage.of(urls, r.id(), n, r.pages().get(n - 1));
  }

  private static ObjectNode dataset(String id, String label, String format, String profile) {
    ObjectNode d = RecordJson.MAPPER.createObjectNode();
    d.put("id", id);
    d.put("type", "Dataset");
    d.set("label", LanguageMap.of(label));
    d.put("format", format);
    d.put("profile", profile);
    return d;
  }

  /** A top-level document: {@code @context} first, as JSON-LD readers expect to meet it. */
  static ObjectNode document() {
    ObjectNode node = RecordJson.MAPPER.createObjectNode();
    node.put("@context", V3.context());
    return node;
  }

  /**
   * A document about a record: one whose scans are access-controlled names the Auth 2.0 context
   * first, as IIIF Auth 2.0, 2.1 asks of a resource that embeds its services.
   */
  static ObjectNode document(Record r) {
    if (!AccessControl.controlled(r)) {
      return document();
    }
    ObjectNode node = RecordJson.MAPPER.createObjectNode();
    node.putArray("@context").add(AuthServices.CONTEXT).add(V3.context());
    return node;
  }
}
