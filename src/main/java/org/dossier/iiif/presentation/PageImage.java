package org.dossier.iiif.presentation;

import org.dossier.catalog.Page;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page scan as the Image API serves it: its service, the full-size JPEG and a thumbnail. The
 * thumbnail is asked for in the canonical {@code w,h} size form (Image API 3.0 §4.7) at the largest
 * size that fits 200×200, so the width and height the manifest declares are exactly what comes
 * back.
 *
 * <p>Presentation 3.0 points at the Image API 3.0 service, Presentation 2.1 at the 2.1 service of
 * the same image ({@code /iiif/image/2/…}), which 2.x viewers speak.
 *
 * @param service the image service id, {@code {base}/iiif/image/{api}/{record}-p{n}}
 * @param api the Image API version of the service, 2 or 3
 */
record PageImage(String service, int width, int height, int api) {
  static final int THUMBNAIL_BOX = 200;

  /** Image API 3.0 compliance level of the service (Image API 3.0 §6, "Compliance Level"). */
  static final String PROFILE = "level2";

  static PageImage of(Urls urls, String recordId, int number, Page page) {
    return of(urls, recordId, number, page, 3);
  }

  static PageImage of(Urls urls, String recordId, int number, Page page, int api) {
    return new PageImage(
        urls.imageService(api, Urls.imageId(recordId, number)), page.width(), page.height(), api);
  }

  /** The whole image: {@code max} in 3.0; in 2.1 {@code full}, its canonical full size. */
  String full() {
    return service + (api == 2 ? "/full/full/0/default.jpg" : "/full/max/0/default.jpg");
  }

  int thumbnailWidth() {
    return scaled(width);
  }

  int thumbnailHeight() {
    return scaled(height);
  }

  String thumbnail() {
    return service + "/full/" + thumbnailWidth() + "," + thumbnailHeight() + "/0/default.jpg";
  }

  private int scaled(int side) {
    double scale =
        Math.min(1.0, Math.min((double) THUMBNAIL_BOX / width, (double) THUMBNAIL_BOX / height));
    return Math.max(1, (int) Math.round(side * scale));
  }

  /**
   * The 3.0 {@code service} entry: {@code {"id", "type": "ImageService3", "profile": "level2"}}.
   */
  ObjectNode serviceV3() {
    ObjectNode s = RecordJson.MAPPER.createObjectNode();
    s.put("id", service);
    s.put("type", "ImageService3");
    s.put("profile", PROFILE);
    return s;
  }

  /**
   * The 2.1 {@code service} entry of the Image API 2.1 service: {@code @context} says which Image
   * API it speaks, and the profile is the 2.1 compliance level's URI, as 2.1 expects.
   */
  ObjectNode serviceV2() {
    ObjectNode s = RecordJson.MAPPER.createObjectNode();
    s.put("@context", "http://iiif.io/api/image/" + api + "/context.json");
    s.put("@id", service);
    s.put("profile", "http://iiif.io/api/image/" + api + "/" + PROFILE + ".json");
    return s;
  }

  /** A 3.0 Image resource: a content resource with its size and service. */
  ObjectNode imageV3(String id, int w, int h) {
    ObjectNode image = RecordJson.MAPPER.createObjectNode();
    image.put("id", id);
    image.put("type", "Image");
    image.put("format", "image/jpeg");
    image.put("width", w);
    image.put("height", h);
    image.putArray("service").add(serviceV3());
    return image;
  }

  ObjectNode fullV3() {
    return imageV3(full(), width, height);
  }

  ObjectNode thumbnailV3() {
    return imageV3(thumbnail(), thumbnailWidth(), thumbnailHeight());
  }

  ObjectNode imageV2(String id, int w, int h) {
    ObjectNode image = RecordJson.MAPPER.createObjectNode();
    image.put("@id", id);
    image.put("@type", "dctypes:Image");
    image.put("format", "image/jpeg");
    image.put("width", w);
    image.put("height", h);
    image.set("service", serviceV2());
    return image;
  }

  ObjectNode fullV2() {
    return imageV2(full(), width, height);
  }

  ObjectNode thumbnailV2() {
    return imageV2(thumbnail(), thumbnailWidth(), thumbnailHeight());
  }
}
