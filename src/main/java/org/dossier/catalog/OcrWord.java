package org.dossier.catalog;

/**
 * A word of a page's OCR and its box in the pixels of the page's scan (x, y of the top left corner;
 * w, h its size).
 *
 * @param text the word as printed (the first part of a word hyphenated at a line end keeps its
 *     hyphen: "inter-")
 * @param whole for either part of a word hyphenated across two lines, the whole word (ALTO's {@code
 *     SUBS_CONTENT}: "international"); null for every other word. Search matches a hyphenated word
 *     on both of its boxes by this; {@link PageOcr#readingText()} uses it once.
 */
public record OcrWord(String text, int x, int y, int w, int h, String whole) {

  public OcrWord {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("an OCR word needs its text");
    }
    if (w < 0 || h < 0) {
      throw new IllegalArgumentException("negative size of word '" + text + "'");
    }
    if (whole != null && whole.isEmpty()) {
      whole = null;
    }
  }

  /** A word that is not hyphenated across lines. */
  public OcrWord(String text, int x, int y, int w, int h) {
    this(text, x, y, w, h, null);
  }
}
