package org.dossier.rdf.web;

import jakarta.ws.rs.Path;
import org.dossier.urls.Routes;
import org.dossier.urls.ThingKind;

/** {@code /records/{id}} for RDF clients; the site answers browsers on the same URL. */
@Path(Routes.RECORD)
public final class RecordDescription extends NegotiatedDescription {
  RecordDescription(DescriptionDocuments documents) {
    super(documents, ThingKind.RECORD);
  }
}
