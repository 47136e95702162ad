package org.dossier.rdf.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.Catalog;
import org.dossier.rdf.Descriptions;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.Uris;
import org.dossier.rdf.Uris.Thing;
import org.dossier.urls.Slugs;
import org.dossier.urls.ThingKind;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.rio.RDFWriter;

/**
 * The answers of the description documents, whichever resource a URL reaches: read the thing's
 * description from the store and write it as HTML or in one RDF syntax, with {@code Link} headers
 * to the other serializations and to the thing it describes.
 */
final class DescriptionDocuments {
  /** A catalog id, as the import schema allows it (schemas/record.schema.json). */
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

  private final Catalog catalog;
  private final LinkedData linkedData;
  private final Uris uris;
  private final String archiveName;
  private final int maxLinks;

  DescriptionDocuments(
      Catalog catalog, LinkedData linkedData, Uris uris, String archiveName, int maxLinks) {
    this.maxLinks = maxLinks;
    this.catalog = catalog;
    this.linkedData = linkedData;
    this.uris = uris;
    this.archiveName = archiveName;
  }

  /**
   * Answers with the description of a thing in a format (empty: HTML).
   *
   * @param key the thing's key as the request's path spells it (percent-encoded)
   * @param negotiated whether the format was chosen by {@code Accept} (so the answer varies by it)
   */
  Response answer(ThingKind kind, String key, Optional<RdfFormat> format, boolean negotiated) {
    Optional<Thing> thing = thing(kind, key);
    if (thing.isEmpty()) {
      return notFound(kind, key);
    }
    Optional<Model> description =
        new Descriptions(linkedData.store(), uris, maxLinks).describe(thing.get());
    if (description.isEmpty()) {
      Optional<Boolean> deleted =
          kind == ThingKind.RECORD
              ? catalog.record(key).map(r -> r.deleted())
              : kind == ThingKind.COLLECTION
                  ? catalog.collection(key).map(c -> false)
                  : Optional.empty();
      if (deleted.orElse(false)) {
        return Response.status(410)
            .type(MediaType.TEXT_PLAIN_TYPE)
            .entity("410 Gone: record " + key + " was deleted from the archive.\n")
            .build();
      }
      if (deleted.isPresent()) {
        // In the catalog, not yet in the RDF store: the store is catching up with the change log
        // (a fresh start, a large import); the description exists in a moment.
        return Response.status(503)
            .type(MediaType.TEXT_PLAIN_TYPE)
            .header("Retry-After", "1")
            .entity(
                "503 Service Unavailable: the description of "
                    + kind.idSegment
                    + " '"
                    + key
                    + "' is still being written to the RDF store; try again in a moment.\n")
            .build();
      }
      return notFound(kind, key);
    }
    Model model = description.get();
    String documentUrl = uris.page(kind, key);
    List<DescriptionHtml.Alternate> alternates = new ArrayList<>();
    for (RdfFormat f : RdfFormat.all()) {
      alternates.add(
          new DescriptionHtml.Alternate(f, uris.urls().description(kind, key, f.extension)));
    }
    IRI iri = uris.thing(kind, key);
    StreamingOutput body;
    String type;
    if (format.isEmpty()) {
      type = MediaType.TEXT_HTML + ";charset=utf-8";
      // People, places, subjects and types. The HTML of records and collections is the site's own
      // pages (org.dossier.web), on the same URLs (see org.dossier.urls.Routes).
      body = out -> DescriptionHtml.render(iri, model, archiveName, alternates, out);
    } else {
      RdfFormat f = format.get();
      type = f.contentType();
      body =
          out -> {
            RDFWriter w = f.writer(out, true);
            model.forEach(w::handleStatement);
            w.endRDF();
          };
    }
    Response.ResponseBuilder r = Response.ok(body, type);
    if (negotiated) {
      r.header("Vary", "Accept");
      if (format.isPresent()) {
        r.header("Content-Location", documentUrl + "." + format.get().extension);
      }
    }
    for (DescriptionHtml.Alternate a : alternates) {
      r.header(
          "Link", "<" + a.url() + ">; rel=\"alternate\"; type=\"" + a.format().mediaType + "\"");
    }
    // RFC 6892: the document describes the thing named under /id/.
    r.header("Link", "<" + iri.stringValue() + ">; rel=\"describes\"");
    return r.build();
  }

  /** Whether the thing a raw path segment names is in the store. */
  boolean exists(ThingKind kind, String key) {
    return thing(kind, key)
        .map(t -> new Descriptions(linkedData.store(), uris, maxLinks).exists(t))
        .orElse(false);
  }

  /**
   * The thing a raw path segment names: a catalog id for records and collections, a slug otherwise.
   */
  static Optional<Thing> thing(ThingKind kind, String key) {
    if (kind.namedByCatalogId()) {
      return key.matches(ID) ? Optional.of(new Thing(kind, key)) : Optional.empty();
    }
    return Slugs.unslug(key).map(name -> new Thing(kind, key));
  }

  static Response notFound(ThingKind kind, String key) {
    return Response.status(404)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity("404 Not Found: no " + kind.idSegment + " '" + key + "' in this archive.\n")
        .build();
  }
}
