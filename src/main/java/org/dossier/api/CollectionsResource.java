package org.dossier.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.ImportReport;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ObjectNode;

/**
 * One collection: read in the import format, created or replaced by PUT through the importer's
 * checks. The catalog has no deletion of collections (records name them), so there is no DELETE:
 * 405.
 */
@Path(Urls.API + "/collections/{id}")
public final class CollectionsResource {
  private final Api api;

  CollectionsResource(Api api) {
    this.api = api;
  }

  @GET
  @Produces(Api.JSON)
  public Response get(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<String> hash = api.catalog.collectionHash(id);
      if (hash.isEmpty()) {
        throw ApiProblem.of(404, "there is no collection '" + id + "'");
      }
      String etag = Preconditions.etag(hash.get());
      if (ifNoneMatch != null && Preconditions.matches(ifNoneMatch, hash.get())) {
        return Response.notModified().header(HttpHeaders.ETAG, etag).build();
      }
      Optional<ArchiveCollection> collection = api.catalog.collection(id);
      if (collection.isPresent() && hash.equals(api.catalog.collectionHash(id))) {
        return Response.ok(RecordJson.write(RecordJson.toJson(collection.get())))
            .header(HttpHeaders.ETAG, etag)
            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
            .build();
      }
    }
    throw ApiProblem.of(503, "the collection changed while it was read; try again");
  }

  @PUT
  @Consumes(Api.JSON)
  @Produces(Api.JSON)
  public Response put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      String body) {
    ObjectNode item = Api.object(body);
    if (!item.has("kind")) {
      item.put("kind", "collection");
    } else if (!"collection".equals(item.get("kind").asString(""))) {
      throw ApiProblem.of(
          400,
          "this URL takes a collection (kind \"collection\"); records go to /api/v1/records/{id}");
    }
    Api.sameId(item, id);
    String[] before = {null};
    ImportReport report =
        api.importer.importItems(
            "body",
            List.of(item),
            false,
            writer -> {
              before[0] = writer.collectionHash(id);
              Preconditions.check(ifMatch, ifNoneMatch, before[0]);
            });
    Api.requireValid(report);
    String after = api.catalog.collectionHash(id).orElse(null);
    boolean changed = !Objects.equals(before[0], after);
    if (changed) {
      api.changedOne();
    }
    String result = before[0] == null ? "created" : changed ? "updated" : "unchanged";
    ObjectNode answer = RecordJson.MAPPER.createObjectNode().put("id", id).put("result", result);
    Response.ResponseBuilder response =
        before[0] == null
            ? Response.created(URI.create(api.urls.apiCollection(id)))
            : Response.ok();
    if (after != null) {
      response.header(HttpHeaders.ETAG, Preconditions.etag(after));
    }
    return response.entity(RecordJson.write(answer)).type(Api.JSON).build();
  }
}
