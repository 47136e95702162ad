package org.dossier.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Date;
import java.util.Optional;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;

/**
 * {@code GET /records/{id}/texts/{kind}/{language}}: one text of a record as {@code text/plain;
 * charset=UTF-8}, in the language it names ({@code Content-Language}), the address the document
 * page and the linked data give for it. Its validators come from the record's datestamp, which
 * moves whenever a text changes (texts are part of the content hash). As on the document page, an
 * unknown record or text is 404 and a withdrawn record 410. The path lies below {@code
 * /records/{id}}, so it never meets the RDF descriptions of that URL.
 */
@Path("/records/{id}/texts/{kind}/{language}")
public final class RecordTextResource {
  private static final String PLAIN = "text/plain; charset=UTF-8";

  private final SitePages pages;

  RecordTextResource(SitePages pages) {
    this.pages = pages;
  }

  @GET
  public Response text(
      @PathParam("id") String id,
      @PathParam("kind") String kind,
      @PathParam("language") String language,
      @Context Request request) {
    Optional<Record> found = pages.catalog().record(id);
    if (found.isEmpty()) {
      return plain(404, "There is no document with the id “" + id + "”.\n");
    }
    Record r = found.get();
    if (r.deleted()) {
      return plain(410, "The document “" + id + "” was withdrawn from the archive.\n");
    }
    boolean listed =
        r.texts().stream().anyMatch(t -> t.kind().equals(kind) && language.equals(t.language()));
    Optional<RecordText> text =
        !listed
            ? Optional.empty()
            : pages.catalog().texts(id).stream()
                .filter(t -> t.kind().equals(kind) && language.equals(t.language()))
                .findFirst();
    if (text.isEmpty()) {
      return plain(
          404,
          "The document “" + id + "” has no " + kind + " in the language “" + language + "”.\n");
    }
    Date modified = Date.from(r.datestamp());
    EntityTag tag = new EntityTag(r.datestamp().getEpochSecond() + "-" + kind + "-" + language);
    CacheControl cache = new CacheControl();
    cache.setMaxAge(3600);
    Response.ResponseBuilder unchanged = request.evaluatePreconditions(modified, tag);
    if (unchanged != null) {
      return unchanged.tag(tag).lastModified(modified).cacheControl(cache).build();
    }
    return Response.ok(text.get().text(), PLAIN)
        .header("Content-Language", language)
        .header("X-Content-Type-Options", "nosniff")
        .tag(tag)
        .lastModified(modified)
        .cacheControl(cache)
        .header("Access-Control-Allow-Origin", "*")
        .build();
  }

  private static Response plain(int status, String message) {
    return Response.status(status)
        .type(PLAIN)
        .header("X-Content-Type-Options", "nosniff")
        .entity(message)
        .build();
  }
}
