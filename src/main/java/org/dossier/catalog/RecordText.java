package org.dossier.catalog;

import java.util.List;

/**
 * One text of a record: a transcript in the document's own language, a translation, or OCR text
 * that has no positions on the page. A record has at most one text of each kind and language.
 *
 * @param kind {@link #TRANSCRIPT}, {@link #TRANSLATION} or {@link #OCR_PLAIN}
 * @param language ISO 639-1 or ISO 639-3 code, as imported
 * @param text the text, lines separated by '\n'
 */
public record RecordText(String kind, String language, String text) {

  public static final String TRANSCRIPT = "transcript";
  public static final String TRANSLATION = "translation";
  public static final String OCR_PLAIN = "ocr-plain";

  /** Every kind, in the order a page lists them. */
  public static final List<String> KINDS = List.of(TRANSCRIPT, TRANSLATION, OCR_PLAIN);

  public RecordText {
    checkKind(kind);
    if (language == null || language.isEmpty()) {
      throw new IllegalArgumentException("a text needs a language");
    }
    if (text == null) {
      throw new IllegalArgumentException("a text cannot be null");
    }
  }

  /** The descriptor the record lists for this text. */
  public TextRef ref() {
    return new TextRef(kind, language, text.codePointCount(0, text.length()));
  }

  static void checkKind(String kind) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "unknown text kind '" + kind + "' (expected one of " + KINDS + ")");
    }
  }
}
