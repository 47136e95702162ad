package org.dossier.search;

/**
 * Which of a record's texts a value of a text field holds: its place among the record's texts
 * (record texts first, in their order, then the pages' OCR by page), its kind and language, and for
 * OCR its page. Stored beside each value, so a snippet can say where it comes from.
 *
 * @param kind "transcript", "translation", "ocr-plain", or {@link #PAGE_OCR} for a page's OCR
 * @param language ISO 639 code, or null when unknown (a page's OCR in a record that names no
 *     language)
 * @param page the page (1-based) for a page's OCR, else null
 */
record TextSource(int ordinal, String kind, String language, Integer page) {
  /** The kind of a page's OCR layer. */
  static final String PAGE_OCR = "ocr";

  String encode() {
    return ordinal
        + "\t"
        + kind
        + "\t"
        + (language == null ? "" : language)
        + "\t"
        + (page == null ? "" : page);
  }

  static TextSource decode(String s) {
    String[] parts = s.split("\t", -1);
    return new TextSource(
        Integer.parseInt(parts[0]),
        parts[1],
        parts[2].isEmpty() ? null : parts[2],
        parts[3].isEmpty() ? null : Integer.valueOf(parts[3]));
  }
}
