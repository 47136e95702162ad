package org.dossier.catalog;

/**
 * A record's text as the record itself lists it: what kind, in which language, how long, but not
 * the text, which {@link Catalog#texts(String)} reads from its own table. Record reads (an OAI-PMH
 * harvest reads millions) thus stay small whatever the length of the transcripts.
 *
 * @param kind {@link RecordText#TRANSCRIPT}, {@link RecordText#TRANSLATION} or {@link
 *     RecordText#OCR_PLAIN}
 * @param language ISO 639-1 or ISO 639-3 code, as imported ("en", "ru", "kor")
 * @param length the text's length in Unicode code points
 */
public record TextRef(String kind, String language, int length) {

  public TextRef {
    RecordText.checkKind(kind);
    if (language == null || language.isEmpty()) {
      throw new IllegalArgumentException("a text needs a language");
    }
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
  }
}
