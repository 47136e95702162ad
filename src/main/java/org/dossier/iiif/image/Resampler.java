package org.dossier.iiif.image;

/**
 * Scales pixels to an exact size with a separable filter: the average of the covered source area
 * when shrinking (no aliasing, whatever the ratio), bilinear interpolation when enlarging. The
 * source window is given in fractional pixels so that a region maps exactly onto its output.
 */
final class Resampler {
  private Resampler() {}

  /**
   * @param x0 left edge of the window in {@code src}, in (fractional) pixels
   * @param y0 top edge of the window
   * @param w width of the window
   * @param h height of the window
   */
  static Pixels resample(Pixels src, double x0, double y0, double w, double h, int outW, int outH) {
    if (outW == w && outH == h && x0 == Math.rint(x0) && y0 == Math.rint(y0)) {
      return src.crop((int) x0, (int) y0, outW, outH);
    }
    Axis ax = new Axis(src.width, x0, w, outW);
    Axis ay = new Axis(src.height, y0, h, outH);
    int bands = src.bands;
    Pixels out = new Pixels(outW, outH, bands);
    // Rows of the horizontal pass, kept in a ring: output rows need source rows in rising order.
    int ring = ay.span + 1;
    float[][] rows = new float[ring][outW * bands];
    int[] rowOf = new int[ring];
    java.util.Arrays.fill(rowOf, -1);
    float[] acc = new float[outW * bands];
    for (int oy = 0; oy < outH; oy++) {
      java.util.Arrays.fill(acc, 0f);
      for (int k = 0; k < ay.count[oy]; k++) {
        int sy = ay.start[oy] + k;
        float wy = ay.weights[oy * ay.span + k];
        int slot = sy % ring;
        if (rowOf[slot] != sy) {
          horizontal(src, sy, ax, rows[slot]);
          rowOf[slot] = sy;
        }
        float[] row = rows[slot];
        for (int i = 0; i < acc.length; i++) {
          acc[i] += row[i] * wy;
        }
      }
      int base = oy * outW * bands;
      for (int i = 0; i < acc.length; i++) {
        int v = Math.round(acc[i]);
        out.data[base + i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
      }
    }
    return out;
  }

  private static void horizontal(Pixels src, int sy, Axis ax, float[] target) {
    int bands = src.bands;
    int rowBase = sy * src.stride();
    java.util.Arrays.fill(target, 0f);
    for (int ox = 0; ox < ax.count.length; ox++) {
      int t = ox * bands;
      for (int k = 0; k < ax.count[ox]; k++) {
        float wx = ax.weights[ox * ax.span + k];
        int s = rowBase + (ax.start[ox] + k) * bands;
        for (int b = 0; b < bands; b++) {
          target[t + b] += (src.data[s + b] & 0xff) * wx;
        }
      }
    }
  }

  /** Which source pixels, with which weights, make each output pixel along one axis. */
  private static final class Axis {
    final int[] start;
    final int[] count;
    final float[] weights;
    final int span;

    Axis(int srcLen, double origin, double length, int outLen) {
      double scale = length / outLen;
      span = scale >= 1 ? (int) Math.ceil(scale) + 2 : 2;
      start = new int[outLen];
      count = new int[outLen];
      weights = new float[outLen * span];
      double[] w = new double[span];
      for (int i = 0; i < outLen; i++) {
        int first;
        int n;
        if (scale >= 1) {
          // area average over [a, b)
          double a = origin + i * scale;
          double b = a + scale;
          first = (int) Math.floor(a);
          int last = (int) Math.ceil(b) - 1;
          n = Math.min(span, last - first + 1);
          for (int k = 0; k < n; k++) {
            int j = first + k;
            w[k] = Math.max(0, Math.min(b, j + 1) - Math.max(a, j));
          }
        } else {
          double c = origin + (i + 0.5) * scale - 0.5;
          first = (int) Math.floor(c);
          double t = c - first;
          n = 2;
          w[0] = 1 - t;
          w[1] = t;
        }
        // Clamp to the source: weights that fall outside go to the edge pixel.
        int lo = Math.max(0, Math.min(first, srcLen - 1));
        int hi = Math.max(0, Math.min(first + n - 1, srcLen - 1));
        int m = hi - lo + 1;
        double[] merged = new double[m];
        double sum = 0;
        for (int k = 0; k < n; k++) {
          int j = Math.max(lo, Math.min(first + k, hi));
          merged[j - lo] += w[k];
          sum += w[k];
        }
        start[i] = lo;
        count[i] = m;
        for (int k = 0; k < m; k++) {
          weights[i * span + k] = (float) (sum > 0 ? merged[k] / sum : (k == 0 ? 1 : 0));
        }
      }
    }
  }
}
