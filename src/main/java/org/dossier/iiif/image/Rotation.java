package org.dossier.iiif.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rotation parameter: degrees of clockwise rotation from 0 to 360, after mirroring on the
 * vertical axis when prefixed with {@code !}.
 *
 * @see <a href="https://iiif.io/api/image/3.0/#43-rotation">Image API 3.0, 4.3 Rotation</a>
 */
public record Rotation(boolean mirror, double degrees) {
  public static final Rotation NONE = new Rotation(false, 0);
  private static final Pattern FORM = Pattern.compile("(!?)(" + Numbers.DECIMAL + ")");

  /**
   * @throws ImageException 400 for another form or a value above 360 ("out of range ... SHOULD
   *     result in a 400")
   */
  public static Rotation parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw ImageException.badRequest(
          "rotation '" + text + "' is not a number of degrees from 0 to 360, optionally after !");
    }
    double degrees = Double.parseDouble(m.group(2));
    if (degrees > 360) {
      throw ImageException.badRequest("rotation '" + text + "' is above 360 degrees");
    }
    return new Rotation(!m.group(1).isEmpty(), degrees);
  }

  /** Quarter turns clockwise (0 to 3) when the angle is a multiple of 90 degrees, else -1. */
  public int quarterTurns() {
    double q = degrees / 90;
    return q == Math.rint(q) ? ((int) q) % 4 : -1;
  }

  public boolean isIdentity() {
    return !mirror && quarterTurns() == 0;
  }

  /**
   * "!" when mirrored, then an integer if possible, otherwise a decimal without trailing zeros
   * (section 4.8).
   */
  public String canonical() {
    return (mirror ? "!" : "") + Numbers.canonical(degrees);
  }
}
