package org.dossier.urls;

/**
 * JAX-RS path templates of the URLs that two packages answer together. A record's and a
 * collection's URL ({@code /records/{id}}, {@code /collections/{id}}) is the site's page for
 * browsers ({@code org.dossier.web}, HTML) and the linked data's description for RDF clients
 * ({@code org.dossier.rdf.web}, chosen by {@code Accept}). Each package declares its own resource
 * on the same template from here; Jersey merges root resources of one template and picks the method
 * by media type, so neither package knows the other. The {@code .ttl}, {@code .jsonld}, {@code
 * .rdf} and {@code .nt} documents are the linked data's alone, so the templates leave them out.
 */
public final class Routes {
  /** The extensions of a description document in one RDF syntax ({@code /records/{id}.ttl}). */
  public static final String RDF_EXTENSIONS = "ttl|jsonld|rdf|nt";

  /** {@code /records/{id}}: the id path parameter, one segment not ending in an RDF extension. */
  public static final String RECORD = "/records/{id: (?![^/]*\\.(?:" + RDF_EXTENSIONS + ")$)[^/]+}";

  /**
   * {@code /collections/{id}}: the id path parameter, one segment not ending in an RDF extension.
   */
  public static final String COLLECTION =
      "/collections/{id: (?![^/]*\\.(?:" + RDF_EXTENSIONS + ")$)[^/]+}";

  private Routes() {}
}
