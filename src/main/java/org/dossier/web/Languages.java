package org.dossier.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.search.FacetCount;

/**
 * Names of languages for readers: "ru" is shown as "Russian", a code Java does not know as itself.
 */
final class Languages {
  private Languages() {}

  static String name(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() || name.equalsIgnoreCase(code) ? code : name;
  }

  /** The names of the values of a language facet, by code. */
  static Map<String, String> names(List<FacetCount> values) {
    Map<String, String> names = new HashMap<>();
    values.forEach(c -> names.put(c.value(), name(c.value())));
    return names;
  }
}
