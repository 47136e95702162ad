package org.dossier.iiif.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The region parameter: the rectangle of the full image to return, as {@code full}, {@code square},
 * {@code x,y,w,h} in pixels or {@code pct:x,y,w,h} in percent of the full image.
 *
 * @see <a href="https://iiif.io/api/image/3.0/#41-region">Image API 3.0, 4.1 Region</a>
 */
public record Region(Kind kind, double x, double y, double w, double h) {

  public enum Kind {
    FULL,
    SQUARE,
    PIXELS,
    PERCENT
  }

  public static final Region FULL = new Region(Kind.FULL, 0, 0, 0, 0);
  private static final Pattern PIXELS =
      Pattern.compile(
          "("
              + Numbers.WHOLE
              + "),("
              + Numbers.WHOLE
              + "),("
              + Numbers.WHOLE
              + "),("
              + Numbers.WHOLE
              + ")");
  private static final Pattern PERCENT =
      Pattern.compile(
          "pct:("
              + Numbers.DECIMAL
              + "),("
              + Numbers.DECIMAL
              + "),("
              + Numbers.DECIMAL
              + "),("
              + Numbers.DECIMAL
              + ")");

  /**
   * @throws ImageException 400 for anything but the four forms, or a region of zero width or height
   */
  public static Region parse(String text) {
    if ("full".equals(text)) {
      return FULL;
    }
    if ("square".equals(text)) {
      return new Region(Kind.SQUARE, 0, 0, 0, 0);
    }
    Matcher px = PIXELS.matcher(text);
    Matcher pct = PERCENT.matcher(text);
    Region region;
    if (px.matches()) {
      region =
          new Region(
              Kind.PIXELS,
              Integer.parseInt(px.group(1)),
              Integer.parseInt(px.group(2)),
              Integer.parseInt(px.group(3)),
              Integer.parseInt(px.group(4)));
    } else if (pct.matches()) {
      region =
          new Region(
              Kind.PERCENT,
              Double.parseDouble(pct.group(1)),
              Double.parseDouble(pct.group(2)),
              Double.parseDouble(pct.group(3)),
              Double.parseDouble(pct.group(4)));
    } else {
      throw ImageException.badRequest(
          "region '" + text + "' is not full, square, x,y,w,h or pct:x,y,w,h");
    }
    // "If the requested region's height or width is zero ... the server SHOULD return a 400"
    if (region.w == 0 || region.h == 0) {
      throw ImageException.badRequest("region '" + text + "' has zero width or height");
    }
    return region;
  }

  /**
   * The pixels this region covers in a full image of the given size, cropped at the image's edge.
   *
   * @throws ImageException 400 when the region lies entirely outside the image
   */
  public Rect resolve(int width, int height) {
    switch (kind) {
      case FULL:
        return new Rect(0, 0, width, height);
      case SQUARE:
        {
          // "centered is often a reasonable default"
          int side = Math.min(width, height);
          return new Rect((width - side) / 2, (height - side) / 2, side, side);
        }
      default:
        break;
    }
    long px;
    long py;
    long pw;
    long ph;
    if (kind == Kind.PIXELS) {
      px = (long) x;
      py = (long) y;
      pw = (long) w;
      ph = (long) h;
    } else {
      px = Math.round(x * width / 100);
      py = Math.round(y * height / 100);
      pw = Math.round(w * width / 100);
      ph = Math.round(h * height / 100);
    }
    if (px >= width || py >= height) {
      throw ImageException.badRequest(
          "region " + this.text() + " lies outside the image (" + width + "x" + height + ")");
    }
    int cw = (int) Math.min(pw, width - px);
    int ch = (int) Math.min(ph, height - py);
    if (cw < 1 || ch < 1) {
      throw ImageException.badRequest(
          "region " + this.text() + " is smaller than one pixel of this image");
    }
    return new Rect((int) px, (int) py, cw, ch);
  }

  /** The parameter as it would be written in a request. */
  public String text() {
    return switch (kind) {
      case FULL -> "full";
      case SQUARE -> "square";
      case PIXELS -> (long) x + "," + (long) y + "," + (long) w + "," + (long) h;
      case PERCENT ->
          "pct:"
              + Numbers.canonical(x)
              + ","
              + Numbers.canonical(y)
              + ","
              + Numbers.canonical(w)
              + ","
              + Numbers.canonical(h);
    };
  }

  /**
   * The canonical form of a resolved region: {@code full} when it covers the whole image, else
   * {@code x,y,w,h} (<a href="https://iiif.io/api/image/3.0/#48-canonical-uri-syntax">section
   * 4.8</a>).
   */
  static String canonical(Rect r, int width, int height) {
    return r.coversAll(width, height) ? "full" : r.x() + "," + r.y() + "," + r.w() + "," + r.h();
  }
}
