package org.dossier.iiif.discovery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.zip.CRC32C;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.StreamEntry;
import org.dossier.urls.Urls;

/**
 * The streams' URLs: {@code /iiif/discovery/activity/all-changes} and its pages {@code /page/{n}},
 * and {@code /collection/{id}} with {@code /collection/{id}/page/{n}}.
 *
 * <p>HTTP: a page before the last never changes (the log is append-only and the page a fixed slice
 * of it), so it is served with a strong ETag and {@code Cache-Control: public, max-age=31536000,
 * immutable}; the collection and the last page grow, and are reused for {@code
 * iiif.discovery.cache-max-age} seconds. ETags are checksums of the bytes sent.
 */
@Path(Urls.DISCOVERY)
public final class ActivityStreamResource {
  static final MediaType JSON_LD =
      new MediaType("application", "ld+json", java.util.Map.of("profile", StreamDocuments.CONTEXT));

  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final Catalog catalog;
  private final StreamDocuments documents;
  private final int pageSize;
  private final String growing;

  ActivityStreamResource(Catalog catalog, StreamDocuments documents, int pageSize, int maxAge) {
    this.catalog = catalog;
    this.documents = documents;
    this.pageSize = pageSize;
    this.growing = "public, max-age=" + maxAge;
  }

  @GET
  @Path("all-changes")
  public Response allChanges(@Context Request request, @Context HttpHeaders headers) {
    return collection(ActivityStream.ALL, request, headers);
  }

  @GET
  @Path("page/{n}")
  public Response allChangesPage(
      @PathParam("n") String n, @Context Request request, @Context HttpHeaders headers) {
    return page(ActivityStream.ALL, PageNumber.parse(n), request, headers);
  }

  @GET
  @Path("collection/{id}")
  public Response collectionChanges(
      @PathParam("id") String id, @Context Request request, @Context HttpHeaders headers) {
    return collection(collectionStream(id), request, headers);
  }

  @GET
  @Path("collection/{id}/page/{n}")
  public Response collectionChangesPage(
      @PathParam("id") String id,
      @PathParam("n") String n,
      @Context Request request,
      @Context HttpHeaders headers) {
    return page(collectionStream(id), PageNumber.parse(n), request, headers);
  }

  private ActivityStream collectionStream(String id) {
    if (catalog.collection(id).isEmpty()) {
      throw DiscoveryException.notFound("no collection '" + id + "'");
    }
    return new ActivityStream(id);
  }

  private Response collection(ActivityStream stream, Request request, HttpHeaders headers) {
    long total = stream.size(catalog);
    return answer(documents.collection(stream, total, pageSize), growing, request, headers);
  }

  private Response page(
      ActivityStream stream, PageNumber number, Request request, HttpHeaders headers) {
    long page = number.value();
    long total = stream.size(catalog);
    long lastPage = ActivityStream.lastPage(total, pageSize);
    if (page > lastPage) {
      throw DiscoveryException.notFound(
          "no page " + page + ": the stream has " + (lastPage + 1) + " page(s)");
    }
    List<StreamEntry> entries = stream.page(catalog, page, pageSize);
    boolean last = page == lastPage;
    return answer(
        documents.page(stream, page, pageSize, last, entries),
        last ? growing : IMMUTABLE,
        request,
        headers);
  }

  private static Response answer(byte[] body, String cache, Request request, HttpHeaders headers) {
    EntityTag tag = new EntityTag(digest(body));
    Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
    Response.ResponseBuilder builder = unchanged != null ? unchanged : Response.ok(body);
    return builder
        .type(mediaType(headers))
        .tag(tag)
        .header(HttpHeaders.CACHE_CONTROL, cache)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .build();
  }

  /**
   * JSON-LD with the Discovery context as its profile, unless the client asks for plain JSON and
   * not for JSON-LD (Discovery 1.0 §4.1).
   */
  private static MediaType mediaType(HttpHeaders headers) {
    List<MediaType> accepted = headers.getAcceptableMediaTypes();
    for (MediaType m : accepted) {
      if (m.isWildcardType()
          || (m.getType().equals("application")
              && (m.getSubtype().equals("ld+json") || m.isWildcardSubtype()))) {
        return JSON_LD;
      }
      if (m.getType().equals("application") && m.getSubtype().equals("json")) {
        return MediaType.APPLICATION_JSON_TYPE;
      }
    }
    return JSON_LD;
  }

  /**
   * The length and CRC-32C of the bytes: a page's bytes only ever change by activities added to the
   * last page (its length grows), and CRC-32C runs at memory speed, where a cryptographic digest of
   * a 200 KB page cost a tenth of its answer's time.
   */
  private static String digest(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return Integer.toHexString(body.length) + "-" + Long.toHexString(crc.getValue());
  }
}
