package org.dossier.iiif.image;

/**
 * The parameters of an image request, {@code {region}/{size}/{rotation}/{quality}.{format}},
 * parsed; {@link #resolve} applies them to an image of known size.
 *
 * @see <a href="https://iiif.io/api/image/3.0/#4-image-requests">Image API 3.0, 4 Image
 *     Requests</a>
 */
public record ImageRequest(
    Region region, Size size, Rotation rotation, Quality quality, Format format) {

  /**
   * @throws ImageException 400 for the first parameter that does not parse
   */
  public static ImageRequest parse(
      String region, String size, String rotation, String qualityDotFormat) {
    int dot = qualityDotFormat.lastIndexOf('.');
    if (dot < 0) {
      throw ImageException.badRequest(
          "'" + qualityDotFormat + "' is not {quality}.{format}, for example default.jpg");
    }
    return new ImageRequest(
        Region.parse(region),
        Size.parse(size),
        Rotation.parse(rotation),
        Quality.parse(qualityDotFormat.substring(0, dot)),
        Format.parse(qualityDotFormat.substring(dot + 1)));
  }

  /**
   * The parameters of an Image API 2.1 request: the same regions, rotations, qualities and formats
   * as 3.0, and the sizes of {@link Size#parse2}.
   *
   * @throws ImageException 400 for the first parameter that does not parse
   */
  public static ImageRequest parse2(
      String region, String size, String rotation, String qualityDotFormat) {
    int dot = qualityDotFormat.lastIndexOf('.');
    if (dot < 0) {
      throw ImageException.badRequest(
          "'" + qualityDotFormat + "' is not {quality}.{format}, for example default.jpg");
    }
    return new ImageRequest(
        Region.parse(region),
        Size.parse2(size),
        Rotation.parse(rotation),
        Quality.parse(qualityDotFormat.substring(0, dot)),
        Format.parse(qualityDotFormat.substring(dot + 1)));
  }

  /**
   * The request in pixels of an image {@code width x height}.
   *
   * @throws ImageException 400 when the region or size cannot be served
   */
  public Plan resolve(int width, int height, Limits limits) {
    Rect r = region.resolve(width, height);
    Dim out = size.resolve(r, limits);
    String canonical =
        Region.canonical(r, width, height)
            + "/"
            + (size.api() == 2 ? Size.canonical2(r, out) : Size.canonical(r, out, limits))
            + "/"
            + rotation.canonical()
            + "/"
            + quality.token()
            + "."
            + format.token();
    return new Plan(r, out, rotation, quality, format, canonical);
  }

  /**
   * A request resolved against an image: which pixels, at which size, turned how.
   *
   * @param canonical the canonical parameters, {@code region/size/rotation/quality.format} (3.0
   *     section 4.8, or 2.1 section 4.7 for a 2.1 request)
   */
  public record Plan(
      Rect region, Dim size, Rotation rotation, Quality quality, Format format, String canonical) {}
}
