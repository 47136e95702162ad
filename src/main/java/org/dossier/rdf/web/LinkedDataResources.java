package org.dossier.rdf.web;

import org.dossier.rdf.sparql.SparqlErrorMapper;
import org.dossier.rdf.sparql.SparqlResource;
import org.glassfish.jersey.server.ResourceConfig;

/** Registers the linked-data resources and the SPARQL endpoint with the server (CORS is the server's one policy). */
public final class LinkedDataResources {
  private LinkedDataResources() {}

  public static void register(ResourceConfig config) {
    config.register(IdResource.class);
    config.register(DescriptionResource.class);
    config.register(DumpResource.class);
    config.register(VoidResource.class);
    config.register(SparqlResource.class);
    config.register(new SparqlErrorMapper());
  }
}
