package org.dossier.iiif.presentation;

import java.util.List;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Presentation 3.0 language maps (§4.3, "label"): an object from a BCP 47 tag to a list of strings.
 * The catalog's descriptions (titles, summaries, names) are written in English whatever the
 * language of the document itself, so every value is tagged {@code en}.
 */
final class LanguageMap {
  static final String LANGUAGE = "en";

  private LanguageMap() {}

  static ObjectNode of(String... values) {
    return of(List.of(values));
  }

  static ObjectNode of(List<String> values) {
    ObjectNode map = RecordJson.MAPPER.createObjectNode();
    values.forEach(map.putArray(LANGUAGE)::add);
    return map;
  }

  /** A metadata or requiredStatement entry: {@code {"label": {...}, "value": {...}}}. */
  static ObjectNode pair(String label, List<String> values) {
    ObjectNode pair = RecordJson.MAPPER.createObjectNode();
    pair.set("label", of(label));
    pair.set("value", of(values));
    return pair;
  }
}
