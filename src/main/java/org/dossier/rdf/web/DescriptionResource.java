package org.dossier.rdf.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.rdf.Descriptions;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.Uris;
import org.dossier.rdf.Uris.Kind;
import org.dossier.rdf.Uris.Thing;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.rio.RDFWriter;

/**
 * Description documents of the things under {@code /id/}: {@code /records/{id}},
 * {@code /people/{slug}}, {@code /places/{slug}}, {@code /subjects/{slug}}, {@code /types/{slug}}
 * and {@code /collections/{id}}. The plain URL negotiates HTML or RDF by {@code Accept}
 * ({@code Vary: Accept}); {@code .ttl}, {@code .jsonld}, {@code .rdf} and {@code .nt} name one
 * serialization; every answer lists the others in {@code Link} headers.
 */
@Path("/")
@Singleton
public final class DescriptionResource {
  static final String PAGES = "records|people|places|subjects|types|collections";
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

  private final Catalog catalog;
  private final Settings settings;
  private final LinkedData linkedData;

  @Inject
  public DescriptionResource(Catalog catalog, Settings settings, LinkedData linkedData) {
    this.catalog = catalog;
    this.settings = settings;
    this.linkedData = linkedData;
  }

  @GET
  @Path("{page: " + PAGES + "}/{key}")
  public Response negotiated(@PathParam("page") String page, @Encoded @PathParam("key") String key, @Context Request request) {
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant(MediaType.TEXT_HTML_TYPE, (String) null, null));
    for (RdfFormat f : RdfFormat.all()) {
      variants.add(new Variant(f.mediaType, (String) null, null));
    }
    Variant chosen = request.selectVariant(variants);
    if (chosen == null) {
      Response.ResponseBuilder r = Response.status(406).type(MediaType.TEXT_PLAIN_TYPE).header("Vary", "Accept")
          .entity("406 Not Acceptable: this description is served as text/html, text/turtle, application/ld+json,"
              + " application/rdf+xml or application/n-triples.\n");
      return r.build();
    }
    Optional<RdfFormat> format = RdfFormat.ofMediaType(chosen.getMediaType());
    return answer(page, key, format, true);
  }

  @GET
  @Path("{page: " + PAGES + "}/{key}.{ext: ttl|jsonld|rdf|nt}")
  public Response fixed(@PathParam("page") String page, @Encoded @PathParam("key") String key, @PathParam("ext") String ext) {
    return answer(page, key, RdfFormat.ofExtension(ext), false);
  }

  /** Answers with the description in a format (empty: HTML). */
  private Response answer(String page, String key, Optional<RdfFormat> format, boolean negotiated) {
    Kind kind = kindOfPage(page);
    Optional<Thing> thing = thing(kind, key);
    if (thing.isEmpty()) {
      return notFound(kind, key);
    }
    Uris uris = linkedData.uris();
    Optional<Model> description = new Descriptions(linkedData.store(), uris).describe(thing.get());
    if (description.isEmpty()) {
      if (kind == Kind.RECORD && catalog.record(key).map(r -> r.deleted()).orElse(false)) {
        return Response.status(410).type(MediaType.TEXT_PLAIN_TYPE)
            .entity("410 Gone: record " + key + " was deleted from the archive.\n").build();
      }
      return notFound(kind, key);
    }
    Model model = description.get();
    String documentUrl = uris.page(kind, key);
    List<DescriptionHtml.Alternate> alternates = new ArrayList<>();
    for (RdfFormat f : RdfFormat.all()) {
      alternates.add(new DescriptionHtml.Alternate(f, documentUrl + "." + f.extension));
    }
    IRI iri = uris.thing(kind, key);
    StreamingOutput body;
    String type;
    if (format.isEmpty()) {
      type = MediaType.TEXT_HTML + ";charset=utf-8";
      String archive = settings.get(Settings.ARCHIVE_NAME);
      // People, places, subjects and types. The HTML of records and collections is the site's own
      // pages (org.dossier.web), which hand RDF requests for those URLs to this resource.
      body = out -> DescriptionHtml.render(iri, model, archive, alternates, out);
    } else {
      RdfFormat f = format.get();
      type = f.contentType();
      body = out -> {
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
      r.header("Link", "<" + a.url() + ">; rel=\"alternate\"; type=\"" + a.format().mediaType + "\"");
    }
    // RFC 6892: the document describes the thing named under /id/.
    r.header("Link", "<" + iri.stringValue() + ">; rel=\"describes\"");
    return r.build();
  }

  static Kind kindOfPage(String page) {
    for (Kind k : Kind.values()) {
      if (k.pageSegment.equals(page)) {
        return k;
      }
    }
    throw new IllegalArgumentException(page);
  }

  /** The thing a raw path segment names: a catalog id for records and collections, a slug otherwise. */
  static Optional<Thing> thing(Kind kind, String key) {
    if (kind.namedByCatalogId()) {
      return key.matches(ID) ? Optional.of(new Thing(kind, key)) : Optional.empty();
    }
    return Uris.unslug(key).map(name -> new Thing(kind, key));
  }

  private static Response notFound(Kind kind, String key) {
    return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE)
        .entity("404 Not Found: no " + kind.idSegment + " '" + key + "' in this archive.\n").build();
  }
}
