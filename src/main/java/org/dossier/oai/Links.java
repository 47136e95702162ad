package org.dossier.oai;

/**
 * The absolute URLs OAI-PMH records point to, all built from the public base URL: the record's
 * page, its IIIF manifest, its collections, and the IIIF Image API service of each page, whose
 * image id is {@code {recordId}-p{n}} (n counting pages from 1).
 */
record Links(String base) {

  String oaiEndpoint() {
    return base + "/oai";
  }

  /** The stylesheet reference, relative to the server's root so that browsers load it from the same origin. */
  String stylesheetPath() {
    String path = java.net.URI.create(base + "/").getRawPath();
    return (path == null || path.isEmpty() ? "/" : path) + "oai/oai2.xsl";
  }

  String recordPage(String id) {
    return base + "/records/" + id;
  }

  String manifest(String id) {
    return base + "/iiif/3/" + id + "/manifest";
  }

  String collection(String id) {
    return base + "/collections/" + id;
  }

  /** The real-world document, as a linked-data resource (EDM's ProvidedCHO). */
  String providedCho(String id) {
    return base + "/id/record/" + id;
  }

  /** The provider's aggregation of the document and its views (EDM's ore:Aggregation). */
  String aggregation(String id) {
    return providedCho(id) + "#aggregation";
  }

  static String imageId(String recordId, int pageNumber) {
    return org.dossier.iiif.image.ImageId.of(recordId, pageNumber);
  }

  /** Base URI of the IIIF Image API service of one page. */
  String imageService(String imageId) {
    return base + "/iiif/image/3/" + imageId;
  }

  String fullImage(String imageId) {
    return imageService(imageId) + "/full/max/0/default.jpg";
  }

  String thumbnail(String imageId) {
    return imageService(imageId) + "/full/!400,400/0/default.jpg";
  }
}
