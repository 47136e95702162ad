package org.dossier.oai;

/**
 * Text as XML 1.0 allows it (section 2.2, production Char): tab, line feed, carriage return and
 * U+0020 to U+D7FF, U+E000 to U+FFFD and the supplementary planes as proper surrogate pairs.
 * Everything else (other C0 controls, lone surrogates, U+FFFE, U+FFFF) is removed; any other
 * Unicode text passes through unchanged.
 */
final class XmlText {
  private XmlText() {}

  /** The text with the characters XML 1.0 forbids removed; null stays null. */
  static String clean(String text) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    int i = 0;
    // Fast path: nearly all text is below the surrogates and free of control characters.
    while (i < n) {
      char c = text.charAt(i);
      if (c < 0x20 ? c != 0x9 && c != 0xA && c != 0xD : c >= 0xD800) {
        break;
      }
      i++;
    }
    while (i < n && allowedAt(text, i)) {
      i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
    }
    if (i >= n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i);
      if (allowedAt(text, i)) {
        if (Character.isHighSurrogate(c)) {
          out.append(c).append(text.charAt(i + 1));
          i += 2;
          continue;
        }
        out.append(c);
      }
      i++;
    }
    return out.toString();
  }

  private static boolean allowedAt(String text, int i) {
    char c = text.charAt(i);
    if (c >= 0x20 && c <= 0xD7FF) {
      return true;
    }
    if (c == 0x9 || c == 0xA || c == 0xD) {
      return true;
    }
    if (c >= 0xE000 && c <= 0xFFFD) {
      return true;
    }
    return Character.isHighSurrogate(c)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }
}
