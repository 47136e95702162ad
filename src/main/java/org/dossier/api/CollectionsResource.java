package org.dossier.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ObjectNode;

/**
 * One collection: read in the import format, created or replaced by PUT through the importer's
 * checks, deleted by DELETE. Its records stay and leave it, each with a new datestamp (see {@link
 * CatalogWriter#deleteCollection}); a collection leaves no tombstone.
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
    return tagged(id).get(ifNoneMatch);
  }

  /** The collection's reads, its tag and its delete, for the GET, PUT and DELETE. */
  private TaggedWrites tagged(String id) {
    return new TaggedWrites(
        api,
        id,
        "collection",
        () -> api.catalog.collectionHash(id),
        writer -> writer.collectionHash(id),
        () -> api.catalog.collection(id).map(c -> RecordJson.write(RecordJson.toJson(c))),
        () -> ApiProblem.of(404, "there is no collection '" + id + "'"),
        () -> ApiProblem.of(404, "there is no collection '" + id + "'"),
        writer -> writer.deleteCollection(id),
        () -> URI.create(api.urls.apiCollection(id)));
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
    return tagged(id).put(item, ifMatch, ifNoneMatch);
  }

  @DELETE
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return tagged(id).delete(ifMatch);
  }
}
