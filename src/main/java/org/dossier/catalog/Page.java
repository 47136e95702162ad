package org.dossier.catalog;

/**
 * One scanned page of a record.
 *
 * @param image path of the scan inside the image store ({@code images/} in the data directory)
 * @param width width of the scan in pixels
 * @param height height of the scan in pixels
 * @param label the page's label ("p. 1"), or null
 */
public record Page(String image, int width, int height, String label) {

  /** The page's OCR source path, or null (TEMP contract stub: none until the fulltext branch lands). */
  public String ocr() {
    return null;
  }

  /** The page's OCR format ("alto", "hocr", "plain"), or null (TEMP contract stub). */
  public String ocrFormat() {
    return null;
  }
}
