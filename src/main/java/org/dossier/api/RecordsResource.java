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
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.RecordText;
import org.dossier.urls.Urls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record: read in the import format (with its texts, so that what is read can be changed and
 * put back), created or replaced by PUT through the importer's checks, deleted into a tombstone.
 */
@Path(Urls.API + "/records/{id}")
public final class RecordsResource {
  private final Api api;

  RecordsResource(Api api) {
    this.api = api;
  }

  @GET
  @Produces(Api.JSON)
  public Response get(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return tagged(id).get(ifNoneMatch);
  }

  /** The record's reads (with its texts), its tag and its delete, for the GET, PUT and DELETE. */
  private TaggedWrites tagged(String id) {
    return new TaggedWrites(
        api,
        id,
        "record",
        () -> api.catalog.liveRecordHash(id),
        writer -> writer.liveRecordHash(id),
        () -> {
          Optional<Record> record = api.catalog.storedRecord(id).filter(r -> !r.deleted());
          List<RecordText> texts = api.catalog.texts(id);
          return record.map(r -> RecordJson.write(importForm(r, texts)));
        },
        () ->
            api.catalog.storedRecord(id).isPresent()
                ? ApiProblem.of(
                    410, "the record '" + id + "' was deleted (it stays as a tombstone)")
                : ApiProblem.of(404, "there is no record '" + id + "'"),
        () ->
            api.catalog.storedRecord(id).isPresent()
                ? ApiProblem.of(410, "the record '" + id + "' is deleted already")
                : ApiProblem.of(404, "there is no record '" + id + "'"),
        writer -> writer.delete(id),
        () -> URI.create(api.urls.apiRecord(id)));
  }

  /** The record as the import format gives it: texts with their text, pages without ocrFormat. */
  static ObjectNode importForm(Record record, List<RecordText> texts) {
    ObjectNode json = RecordJson.toJson(record);
    for (JsonNode page : json.path("pages")) {
      ((ObjectNode) page).remove("ocrFormat");
    }
    if (!texts.isEmpty()) {
      ArrayNode list = json.putArray("texts");
      for (RecordText t : texts) {
        list.addObject().put("kind", t.kind()).put("language", t.language()).put("text", t.text());
      }
    }
    return json;
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
    if (item.has("kind") && !"record".equals(item.get("kind").asString(""))) {
      throw ApiProblem.of(
          400, "this URL takes a record; a collection is put at /api/v1/collections/{id}");
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
