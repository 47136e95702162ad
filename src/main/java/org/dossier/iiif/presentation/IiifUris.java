package org.dossier.iiif.presentation;

import static org.dossier.iiif.presentation.PresentationVersion.V3;

/**
 * Every absolute URL a Presentation document names, built from the public base URL so that the
 * server works behind a proxy. Image URLs follow the project's convention for the Image API: page
 * {@code n} (1-based) of record {@code R} is the image service {@code {base}/iiif/image/3/R-pn}.
 * Record and collection ids are restricted to {@code [A-Za-z0-9._-]} at import, so they go into
 * paths as they are.
 *
 * @param base public base URL without a trailing slash
 * @param repositoryIdentifier the OAI-PMH repository identifier, for {@code oai:{it}:{id}}
 */
public record IiifUris(String base, String repositoryIdentifier) {

  public String manifest(PresentationVersion v, String recordId) {
    return base + "/iiif/" + v.segment() + "/" + recordId + "/manifest";
  }

  public String canvas(PresentationVersion v, String recordId, int page) {
    return base + "/iiif/" + v.segment() + "/" + recordId + "/canvas/p" + page;
  }

  /** The AnnotationPage holding a canvas's painting annotation (3.0 only). */
  public String annotationPage(String recordId, int page) {
    return base + "/iiif/" + V3.segment() + "/" + recordId + "/page/p" + page;
  }

  public String paintingAnnotation(PresentationVersion v, String recordId, int page) {
    return base + "/iiif/" + v.segment() + "/" + recordId + "/annotation/p" + page;
  }

  /** The 2.1 sequence of a manifest; there is only the one, in page order. */
  public String sequence(String recordId) {
    return base + "/iiif/2/" + recordId + "/sequence/normal";
  }

  public String topCollection(PresentationVersion v) {
    return collection(v, CollectionTree.TOP);
  }

  public String collection(PresentationVersion v, String collectionId) {
    return base + "/iiif/" + v.segment() + "/collection/" + collectionId;
  }

  /** A collection node: the collection itself for its root range, a child collection otherwise. */
  public String collection(PresentationVersion v, String collectionId, MemberRange range, boolean root) {
    return root ? collection(v, collectionId) : collection(v, collectionId) + "/" + range;
  }

  /** The Image API 3.0 service of one page scan. */
  public String imageService(String recordId, int page) {
    return base + "/iiif/image/3/" + org.dossier.iiif.image.ImageId.of(recordId, page);
  }

  /** The archive's logo, served by {@link LogoResource}. */
  public String logo() {
    return base + LogoResource.PATH;
  }

  /** The archive's home page. */
  public String home() {
    return base + "/";
  }

  /** The record's page for people. */
  public String recordPage(String recordId) {
    return base + "/records/" + recordId;
  }

  public String collectionPage(String collectionId) {
    return base + "/collections/" + collectionId;
  }

  /** The record's Dublin Core description: an OAI-PMH GetRecord request for oai_dc. */
  public String oaiDc(String recordId) {
    return base + "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:" + repositoryIdentifier + ":" + recordId;
  }

  /** The record's RDF description in Turtle. */
  public String turtle(String recordId) {
    return base + "/records/" + recordId + ".ttl";
  }
}
