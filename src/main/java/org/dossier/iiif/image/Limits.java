package org.dossier.iiif.image;

import org.dossier.config.Settings;

/**
 * The largest image the server returns: {@code maxWidth}, {@code maxHeight} and {@code maxArea} of
 * <a href="https://iiif.io/api/image/3.0/#52-technical-properties">section 5.2</a>.
 */
public record Limits(int maxWidth, int maxHeight, long maxArea) {

  public static Limits of(Settings settings) {
    return new Limits(
        settings.get(Settings.IIIF_IMAGE_MAX_WIDTH),
        settings.get(Settings.IIIF_IMAGE_MAX_HEIGHT),
        settings.get(Settings.IIIF_IMAGE_MAX_AREA));
  }

  public boolean allows(int w, int h) {
    return w <= maxWidth && h <= maxHeight && (long) w * h <= maxArea;
  }

  /**
   * The largest size with the aspect ratio of {@code w x h} inside the limits; never larger than
   * {@code w x h} itself unless {@code upscale}. Rounds down so that no limit is ever exceeded
   * (after the maximum size calculation of the Image API 3.0 implementation notes, section 4).
   */
  public Dim fit(int w, int h, boolean upscale) {
    double scale = upscale ? Double.MAX_VALUE : 1.0;
    scale = Math.min(scale, (double) maxWidth / w);
    scale = Math.min(scale, (double) maxHeight / h);
    scale = Math.min(scale, Math.sqrt((double) maxArea / ((double) w * h)));
    if (scale == 1.0) {
      return new Dim(w, h);
    }
    int fw = (int) Math.max(1, Math.min(maxWidth, Math.floor(w * scale + 1e-9)));
    int fh = (int) Math.max(1, Math.min(maxHeight, Math.floor(h * scale + 1e-9)));
    while ((long) fw * fh > maxArea && fw > 1 && fh > 1) {
      fw--;
      fh = (int) Math.max(1, Math.floor((double) fw * h / w));
    }
    return new Dim(fw, fh);
  }
}
