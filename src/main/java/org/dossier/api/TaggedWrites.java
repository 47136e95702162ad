package org.dossier.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.ImportReport;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reads and writes of a resource known by its strong entity tag (a record, a collection): a GET
 * whose body and tag agree and that answers If-None-Match, a PUT through the importer whose
 * preconditions are checked inside the write transaction (see {@link Preconditions}), and a DELETE
 * checked the same way. One instance serves one resource, given how to read its tag and body and
 * how to delete it.
 */
final class TaggedWrites {
  /** How often a GET reads again when a write came between reading the tag and the body. */
  private static final int ATTEMPTS = 3;

  private final Api api;
  private final String id;
  private final String what;
  private final Supplier<Optional<String>> hash;
  private final Function<CatalogWriter, String> hashIn;
  private final Supplier<Optional<String>> body;
  private final Supplier<ApiProblem> missing;
  private final Supplier<ApiProblem> nothingToDelete;
  private final Predicate<CatalogWriter> delete;
  private final Supplier<URI> location;

  /**
   * @param what the resource's kind, for the problem when it keeps changing
   * @param hash the current live content hash; empty when there is nothing to read
   * @param hashIn the live content hash as a write transaction sees it, or null for none
   * @param body the current body; empty when it went between the two reads
   * @param missing the problem to answer a GET of nothing
   * @param nothingToDelete the problem to answer a DELETE of nothing live without If-Match
   * @param delete deletes in the transaction; false when there was nothing to delete
   * @param location the resource's URL, for a 201 (read by a PUT only)
   */
  TaggedWrites(
      Api api,
      String id,
      String what,
      Supplier<Optional<String>> hash,
      Function<CatalogWriter, String> hashIn,
      Supplier<Optional<String>> body,
      Supplier<ApiProblem> missing,
      Supplier<ApiProblem> nothingToDelete,
      Predicate<CatalogWriter> delete,
      Supplier<URI> location) {
    this.api = api;
    this.id = id;
    this.what = what;
    this.hash = hash;
    this.hashIn = hashIn;
    this.body = body;
    this.missing = missing;
    this.nothingToDelete = nothingToDelete;
    this.delete = delete;
    this.location = location;
  }

  /**
   * A GET: 304 when If-None-Match names the current tag, else the body with its tag. The tag is
   * read before and after the body, and the body is read again when they differ, so that the two
   * always belong together.
   */
  Response get(String ifNoneMatch) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<String> tag = hash.get();
      if (tag.isEmpty()) {
        throw missing.get();
      }
      String etag = Preconditions.etag(tag.get());
      if (ifNoneMatch != null && Preconditions.matches(ifNoneMatch, tag.get())) {
        return Response.notModified().header(HttpHeaders.ETAG, etag).build();
      }
      Optional<String> content = body.get();
      if (content.isPresent() && tag.equals(hash.get())) {
        return Response.ok(content.get())
            .header(HttpHeaders.ETAG, etag)
            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
            .build();
      }
    }
    throw ApiProblem.of(503, "the " + what + " changed while it was read; try again");
  }

  /**
   * A PUT of one item through the importer: the preconditions are checked against the state the
   * write transaction sees; 201 with the location when nothing live was there, else 200; the new
   * tag in {@code ETag}; the derived stores woken when something changed.
   */
  Response put(ObjectNode item, String ifMatch, String ifNoneMatch) {
    URI created = location.get();
    String[] before = {null};
    ImportReport report =
        api.importer.importItems(
            "body",
            List.of(item),
            false,
            writer -> {
              before[0] = hashIn.apply(writer);
              Preconditions.check(ifMatch, ifNoneMatch, before[0]);
            });
    Api.requireValid(report);
    String after = hash.get().orElse(null);
    return written(api, id, before[0], after, created);
  }

  /**
   * The answer to a write that went through: 201 with {@code location} when nothing live was there,
   * else 200; the new tag in {@code ETag}; the derived stores woken when something changed.
   */
  private static Response written(Api api, String id, String before, String after, URI location) {
    boolean changed = !Objects.equals(before, after);
    if (changed) {
      api.changedOne();
    }
    String result = before == null ? "created" : changed ? "updated" : "unchanged";
    ObjectNode answer = RecordJson.MAPPER.createObjectNode().put("id", id).put("result", result);
    Response.ResponseBuilder response = before == null ? Response.created(location) : Response.ok();
    if (after != null) {
      response.header(HttpHeaders.ETAG, Preconditions.etag(after));
    }
    return response.entity(RecordJson.write(answer)).type(Api.JSON).build();
  }

  /**
   * A DELETE: If-Match checked against the state the write transaction sees, then the delete; 204,
   * and the derived stores woken.
   */
  Response delete(String ifMatch) {
    try (CatalogWriter writer = api.catalog.writer()) {
      String current = hashIn.apply(writer);
      if (current == null && ifMatch == null) {
        throw nothingToDelete.get();
      }
      Preconditions.check(ifMatch, null, current);
      if (!delete.test(writer)) {
        throw nothingToDelete.get();
      }
      writer.commit();
    }
    api.changedOne();
    return Response.noContent().build();
  }
}
