package org.dossier.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs pages link to, built in one place from the public base URL: pages of this site and the
 * machine-readable forms of a record that other parts of Dossier serve.
 */
public final class Links {
  private Links() {}

  public static String record(Site site, String id) {
    return site.url("/records/" + segment(id));
  }

  public static String collection(Site site, String id) {
    return site.url("/collections/" + segment(id));
  }

  /** The record's IIIF Presentation 3 manifest. */
  public static String manifest(Site site, String id) {
    return site.url("/iiif/3/" + segment(id) + "/manifest");
  }

  /**
   * The IIIF logo's link: the manifest URL with the manifest repeated in a {@code manifest}
   * parameter. Clicking opens the manifest; dragging the logo into a IIIF viewer (Mirador,
   * Universal Viewer) hands it the manifest, as the IIIF drag-and-drop convention has viewers read it.
   */
  public static String manifestDragAndDrop(Site site, String id) {
    String manifest = manifest(site, id);
    return manifest + "?manifest=" + query(manifest);
  }

  /** The record in Dublin Core through OAI-PMH GetRecord. */
  public static String oaiRecord(Site site, String id) {
    return site.url("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier="
        + query("oai:" + site.oaiRepositoryIdentifier() + ":" + id));
  }

  /** The record's RDF description in Turtle. */
  public static String turtle(Site site, String id) {
    return site.url("/records/" + segment(id) + ".ttl");
  }

  /** A value for a query string, percent-encoded (spaces as {@code +}). */
  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A value for a path segment, percent-encoded (spaces as {@code %20}). */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
