package org.dossier.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.ImportReport;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reads and writes of a resource known by its strong entity tag (a record, a collection): a GET
 * whose body and tag agree and that answers If-None-Match, and a PUT through the importer whose
 * preconditions are checked inside the write transaction (see {@link Preconditions}).
 */
final class TaggedWrites {
  private TaggedWrites() {}

  /** How often a GET reads again when a write came between reading the tag and the body. */
  private static final int ATTEMPTS = 3;

  /**
   * A GET: 304 when If-None-Match names the current tag, else the body with its tag. The tag is
   * read before and after the body, and the body is read again when they differ, so that the two
   * always belong together.
   *
   * @param hash the current content hash; empty when there is nothing to read
   * @param body the current body; empty when it went between the two reads
   * @param missing the problem to answer when there is no such resource
   * @param what the resource's kind, for the problem when it keeps changing
   */
  static Response get(
      String ifNoneMatch,
      Supplier<Optional<String>> hash,
      Supplier<Optional<String>> body,
      Supplier<ApiProblem> missing,
      String what) {
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
   * A PUT of one item through the importer: the preconditions are checked against the state {@code
   * hashIn} reads in the write transaction; 201 with {@code location} when nothing live was there,
   * else 200; the new tag in {@code ETag}; the derived stores woken when something changed.
   *
   * @param hashIn the live content hash as a write transaction sees it, or null for none
   * @param hashAfter the live content hash once committed
   */
  static Response put(
      Api api,
      String id,
      ObjectNode item,
      String ifMatch,
      String ifNoneMatch,
      Function<CatalogWriter, String> hashIn,
      Supplier<Optional<String>> hashAfter,
      URI location) {
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
    String after = hashAfter.get().orElse(null);
    return written(api, id, before[0], after, location);
  }

  /**
   * The answer to a write that went through: 201 with {@code location} when nothing live was there,
   * else 200; the new tag in {@code ETag}; the derived stores woken when something changed.
   */
  static Response written(Api api, String id, String before, String after, URI location) {
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
   * A DELETE: If-Match checked against the state {@code hashIn} reads in the write transaction,
   * then {@code delete}; 204, and the derived stores woken.
   *
   * @param missing the problem to answer when there is nothing live to delete and no If-Match
   * @param delete deletes in the transaction; false when there was nothing to delete
   */
  static Response delete(
      Api api,
      String ifMatch,
      Function<CatalogWriter, String> hashIn,
      Supplier<ApiProblem> missing,
      java.util.function.Predicate<CatalogWriter> delete) {
    try (CatalogWriter writer = api.catalog.writer()) {
      String current = hashIn.apply(writer);
      if (current == null && ifMatch == null) {
        throw missing.get();
      }
      Preconditions.check(ifMatch, null, current);
      if (!delete.test(writer)) {
        throw missing.get();
      }
      writer.commit();
    }
    api.changedOne();
    return Response.noContent().build();
  }
}
