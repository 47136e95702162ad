package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V3;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Manifests at {@code /iiif/3/{id}/manifest} (negotiating 2.1 by profile) and
 * {@code /iiif/2/{id}/manifest}, and each page's Canvas, AnnotationPage and Annotation at their
 * own 3.0 ids. Validators come from the record's datestamp and its collections'.
 */
@Path("/iiif")
public final class ManifestResource {
  private static final Pattern PAGE = Pattern.compile("p([1-9][0-9]{0,8})");

  private final PresentationService service;

  ManifestResource(PresentationService service) {
    this.service = service;
  }

  @GET
  @Path("{v: [23]}/{id}/manifest")
  public Response manifest(@PathParam("v") String v, @PathParam("id") String id, @Context HttpHeaders headers) {
    Representation representation = PresentationService.negotiate(headers, PresentationService.offers(v));
    Record r = liveRecord(id);
    List<ArchiveCollection> collections = r.collections().stream()
        .map(service.catalog()::collection).flatMap(Optional::stream).toList();
    Instant changed = collections.stream().map(ArchiveCollection::datestamp)
        .reduce(r.datestamp(), (a, b) -> a.isAfter(b) ? a : b);
    Validators validators = service.validators(representation, state(changed, r, collections), changed);
    return service.respond(headers, representation, validators, service.urls.manifest(representation.version().number(), id),
        () -> representation.version() == V3
            ? service.manifestV3.manifest(r, collections)
            : service.manifestV2.manifest(r, collections));
  }

  @GET
  @Path("3/{id}/canvas/{page}")
  public Response canvas(@PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> service.manifestV3.canvas(r, n, true));
  }

  @GET
  @Path("3/{id}/page/{page}")
  public Response annotationPage(@PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> service.manifestV3.annotationPage(r, n, true));
  }

  @GET
  @Path("3/{id}/annotation/{page}")
  public Response annotation(@PathParam("id") String id, @PathParam("page") String page, @Context HttpHeaders headers) {
    return part(id, page, headers, (r, n) -> service.manifestV3.annotation(r, n, true));
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

  /** A canvas, annotation page or annotation of one page (3.0 only); {@code page} is {@code p1}, {@code p2}… */
  private Response part(String id, String page, HttpHeaders headers, PartWriter writer) {
    Representation representation = PresentationService.negotiate(headers, PresentationService.V3_ONLY);
    Record r = liveRecord(id);
    Matcher m = PAGE.matcher(page);
    int n = m.matches() ? Integer.parseInt(m.group(1)) : 0;
    if (n < 1 || n > r.pages().size()) {
      throw PresentationException.notFound("record '" + id + "' has no page '" + page + "'");
    }
    Validators validators = service.validators(representation, state(r.datestamp(), r, List.of()), r.datestamp());
    return service.respond(headers, representation, validators, null, () -> writer.write(r, n));
  }

  /** The record, live and with page scans; otherwise the error that says why there is no manifest. */
  private Record liveRecord(String id) {
    Record r = service.catalog().record(id).orElseThrow(() -> PresentationException.notFound("no record '" + id + "'"));
    if (r.deleted()) {
      throw PresentationException.gone("record '" + id + "' was deleted");
    }
    if (r.pages().isEmpty()) {
      throw PresentationException.notFound("record '" + id + "' has no page scans, so it has no IIIF manifest");
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
    return Long.toString(changed.getEpochSecond(), 36) + "." + RecordJson.sha256(content.toString()).substring(0, 8);
  }
}
