package org.dossier.iiif.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How words are compared: whole words, ignoring case and diacritics ("Ferenč" and "FERENC" are one
 * word, and so are "ёлка" and "елка"), with the punctuation around a word left out ("bird," is
 * "bird"). Both the text and the query go through {@link #key}, so they always agree.
 */
final class Folding {
  private Folding() {}

  /**
   * The comparison key of one printed word: its edge punctuation stripped, then {@link #fold}ed;
   * empty when the word has no letter or digit (a dash, a bullet).
   */
  static String key(String word) {
    return fold(strip(word));
  }

  /**
   * The word without the characters around it that are not part of a word ("(bird)," is "bird").
   */
  static String strip(String word) {
    int from = wordStart(word, 0, word.length());
    int to = wordEnd(word, from, word.length());
    return word.substring(from, to);
  }

  /**
   * Lower case without diacritics: canonical decomposition, combining marks dropped, recomposed (so
   * that Hangul syllables stay whole), then lower-cased with the root locale. A typographic
   * apostrophe becomes a plain one, as keyboards type it.
   */
  static String fold(String text) {
    if (isPlainAscii(text)) {
      return text.toLowerCase(Locale.ROOT);
    }
    String decomposed = Normalizer.normalize(text.replace('\u2019', '\''), Normalizer.Form.NFD);
    StringBuilder s = new StringBuilder(decomposed.length());
    decomposed.codePoints().filter(c -> !isMark(c)).forEach(s::appendCodePoint);
    return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /**
   * The query's words as keys, split at white space; words that are only punctuation are dropped.
   * Several words ask for a phrase: the words in a row.
   */
  static List<String> queryKeys(String q) {
    List<String> keys = new ArrayList<>();
    for (String word : q.strip().split("[\\s\\p{Z}]+")) {
      String key = key(word);
      if (!key.isEmpty()) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** Index of the first word character of {@code text[from, to)}, or {@code to}. */
  static int wordStart(CharSequence text, int from, int to) {
    int i = from;
    while (i < to) {
      int c = Character.codePointAt(text, i);
      if (isWordChar(c)) {
        return i;
      }
      i += Character.charCount(c);
    }
    return to;
  }

  /** Index just after the last word character of {@code text[from, to)}, or {@code from}. */
  static int wordEnd(CharSequence text, int from, int to) {
    int i = to;
    while (i > from) {
      int c = Character.codePointBefore(text, i);
      if (isWordChar(c)) {
        return i;
      }
      i -= Character.charCount(c);
    }
    return from;
  }

  /** Letters, digits and the combining marks that belong to them. */
  static boolean isWordChar(int c) {
    return Character.isLetterOrDigit(c) || isMark(c);
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean isPlainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        return false;
      }
    }
    return true;
  }
}
