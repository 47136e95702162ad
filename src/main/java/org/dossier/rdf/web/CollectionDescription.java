package org.dossier.rdf.web;

import jakarta.ws.rs.Path;
import org.dossier.urls.Routes;
import org.dossier.urls.ThingKind;

/** {@code /collections/{id}} for RDF clients; the site answers browsers on the same URL. */
@Path(Routes.COLLECTION)
public final class CollectionDescription extends NegotiatedDescription {
  CollectionDescription(DescriptionDocuments documents) {
    super(documents, ThingKind.COLLECTION);
  }
}
