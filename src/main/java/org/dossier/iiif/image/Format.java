package org.dossier.iiif.image;

import java.util.Set;

/**
 * The format parameter: jpg and png, the formats of compliance level 2.
 *
 * @see <a href="https://iiif.io/api/image/3.0/#45-format">Image API 3.0, 4.5 Format</a>
 */
public enum Format {
  JPG("jpg", "image/jpeg"),
  PNG("png", "image/png");

  /** Formats section 4.5 defines that this server does not produce. */
  private static final Set<String> OTHERS = Set.of("tif", "gif", "jp2", "pdf", "webp");

  private final String token;
  private final String mediaType;

  Format(String token, String mediaType) {
    this.token = token;
    this.mediaType = mediaType;
  }

  /**
   * @throws ImageException 400 for an unsupported or unknown format ("SHOULD result in a 400")
   */
  public static Format parse(String text) {
    for (Format f : values()) {
      if (f.token.equals(text)) {
        return f;
      }
    }
    if (OTHERS.contains(text)) {
      throw ImageException.badRequest(
          "format '" + text + "' is not supported here: ask for jpg or png");
    }
    throw ImageException.badRequest(
        "format '" + text + "' is not an Image API format; this server serves jpg and png");
  }

  public String token() {
    return token;
  }

  public String mediaType() {
    return mediaType;
  }
}
