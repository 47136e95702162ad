package org.dossier.rdf.web;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import java.util.ArrayList;
import java.util.List;
import org.dossier.urls.Routes;
import org.dossier.urls.ThingKind;

/**
 * Description documents of the things under {@code /id/}: {@code /people/{slug}}, {@code
 * /places/{slug}}, {@code /subjects/{slug}} and {@code /types/{slug}} negotiate HTML or RDF by
 * {@code Accept} ({@code Vary: Accept}); {@code .ttl}, {@code .jsonld}, {@code .rdf} and {@code
 * .nt} name one serialization, for these and for {@code /records/{id}} and {@code
 * /collections/{id}} (whose plain URLs are {@link NegotiatedDescription}s); every answer lists the
 * others in {@code Link} headers.
 */
@Path("/")
public final class DescriptionResource {
  static final String PAGES = "records|people|places|subjects|types|collections";

  /** The pages of things named by a slug, whose plain URL is this resource's alone. */
  private static final String NAMED = "people|places|subjects|types";

  private final DescriptionDocuments documents;

  DescriptionResource(DescriptionDocuments documents) {
    this.documents = documents;
  }

  @GET
  @Path("{page: " + NAMED + "}/{key}")
  public Response negotiated(
      @PathParam("page") String page,
      @Encoded @PathParam("key") String key,
      @Context Request request) {
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant(MediaType.TEXT_HTML_TYPE, (String) null, null));
    variants.addAll(RdfFormat.variants());
    Variant chosen = request.selectVariant(variants);
    if (chosen == null && !documents.exists(kindOfPage(page), key)) {
      // A thing that does not exist is 404 whatever the client accepts.
      return DescriptionDocuments.notFound(kindOfPage(page), key);
    }
    if (chosen == null) {
      return Response.status(406)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .header("Vary", "Accept")
          .entity(
              "406 Not Acceptable: this description is served as text/html, text/turtle, application/ld+json,"
                  + " application/rdf+xml or application/n-triples.\n")
          .build();
    }
    return documents.answer(
        kindOfPage(page), key, RdfFormat.ofMediaType(chosen.getMediaType()), true);
  }

  @GET
  @Path("{page: " + PAGES + "}/{key}.{ext: " + Routes.RDF_EXTENSIONS + "}")
  public Response fixed(
      @PathParam("page") String page,
      @Encoded @PathParam("key") String key,
      @PathParam("ext") String ext) {
    return documents.answer(kindOfPage(page), key, RdfFormat.ofExtension(ext), false);
  }

  private static ThingKind kindOfPage(String page) {
    return ThingKind.ofPageSegment(page).orElseThrow(() -> new IllegalArgumentException(page));
  }
}
