package org.dossier.iiif.image;

import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Image API 2.1 image information document (<a
 * href="https://iiif.io/api/image/2.1/#image-information">section 5</a>) of the same pyramid as the
 * 3.0 one: {@code @id} instead of {@code id}, the limits and supported features inside a profile
 * object after the compliance level's URI, and the rights as {@code license}.
 */
final class InfoJson2 {
  static final String CONTEXT = "http://iiif.io/api/image/2/context.json";
  static final String PROFILE_URI = "http://iiif.io/api/image/2/level2.json";

  /** The features of 2.1 section 5.3 this service has, level 2's and beyond. */
  private static final String[] SUPPORTS = {
    "baseUriRedirect",
    "canonicalLinkHeader",
    "cors",
    "jsonldMediaType",
    "mirroring",
    "profileLinkHeader",
    "regionByPct",
    "regionByPx",
    "regionSquare",
    "rotationArbitrary",
    "rotationBy90s",
    "sizeAboveFull",
    "sizeByConfinedWh",
    "sizeByDistortedWh",
    "sizeByH",
    "sizeByPct",
    "sizeByW",
    "sizeByWh"
  };

  private InfoJson2() {}

  /**
   * @param id the image service's base URI, without a trailing slash
   */
  static String write(String id, Pyramid pyramid, Limits limits, Record record) {
    ObjectNode info = RecordJson.MAPPER.createObjectNode();
    info.put("@context", CONTEXT);
    info.put("@id", id);
    info.put("protocol", "http://iiif.io/api/image");
    info.put("width", pyramid.width());
    info.put("height", pyramid.height());
    ArrayNode sizes = info.putArray("sizes");
    for (Dim d : pyramid.sizes()) {
      sizes.addObject().put("width", d.w()).put("height", d.h());
    }
    ObjectNode tiles = info.putArray("tiles").addObject();
    tiles.put("width", pyramid.tileSize());
    tiles.put("height", pyramid.tileSize());
    ArrayNode factors = tiles.putArray("scaleFactors");
    pyramid.scaleFactors().forEach(factors::add);
    // "The first entry in the list MUST be a compliance level URI."
    ArrayNode profile = info.putArray("profile");
    profile.add(PROFILE_URI);
    ObjectNode features = profile.addObject();
    features.putArray("formats").add("jpg").add("png");
    features.putArray("qualities").add("default").add("color").add("gray").add("bitonal");
    features.put("maxWidth", limits.maxWidth());
    features.put("maxHeight", limits.maxHeight());
    features.put("maxArea", limits.maxArea());
    ArrayNode supports = features.putArray("supports");
    for (String f : SUPPORTS) {
      supports.add(f);
    }
    if (record.rights() != null && !record.rights().isBlank()) {
      info.put("license", record.rights());
    }
    return RecordJson.write(info);
  }
}
