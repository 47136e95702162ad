package org.dossier.ingest;

/** Why an OCR file cannot be imported: its format, its XML, or boxes that do not fit the page. */
public final class OcrException extends Exception {
  private static final long serialVersionUID = 1L;

  public OcrException(String message) {
    super(message);
  }
}
