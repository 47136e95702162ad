package org.dossier.iiif.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Computes an image that is not stored, in the order of <a
 * href="https://iiif.io/api/image/3.0/#46-order-of-implementation">section 4.6</a> (region, size,
 * rotation, quality), from the smallest pyramid level that still has at least the pixels asked for:
 * the scan itself is never read again once its pyramid exists.
 */
final class Renderer {
  private Renderer() {}

  /** Reads part of a stored JPEG of a pyramid (all of it when the region is null). */
  @FunctionalInterface
  interface Files {
    BufferedImage readJpeg(Pyramid pyramid, String name, Rectangle region) throws IOException;
  }

  static BufferedImage render(Pyramid pyramid, ImageRequest.Plan plan, Files files)
      throws IOException {
    Pixels pixels = regionAtSize(pyramid, plan.region(), plan.size(), files);
    Rotation rotation = plan.rotation();
    if (rotation.mirror()) {
      pixels = pixels.mirror();
    }
    int turns = rotation.quarterTurns();
    if (turns >= 0) {
      pixels = pixels.rotate(turns);
    } else {
      pixels = rotateArbitrary(pixels, rotation.degrees(), plan.format() == Format.PNG);
    }
    pixels =
        switch (plan.quality()) {
          case GRAY -> pixels.gray();
          case BITONAL -> pixels.bitonal();
          default -> pixels;
        };
    return pixels.toImage();
  }

  /** The region, scaled to the size, read from the best level. */
  static Pixels regionAtSize(Pyramid pyramid, Rect r, Dim out, Files files) throws IOException {
    int factor = 1;
    for (int s : pyramid.scaleFactors()) {
      if ((double) r.w() / s >= out.w() && (double) r.h() / s >= out.h()) {
        factor = s;
      }
    }
    Dim level = pyramid.level(factor);
    // The region in the level's (fractional) pixels; a region that reaches the image's edge reaches
    // the level's edge, whose last pixel may stand for fewer than 'factor' source pixels.
    double fx0 = (double) r.x() / factor;
    double fy0 = (double) r.y() / factor;
    double fx1 = r.x() + r.w() == pyramid.width() ? level.w() : (double) (r.x() + r.w()) / factor;
    double fy1 = r.y() + r.h() == pyramid.height() ? level.h() : (double) (r.y() + r.h()) / factor;
    int lx0 = (int) Math.floor(fx0);
    int ly0 = (int) Math.floor(fy0);
    int lx1 = Math.min(level.w(), (int) Math.ceil(fx1));
    int ly1 = Math.min(level.h(), (int) Math.ceil(fy1));
    Pixels window = read(pyramid, factor, lx0, ly0, lx1 - lx0, ly1 - ly0, files);
    return Resampler.resample(window, fx0 - lx0, fy0 - ly0, fx1 - fx0, fy1 - fy0, out.w(), out.h());
  }

  /**
   * Pixels of one level: from its stored whole image when it has one, else stitched from its tiles.
   */
  private static Pixels read(Pyramid pyramid, int factor, int x, int y, int w, int h, Files files)
      throws IOException {
    if (pyramid.hasWholeLevel(factor)) {
      Dim level = pyramid.level(factor);
      BufferedImage image = files.readJpeg(pyramid, Pyramid.size(level), new Rectangle(x, y, w, h));
      return Pixels.of(image, pyramid.bands());
    }
    int t = pyramid.tileSize();
    Pixels out = new Pixels(w, h, pyramid.bands());
    for (int row = y / t; row * t < y + h; row++) {
      for (int col = x / t; col * t < x + w; col++) {
        int tx0 = Math.max(x, col * t);
        int ty0 = Math.max(y, row * t);
        int tx1 = Math.min(x + w, (col + 1) * t);
        int ty1 = Math.min(y + h, (row + 1) * t);
        BufferedImage part =
            files.readJpeg(
                pyramid,
                Pyramid.tile(factor, col, row),
                new Rectangle(tx0 - col * t, ty0 - row * t, tx1 - tx0, ty1 - ty0));
        out.paste(Pixels.of(part, pyramid.bands()), tx0 - x, ty0 - y);
      }
    }
    return out;
  }

  /**
   * Rotation by any angle: the bounding box of the turned image, with a transparent background for
   * PNG as section 4.3 recommends, white for JPEG, which has no transparency.
   */
  private static Pixels rotateArbitrary(Pixels pixels, double degrees, boolean transparent) {
    double radians = Math.toRadians(degrees);
    double sin = Math.abs(Math.sin(radians));
    double cos = Math.abs(Math.cos(radians));
    int w = (int) Math.max(1, Math.round(pixels.width * cos + pixels.height * sin));
    int h = (int) Math.max(1, Math.round(pixels.height * cos + pixels.width * sin));
    BufferedImage target =
        new BufferedImage(
            w, h, transparent ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = target.createGraphics();
    try {
      if (!transparent) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
      }
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.translate(w / 2.0, h / 2.0);
      g.rotate(radians);
      g.translate(-pixels.width / 2.0, -pixels.height / 2.0);
      g.drawImage(pixels.toImage(), 0, 0, null);
    } finally {
      g.dispose();
    }
    byte[] data = ((java.awt.image.DataBufferByte) target.getRaster().getDataBuffer()).getData();
    return new Pixels(w, h, transparent ? 4 : 3, data);
  }
}
