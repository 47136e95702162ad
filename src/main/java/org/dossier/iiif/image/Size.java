package org.dossier.iiif.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size parameter: the pixel size the extracted region is scaled to, as {@code max}, {@code w,},
 * {@code ,h}, {@code pct:n}, {@code w,h} or {@code !w,h}; each may be prefixed with {@code ^} to
 * allow upscaling.
 *
 * @param w the width asked for, or 0 when the form has none
 * @param h the height asked for, or 0 when the form has none
 * @param percent the percentage of {@code pct:n}
 * @see <a href="https://iiif.io/api/image/3.0/#42-size">Image API 3.0, 4.2 Size</a>
 */
public record Size(Kind kind, boolean upscale, int w, int h, double percent) {

  public enum Kind {
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
      return new Size(Kind.MAX, up, 0, 0, 0);
    }
    Matcher m;
    if ((m = WIDTH.matcher(rest)).matches()) {
      return new Size(Kind.WIDTH, up, Integer.parseInt(m.group(1)), 0, 0);
    }
    if ((m = HEIGHT.matcher(rest)).matches()) {
      return new Size(Kind.HEIGHT, up, 0, Integer.parseInt(m.group(1)), 0);
    }
    if ((m = PERCENT.matcher(rest)).matches()) {
      double n = Double.parseDouble(m.group(1));
      if (n > 100 && !up) {
        // "The value of n MUST NOT be greater than 100."
        throw ImageException.badRequest(
            "size '" + text + "': pct: above 100 upscales the region; write ^pct:" + m.group(1));
      }
      return new Size(Kind.PERCENT, up, 0, 0, n);
    }
    if ((m = EXACT.matcher(rest)).matches()) {
      Kind kind = m.group(1).isEmpty() ? Kind.EXACT : Kind.CONFINED;
      return new Size(kind, up, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 0);
    }
    throw ImageException.badRequest(
        "size '" + text + "' is not max, w,, ,h, pct:n, w,h or !w,h (each optionally after ^)");
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
      throw ImageException.badRequest(
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
              + limits.maxArea());
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
          case MAX -> "max";
          case WIDTH -> w + ",";
          case HEIGHT -> "," + h;
          case PERCENT -> "pct:" + Numbers.canonical(percent);
          case EXACT -> w + "," + h;
          case CONFINED -> "!" + w + "," + h;
        };
    return upscale ? "^" + body : body;
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
