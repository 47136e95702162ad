package org.dossier.search;

import java.util.Locale;

/**
 * The analysis groups of a record's texts, each a field of its own: English (stemmed with KStem),
 * Russian (light stemming, ё read as е), and every other language, CJK included (Unicode word
 * breaks, width and diacritics folded, Chinese, Japanese and Korean indexed as overlapping pairs of
 * characters). A text goes to the group of its ISO 639 language; a language without a group of its
 * own gains nothing from one: the other-language chain leaves its words whole and only folds them.
 */
enum TextGroup {
  ENGLISH("text_en"),
  RUSSIAN("text_ru"),
  OTHER("text_other");

  private final String field;

  TextGroup(String field) {
    this.field = field;
  }

  /** The field the group's texts are searched and stored in, one value per text or page. */
  String field() {
    return field;
  }

  /**
   * The stored field describing each value of {@link #field()}, in the same order (see {@link
   * TextSource}).
   */
  String sourceField() {
    return field + ".source";
  }

  /**
   * The group of a language code ("en", "eng", "ru", "zh-Hant"), or {@link #OTHER}; null is OTHER.
   */
  static TextGroup of(String language) {
    if (language == null) {
      return OTHER;
    }
    String code = language.toLowerCase(Locale.ROOT);
    int subtag = Math.max(code.indexOf('-'), code.indexOf('_'));
    if (subtag > 0) {
      code = code.substring(0, subtag);
    }
    return switch (code) {
      case "en", "eng" -> ENGLISH;
      case "ru", "rus" -> RUSSIAN;
      default -> OTHER;
    };
  }

  /** The group whose field this is, or null for a record-level field. */
  static TextGroup ofField(String field) {
    for (TextGroup g : values()) {
      if (g.field.equals(field)) {
        return g;
      }
    }
    return null;
  }
}
