package org.dossier.iiif.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size parameter: the pixel size the extracted region is scaled to, as {@code max}, {@code w,},
 * {@code ,h}, {@code pct:n}, {@code w,h} or {@code !w,h}; in Image API 3.0 each may be prefixed
 * with {@code ^} to allow upscaling. Image API 2.1 ({@link #parse2}) also has {@code full}, has no
 * {@code ^}, and lets every form but {@code max} and {@code full} upscale within the limits.
 *
 * @param w the width asked for, or 0 when the form has none
 * @param h the height asked for, or 0 when the form has none
 * @param percent the percentage of {@code pct:n}
 * @param api the major version of the Image API the parameter was written in, 2 or 3
 * @see <a href="https://iiif.io/api/image/3.0/#42-size">Image API 3.0, 4.2 Size</a>
 * @see <a href="https://iiif.io/api/image/2.1/#size">Image API 2.1, 4.2 Size</a>
 */
public record Size(Kind kind, boolean upscale, int w, int h, double percent, int api) {

  public enum Kind {
    /** 2.1 only: the region unscaled. */
    FULL,
    MAX,
    WIDTH,
    HEIGHT,
    PERCENT,
    EXACT,
    CONFINED
  }

  private static final Pattern WIDTH = Pattern.compile("(" + Numbers.WHOLE + "),");
  private static final Pattern HEIGHT = Pattern.compile(",(" + Numbers.WHOLE + ")");
  private static final Pattern PERCENT = Pattern.compile("pct:(" + Numbers.DECIMAL + ")");
  private static final Pattern EXACT =
      Pattern.compile("(!?)(" + Numbers.WHOLE + "),(" + Numbers.WHOLE + ")");

  /**
   * @throws ImageException 400 for anything but the forms of section 4.2
   */
  public static Size parse(String text) {
    boolean up = text.startsWith("^");
    String rest = up ? text.substring(1) : text;
    if (rest.equals("max")) {
      return new Size(Kind.MAX, up, 0, 0, 0, 3);
    }
    Matcher m;
    if ((m = WIDTH.matcher(rest)).matches()) {
      return new Size(Kind.WIDTH, up, Integer.parseInt(m.group(1)), 0, 0, 3);
    }
    if ((m = HEIGHT.matcher(rest)).matches()) {
      return new Size(Kind.HEIGHT, up, 0, Integer.parseInt(m.group(1)), 0, 3);
    }
    if ((m = PERCENT.matcher(rest)).matches()) {
      double n = Double.parseDouble(m.group(1));
      if (n > 100 && !up) {
        // "The value of n MUST NOT be greater than 100."
        throw ImageException.badRequest(
            "size '" + text + "': pct: above 100 upscales the region; write ^pct:" + m.group(1));
      }
      return new Size(Kind.PERCENT, up, 0, 0, n, 3);
    }
    if ((m = EXACT.matcher(rest)).matches()) {
      Kind kind = m.group(1).isEmpty() ? Kind.EXACT : Kind.CONFINED;
      return new Size(kind, up, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 0, 3);
    }
    throw ImageException.badRequest(
        "size '" + text + "' is not max, w,, ,h, pct:n, w,h or !w,h (each optionally after ^)");
  }

  /**
   * An Image API 2.1 size parameter. {@code full} is the region unscaled and {@code max} the region
   * fitted into the limits (section 4.2); {@code w,}, {@code ,h}, {@code pct:n} (n may exceed 100),
   * {@code w,h} (which may distort) and {@code !w,h} (best fit, larger than the region too) scale
   * up as well as down: "The image server MAY support scaling above the full size", which this one
   * declares as {@code sizeAboveFull}.
   *
   * @throws ImageException 400 for anything but the forms of section 4.2 of 2.1
   */
  public static Size parse2(String text) {
    if (text.startsWith("^")) {
      throw ImageException.badRequest(
          "size '" + text + "': Image API 2.1 has no ^; its sizes may upscale without it");
    }
    if (text.equals("full")) {
      return new Size(Kind.FULL, false, 0, 0, 0, 2);
    }
    if (text.equals("max")) {
      return new Size(Kind.MAX, false, 0, 0, 0, 2);
    }
    Size s;
    try {
      s = parse("^" + text);
    } catch (ImageException e) {
      throw ImageException.badRequest(
          "size '" + text + "' is not full, max, w,, ,h, pct:n, w,h or !w,h");
    }
    return new Size(s.kind, true, s.w, s.h, s.percent, 2);
  }

  /**
   * The pixel size of the returned image for a region of the given size.
   *
   * @throws ImageException 400 when the result is under one pixel, needs upscaling without {@code
   *     ^}, or exceeds the limits (section 4.2: "Requests that would generate images of these sizes
   *     are errors that SHOULD result in a 400")
   */
  public Dim resolve(Rect region, Limits limits) {
    int rw = region.w();
    int rh = region.h();
    Dim out =
        switch (kind) {
          case FULL -> new Dim(rw, rh);
          case MAX -> limits.fit(rw, rh, upscale);
          case WIDTH -> new Dim(w, (int) Math.round((double) rh * w / rw));
          case HEIGHT -> new Dim((int) Math.round((double) rw * h / rh), h);
          case PERCENT ->
              new Dim((int) Math.round(rw * percent / 100), (int) Math.round(rh * percent / 100));
          case EXACT -> new Dim(w, h);
          case CONFINED -> confined(rw, rh, limits);
        };
    if (out.w() < 1 || out.h() < 1) {
      throw ImageException.badRequest(
          "size " + text() + " of a " + rw + "x" + rh + " region is less than one pixel");
    }
    if (!upscale && (out.w() > rw || out.h() > rh)) {
      throw ImageException.badRequest(
          "size "
              + text()
              + " ("
              + out.w()
              + "x"
              + out.h()
              + ") is larger than the region ("
              + rw
              + "x"
              + rh
              + "); sizes that upscale need the ^ prefix");
    }
    if (!limits.allows(out.w(), out.h())) {
      // 3.0 (4.2): "SHOULD result in a 400"; 2.1 (7): 404 when "the requested size is greater
      // than the limits specified".
      String message =
          "size "
              + text()
              + " ("
              + out.w()
              + "x"
              + out.h()
              + ") exceeds this server's limits: maxWidth "
              + limits.maxWidth()
              + ", maxHeight "
              + limits.maxHeight()
              + ", maxArea "
              + limits.maxArea();
      throw api == 2 ? ImageException.notFound(message) : ImageException.badRequest(message);
    }
    return out;
  }

  /**
   * {@code !w,h}: as large as possible inside w x h (and the region, without ^) keeping the aspect
   * ratio.
   */
  private Dim confined(int rw, int rh, Limits limits) {
    Dim out;
    if ((long) w * rh <= (long) h * rw) {
      out = new Dim(w, (int) Math.min(h, Math.max(1, Math.round((double) rh * w / rw))));
    } else {
      out = new Dim((int) Math.min(w, Math.max(1, Math.round((double) rw * h / rh))), h);
    }
    if (!upscale && (out.w() > rw || out.h() > rh)) {
      out = new Dim(rw, rh);
    }
    // "as large as possible but not larger than ... server-imposed limits"
    if (!limits.allows(out.w(), out.h())) {
      out = limits.fit(out.w(), out.h(), false);
    }
    return out;
  }

  /** The parameter as it would be written in a request. */
  public String text() {
    String body =
        switch (kind) {
          case FULL -> "full";
          case MAX -> "max";
          case WIDTH -> w + ",";
          case HEIGHT -> "," + h;
          case PERCENT -> "pct:" + Numbers.canonical(percent);
          case EXACT -> w + "," + h;
          case CONFINED -> "!" + w + "," + h;
        };
    return upscale && api == 3 ? "^" + body : body;
  }

  /**
   * The 2.1 canonical size (2.1 section 4.7): {@code full} when the region is returned unscaled,
   * {@code w,} when the aspect ratio is kept, else {@code w,h}.
   */
  static String canonical2(Rect region, Dim out) {
    if (out.w() == region.w() && out.h() == region.h()) {
      return "full";
    }
    long keptHeight = Math.round((double) region.h() * out.w() / region.w());
    return keptHeight == out.h() ? out.w() + "," : out.w() + "," + out.h();
  }

  /**
   * The canonical size of a request whose region and result are known: {@code max}, {@code ^max},
   * {@code w,h} or {@code ^w,h} (<a
   * href="https://iiif.io/api/image/3.0/#48-canonical-uri-syntax">section 4.8</a>).
   */
  static String canonical(Rect region, Dim out, Limits limits) {
    if (out.equals(limits.fit(region.w(), region.h(), false))) {
      return "max";
    }
    if (out.equals(limits.fit(region.w(), region.h(), true))) {
      return "^max";
    }
    boolean upscaled = out.w() > region.w() || out.h() > region.h();
    return (upscaled ? "^" : "") + out.w() + "," + out.h();
  }
}
