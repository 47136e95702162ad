package org.dossier.iiif.image;

import org.dossier.access.AuthServices;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The image information document, {@code info.json} (<a
 * href="https://iiif.io/api/image/3.0/#5-image-information">section 5</a>): what the pyramid holds,
 * the configured limits and what this server supports beyond level 2.
 */
final class InfoJson {
  static final String CONTEXT = "http://iiif.io/api/image/3/context.json";
  static final String PROFILE_URI = "http://iiif.io/api/image/3/level2.json";

  private InfoJson() {}

  /**
   * @param id the image service's base URI, without a trailing slash
   * @param manifest the URI of the record's manifest, for {@code partOf}
   * @param probe the IIIF Auth 2.0 probe service of an access-controlled image, or null
   */
  static String write(
      String id, Pyramid pyramid, Limits limits, Record record, String manifest, ObjectNode probe) {
    ObjectNode info = RecordJson.MAPPER.createObjectNode();
    // "The @context property SHOULD appear as the very first key-value pair"
    if (probe == null) {
      info.put("@context", CONTEXT);
    } else {
      // IIIF Auth 2.0, 2.1: the auth context "MUST come before the Image or Presentation API
      // context value".
      info.putArray("@context").add(AuthServices.CONTEXT).add(CONTEXT);
    }
    info.put("id", id);
    info.put("type", "ImageService3");
    info.put("protocol", "http://iiif.io/api/image");
    info.put("profile", "level2");
    info.put("width", pyramid.width());
    info.put("height", pyramid.height());
    info.put("maxWidth", limits.maxWidth());
    info.put("maxHeight", limits.maxHeight());
    info.put("maxArea", limits.maxArea());
    ArrayNode sizes = info.putArray("sizes");
    for (Dim d : pyramid.sizes()) {
      sizes.addObject().put("width", d.w()).put("height", d.h());
    }
    ObjectNode tiles = info.putArray("tiles").addObject();
    tiles.put("width", pyramid.tileSize());
    tiles.put("height", pyramid.tileSize());
    ArrayNode factors = tiles.putArray("scaleFactors");
    pyramid.scaleFactors().forEach(factors::add);
    info.putArray("preferredFormats").add("jpg");
    if (record.rights() != null && isKnownRights(record.rights())) {
      info.put("rights", record.rights());
    }
    // Level 2 has color and gray; bitonal is extra (Image API 3.0 compliance, 3.4).
    info.putArray("extraQualities").add("bitonal");
    ArrayNode features = info.putArray("extraFeatures");
    for (String f :
        new String[] {
          "canonicalLinkHeader",
          "mirroring",
          "profileLinkHeader",
          "rotationArbitrary",
          "sizeUpscaling"
        }) {
      features.add(f);
    }
    if (probe != null) {
      info.putArray("service").add(probe);
    }
    ObjectNode part = info.putArray("partOf").addObject();
    part.put("id", manifest);
    part.put("type", "Manifest");
    if (record.title() != null) {
      part.putObject("label").putArray("none").add(record.title());
    }
    return RecordJson.write(info);
  }

  /**
   * Section 5.6: rights "MUST be a string drawn from" Creative Commons or RightsStatements.org
   * URIs.
   */
  private static boolean isKnownRights(String uri) {
    return uri.startsWith("http://rightsstatements.org/vocab/")
        || uri.startsWith("http://creativecommons.org/")
        || uri.startsWith("https://creativecommons.org/");
  }
}
