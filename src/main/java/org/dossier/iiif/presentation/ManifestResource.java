package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V3;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Page;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Manifests at {@code /iiif/3/{id}/manifest} (negotiating 2.1 by profile) and {@code
 * /iiif/2/{id}/manifest}, and each page's Canvas, AnnotationPage and Annotation at their own 3.0
 * ids; each page's text (3.0 AnnotationPage, 2.1 AnnotationList) and its OCR file. Validators come
 * from the record's datestamp and its collections'.
 */
@Path("/iiif")
public final class ManifestResource {
  private static final Pattern PAGE = Pattern.compile("p([1-9][0-9]{0,8})");
  private static final Pattern LINE = Pattern.compile("l([1-9][0-9]{0,8})");

  private final PresentationService service;

  ManifestResource(PresentationService service) {
    this.service = service;
  }

  @GET
  @Path("{v: [23]}/{id}/manifest")
  public Response manifest(
      @PathParam("v") String v, @PathParam("id") String id, @Context HttpHeaders headers) {
    Record r = liveRecord(id); // what does not exist is 404 whatever the client accepts
    Representation representation =
        PresentationService.negotiate(headers, PresentationService.offers(v));
    List<ArchiveCollection> collections =
        r.collections().stream()
            .map(service.catalog()::collection)
            .flatMap(Optional::stream)
            .toList();
    Instant changed =
        collections.stream()
            .map(ArchiveCollection::datestamp)
            .reduce(r.datestamp(), (a, b) -> a.isAfter(b) ? a : b);
    Validators validators =
        service.validators(representation, state(changed, r, collections), changed);
    return service.respond(
        headers,
        representation,
        validators,
        service.urls.manifest(representation.version().number(), id),
        () ->
            representation.version() == V3
                ? service.manifestV3.manifest(r, collections)
                : service.manifestV2.manifest(r, collections));
  }

