package org.dossier.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;

/**
 * A page's scan, sent as the request body (any content type: the type is told from the bytes). The
 * scan is stored by {@link ScanUploads} (in the image store, or in the bucket with
 * storage.type=s3); the record then gets it through the catalog writer, as an import that changed
 * the page would give it (new datestamp, change-log entry, derived stores woken), and its pyramid
 * is built in the background. Page n of a record with n - 1 pages is a new last page.
 */
@Path(Urls.API + "/records/{id}/pages/{n}/image")
public final class PageImageResource {
  private final Api api;
  private final ScanUploads uploads;
  private final ScansWritten written;

  /**
   * False with storage.type=s3 when the feature was given no object store to write scans to (a
   * server wired without one): uploads are then refused rather than written where nothing reads.
   */
  private final boolean storable;

  PageImageResource(Api api, ScanUploads uploads, ScansWritten written, boolean storable) {
    this.api = api;
    this.uploads = uploads;
    this.written = written;
    this.storable = storable;
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Produces(Api.JSON)
  public Response put(
      @PathParam("id") String rawId,
      @PathParam("n") String n,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request,
      InputStream body)
      throws IOException {
    if (!storable) {
      throw ApiProblem.of(
          501,
          "this server has no object store to write scans to; with storage.type=s3 put the scan in"
              + " the bucket and name it in the record's pages");
    }
    String id = ScanUploads.recordId(rawId);
    int page = ScanUploads.page(n);
    request.setProperty(AuditLog.DETAIL, "page " + page);
    // Refused before the body is read, when it could only be refused after.
    Record record =
        api.catalog
            .record(id)
            .filter(r -> !r.deleted())
            .orElseThrow(() -> ApiProblem.of(404, "there is no live record '" + id + "'"));
    if (page > record.pages().size() + 1) {
      throw noSuchPage(id, page, record.pages().size());
    }
    ScanUploads.Stored scan = uploads.receive(id, page, body);
    String before;
    String after;
    try (CatalogWriter writer = api.catalog.writer()) {
      before = writer.liveRecordHash(id);
      if (before == null) {
        throw ApiProblem.of(404, "there is no live record '" + id + "'");
      }
      Preconditions.check(ifMatch, null, before);
      if (!writer.putPageImage(id, page, scan.image(), scan.width(), scan.height())) {
        throw noSuchPage(
            id, page, api.catalog.storedRecord(id).map(r -> r.pages().size()).orElse(0));
      }
      after = writer.liveRecordHash(id);
      writer.commit();
    }
    boolean changed = !Objects.equals(before, after);
    if (changed) {
      api.changedOne();
      written.written(id, page);
    }
    var answer =
        RecordJson.MAPPER
            .createObjectNode()
            .put("id", id)
            .put("page", page)
            .put("image", scan.image())
            .put("width", scan.width())
            .put("height", scan.height())
            .put("bytes", scan.bytes())
            .put("result", changed ? "updated" : "unchanged");
    return Response.ok(RecordJson.write(answer))
        .type(Api.JSON)
        .header(HttpHeaders.ETAG, Preconditions.etag(after))
        .build();
  }

  private static ApiProblem noSuchPage(String id, int page, int pages) {
    return ApiProblem.of(
        404,
        "record '"
            + id
            + "' has "
            + pages
            + " page(s): a scan goes to one of them or to page "
            + (pages + 1)
            + ", a new last page, not to page "
            + page);
  }

  /** Told of every page whose scan changed, after the commit (the image service's pyramids). */
  @FunctionalInterface
  public interface ScansWritten {
    ScansWritten NONE = (recordId, page) -> {};

    void written(String recordId, int page);
  }
}
