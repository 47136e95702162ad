package org.dossier.catalog;

/**
 * One scanned page of a record.
 *
 * @param image path of the scan inside the image store ({@code images/} in the data directory)
 * @param width width of the scan in pixels
 * @param height height of the scan in pixels
 * @param label the page's label ("p. 1"), or null
 * @param ocr the page's OCR file as imported (a path inside the data directory, see {@link
 *     PageOcr#source()}), or null when it has none or its OCR is plain text given inline
 * @param ocrFormat {@link PageOcr#ALTO}, {@link PageOcr#HOCR} or {@link PageOcr#PLAIN} when the
 *     page has OCR (read it with {@link Catalog#pageOcr(String, int)}), else null
 */
public record Page(
    String image, int width, int height, String label, String ocr, String ocrFormat) {

  /** A page without OCR. */
  public Page(String image, int width, int height, String label) {
    this(image, width, height, label, null, null);
  }

  /** True when the catalog holds OCR for this page. */
  public boolean hasOcr() {
    return ocrFormat != null;
  }

  /** This page without its OCR descriptors. */
  public Page withoutOcr() {
    return new Page(image, width, height, label);
  }
}
