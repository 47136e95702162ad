package org.dossier.rdf.web;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import java.util.Optional;
import org.dossier.urls.ThingKind;

/**
 * The RDF of a URL the site shares, {@code /records/{id}} or {@code /collections/{id}}: the site
 * (org.dossier.web) answers browsers there with its page, this resource answers RDF clients, and
 * Jersey chooses between them by {@code Accept}. HTML stays the default: these types are offered
 * with {@code qs} below 1, so browsers and {@code *}/{@code *} get the page.
 */
public abstract class NegotiatedDescription {
  private final DescriptionDocuments documents;
  private final ThingKind kind;

  NegotiatedDescription(DescriptionDocuments documents, ThingKind kind) {
    this.documents = documents;
    this.kind = kind;
  }

  @GET
  @Produces({
    "text/turtle;qs=0.9",
    "application/ld+json;qs=0.9",
    "application/rdf+xml;qs=0.9",
    "application/n-triples;qs=0.9"
  })
  public Response rdf(@Encoded @PathParam("id") String id, @Context Request request) {
    Variant chosen = request.selectVariant(RdfFormat.variants());
    Optional<RdfFormat> format =
        chosen == null ? Optional.empty() : RdfFormat.ofMediaType(chosen.getMediaType());
    return documents.answer(kind, id, Optional.of(format.orElse(RdfFormat.TURTLE)), true);
  }
}
