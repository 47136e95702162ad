package org.dossier.iiif.image;

/**
 * The quality parameter: colour, grayscale or black and white. The default quality of every image
 * here is its colour (a grayscale scan's colour is gray).
 *
 * @see <a href="https://iiif.io/api/image/3.0/#quality">Image API 3.0, 4.4 Quality</a>
 */
public enum Quality {
  DEFAULT,
  COLOR,
  GRAY,
  BITONAL;

  /**
   * @throws ImageException 400 for an unknown quality ("SHOULD return a 400")
   */
  public static Quality parse(String text) {
    for (Quality q : values()) {
      if (q.token().equals(text)) {
        return q;
      }
    }
    throw ImageException.badRequest(
        "quality '" + text + "' is not default, color, gray or bitonal");
  }

  public String token() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True for the qualities that return the image's own pixels unchanged. */
  boolean keepsPixels() {
    return this == DEFAULT || this == COLOR;
  }
}
