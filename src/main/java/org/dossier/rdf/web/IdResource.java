package org.dossier.rdf.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.Uris;
import org.dossier.rdf.Uris.Kind;
import org.dossier.rdf.Uris.Thing;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.repository.RepositoryConnection;

/**
 * {@code /id/{kind}/{key}}: the URIs of things (a document, a person…), which are not documents
 * themselves, answer 303 See Other to the document that describes them ("Cool URIs for the
 * Semantic Web", W3C Interest Group Note, section 4.3); content negotiation happens there.
 */
@Path("/id/{kind: record|person|place|subject|type|collection}/{key}")
@Singleton
public final class IdResource {
  private final LinkedData linkedData;

  @Inject
  public IdResource(LinkedData linkedData) {
    this.linkedData = linkedData;
  }

  @GET
  public Response seeOther(@PathParam("kind") String kindSegment, @Encoded @PathParam("key") String key) {
    Kind kind = Kind.ofIdSegment(kindSegment).orElseThrow();
    Optional<Thing> thing = DescriptionResource.thing(kind, key);
    Uris uris = linkedData.uris();
    boolean known = thing.isPresent();
    if (known) {
      try (RepositoryConnection c = linkedData.store().connection()) {
        IRI iri = uris.thing(kind, key);
        known = c.hasStatement(iri, null, null, false, iri);
      }
    }
    if (!known) {
      return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE)
          .entity("404 Not Found: no " + kind.idSegment + " '" + key + "' in this archive.\n").build();
    }
    return Response.seeOther(URI.create(uris.page(kind, key))).build();
  }
}
