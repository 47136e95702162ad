package org.dossier.rdf.web;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.Uris;
import org.dossier.rdf.Uris.Thing;
import org.dossier.urls.ThingKind;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.repository.RepositoryConnection;

/**
 * {@code /id/{kind}/{key}}: the URIs of things (a document, a person…), which are not documents
 * themselves, answer 303 See Other to the document that describes them ("Cool URIs for the Semantic
 * Web", W3C Interest Group Note, section 4.3); content negotiation happens there.
 */
@Path("/id/{kind: record|person|place|subject|type|collection}/{key}")
public final class IdResource {
  private final LinkedData linkedData;
  private final Uris uris;

  IdResource(LinkedData linkedData, Uris uris) {
    this.linkedData = linkedData;
    this.uris = uris;
  }

  @GET
  public Response seeOther(
      @PathParam("kind") String kindSegment, @Encoded @PathParam("key") String key) {
    ThingKind kind = ThingKind.ofIdSegment(kindSegment).orElseThrow();
    Optional<Thing> thing = DescriptionDocuments.thing(kind, key);
    boolean known = thing.isPresent();
    if (known) {
      try (RepositoryConnection c = linkedData.store().connection()) {
        IRI iri = uris.thing(kind, key);
        known = c.hasStatement(iri, null, null, false, iri);
      }
    }
    if (!known) {
      return DescriptionDocuments.notFound(kind, key);
    }
    return Response.seeOther(URI.create(uris.page(kind, key))).build();
  }
}