  @GET
  @Path("3/{id}/canvas/{page}")
  public Response canvas(
      @PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> service.manifestV3.canvas(r, n, true));
  }

  @GET
  @Path("3/{id}/page/{page}")
  public Response annotationPage(
      @PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> service.manifestV3.annotationPage(r, n, true));
  }

  @GET
  @Path("3/{id}/annotation/{page}")
  public Response annotation(
      @PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> service.manifestV3.annotation(r, n, true));
  }

  /** A page's text: a 3.0 AnnotationPage of supplementing annotations, or a 2.1 AnnotationList. */
  @GET
  @Path("{v: [23]}/{id}/text/{page}")
  public Response textPage(
      @PathParam("v") String v,
      @PathParam("id") String id,
      @PathParam("page") String page,
      @Context HttpHeaders headers) {
    return text(
        v,
        id,
        page,
        headers,
        (r, n, ocr) ->
            v.equals("3") ? service.text.pageV3(r, n, ocr) : service.text.listV2(r, n, ocr));
  }

  /** One line of a page's text as a 3.0 Annotation on its own. */
  @GET
  @Path("3/{id}/text/{page}/{line}")
  public Response textAnnotation(
      @PathParam("id") String id,
      @PathParam("page") String page,
      @PathParam("line") String line,
      @Context HttpHeaders headers) {
    Matcher m = LINE.matcher(line);
    int k = m.matches() ? Integer.parseInt(m.group(1)) : 0;
    return text(
        "3",
        id,
        page,
        headers,
        (r, n, ocr) -> {
          ObjectNode annotation = k < 1 ? null : service.text.annotationV3(r, n, ocr, k);
          if (annotation == null) {
            throw PresentationException.notFound(
                "page '" + page + "' of record '" + id + "' has no line '" + line + "'");
          }
          return annotation;
        });
  }

  /**
   * A page's OCR file (ALTO or hOCR) as it was imported, read from the data directory: what
   * text-overlay viewers find in the canvas's {@code seeAlso}. Validators come from the file.
   */
  @GET
  @Path("3/{id}/ocr/{page}")
  public Response ocrFile(
      @PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers)
      throws IOException {
    Record r = liveRecord(id);
    int n = pageNumber(r, page);
    Page p = r.pages().get(n - 1);
    java.nio.file.Path file = TextLayer.hasFile(p) ? inDataDir(p.ocr()) : null;
    if (file == null
        || !Files.isRegularFile(file)
        || !file.toRealPath().startsWith(service.dataDir.toRealPath())) {
      throw PresentationException.notFound(
          "page '" + page + "' of record '" + id + "' has no OCR file");
    }
    long size = Files.size(file);
    Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
    Validators validators =
        new Validators(
            "\"ocr-"
                + Long.toString(size, 36)
                + "-"
                + Long.toString(modified.getEpochSecond(), 36)
                + "\"",
            modified);
    Response.ResponseBuilder response;
    if (validators.notModified(headers)) {
      response = Response.notModified();
    } else {
      StreamingOutput body = out -> Files.copy(file, out);
      response =
          Response.ok(body)
              .header(HttpHeaders.CONTENT_TYPE, ocrMediaType(p))
              .header(HttpHeaders.CONTENT_LENGTH, size);
    }
    return response
        .header(HttpHeaders.ETAG, validators.etag())
        .header(HttpHeaders.LAST_MODIFIED, validators.lastModifiedHeader())
        .header(HttpHeaders.CACHE_CONTROL, service.cacheControl())
        .build();
  }

  /**
   * The media type an OCR file is served as: ALTO is XML; hOCR is HTML, or XHTML when the file is
   * named so. The {@code format}s of {@code seeAlso} are the names viewers know them by instead.
   */
  private static String ocrMediaType(Page p) {
    if (PageOcr.ALTO.equals(p.ocrFormat())) {
      return "application/xml";
    }
    String name = p.ocr().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".xhtml") || name.endsWith(".xml") ? "application/xhtml+xml" : "text/html";
  }

  /**
   * The file a catalog OCR path names, or null when the path would lead out of the data directory.
   */
  private java.nio.file.Path inDataDir(String source) {
    if (source.isEmpty()
        || source.startsWith("/")
        || source.contains("\\")
        || source.contains(":")) {
      return null;
    }
    java.nio.file.Path file = service.dataDir.resolve(source).normalize();
    return file.startsWith(service.dataDir) && !file.equals(service.dataDir) ? file : null;
  }

  private interface TextWriter {
    ObjectNode write(Record r, int page, PageOcr ocr);
  }

  private Response text(String v, String id, String page, HttpHeaders headers, TextWriter writer) {
    Record r = liveRecord(id);
    Representation representation =
        PresentationService.negotiate(
            headers, v.equals("3") ? PresentationService.V3_ONLY : PresentationService.V2_OFFERS);
    int n = pageNumber(r, page);
    if (!TextLayer.hasText(r.pages().get(n - 1))) {
      throw PresentationException.notFound(
          "page '" + page + "' of record '" + id + "' has no text");
    }
    Validators validators =
        service.validators(representation, state(r.datestamp(), r, List.of()), r.datestamp());
    return service.respond(
        headers,
        representation,
        validators,
        null,
        () ->
            writer.write(
                r,
                n,
                service
                    .catalog()
                    .pageOcr(r.id(), n)
                    .orElseThrow(
                        () ->
                            PresentationException.notFound(
                                "page '" + page + "' of record '" + id + "' has no text"))));
  }

  /** Anything else under a version's path: a JSON 404 like every other Presentation error. */
  @GET
  @Path("{v: [23]}/{rest: .*}")
  public Response unknown(@PathParam("rest") String rest) {
    throw PresentationException.notFound("no IIIF Presentation resource at '" + rest + "'");
  }

  private interface PartWriter {
    ObjectNode write(Record r, int page);
  }

  /**
   * A canvas, annotation page or annotation of one page (3.0 only); {@code page} is {@code p1},
   * {@code p2}…
   */
  private Response part(String id, String page, HttpHeaders headers, PartWriter writer) {
    Record r = liveRecord(id);
    Representation representation =
        PresentationService.negotiate(headers, PresentationService.V3_ONLY);
    int n = pageNumber(r, page);
    Validators validators =
        service.validators(representation, state(r.datestamp(), r, List.of()), r.datestamp());
    return service.respond(headers, representation, validators, null, () -> writer.write(r, n));
  }

  /**
   * The number of the page named {@code p1}, {@code p2}…, or a 404 when the record has no such
   * page.
   */
  private static int pageNumber(Record r, String page) {
    Matcher m = PAGE.matcher(page);
    int n = m.matches() ? Integer.parseInt(m.group(1)) : 0;
    // A record whose scans are not shown has one (placeholder) canvas.
    int pages = r.access().showsImages() ? r.pages().size() : 1;
    if (n < 1 || n > pages) {
      throw PresentationException.notFound("record '" + r.id() + "' has no page '" + page + "'");
    }
    return n;
  }

  /**
   * The record, live and with page scans; otherwise the error that says why there is no manifest.
   */
  private Record liveRecord(String id) {
    Record r =
        service
            .catalog()
            .record(id)
            .orElseThrow(() -> PresentationException.notFound("no record '" + id + "'"));
    if (r.deleted()) {
      throw PresentationException.gone("record '" + id + "' was deleted");
    }
    if (r.pages().isEmpty()) {
      throw PresentationException.notFound(
          "record '" + id + "' has no page scans, so it has no IIIF manifest");
    }
    return r;
  }

  /**
   * The state a record's documents are computed from: the newest datestamp involved and a digest of
   * the content. Datestamps have whole seconds and two imports within one second share one; the
   * digest keeps their ETags apart.
   */
  private static String state(Instant changed, Record r, List<ArchiveCollection> collections) {
    StringBuilder content = new StringBuilder(RecordJson.write(RecordJson.toJson(r)));
    collections.forEach(c -> content.append('\n').append(RecordJson.write(RecordJson.toJson(c))));
    return Long.toString(changed.getEpochSecond(), 36)
        + "."
        + RecordJson.sha256(content.toString()).substring(0, 8);
  }
}
