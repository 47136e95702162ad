package org.dossier.iiif.image;

/** A rectangle of whole pixels in the full image. */
public record Rect(int x, int y, int w, int h) {
  boolean coversAll(int width, int height) {
    return x == 0 && y == 0 && w == width && h == height;
  }
}
