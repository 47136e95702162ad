package org.dossier.web;

import java.util.Map;

/** Readable names for the rights statements and licences archives commonly use, by URI. */
final class Rights {
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("http://rightsstatements.org/vocab/InC/1.0/", "In Copyright"),
          Map.entry(
              "http://rightsstatements.org/vocab/InC-OW-EU/1.0/", "In Copyright - EU Orphan Work"),
          Map.entry(
              "http://rightsstatements.org/vocab/InC-EDU/1.0/",
              "In Copyright - Educational Use Permitted"),
          Map.entry(
              "http://rightsstatements.org/vocab/InC-NC/1.0/",
              "In Copyright - Non-Commercial Use Permitted"),
          Map.entry(
              "http://rightsstatements.org/vocab/InC-RUU/1.0/",
              "In Copyright - Rights-holder(s) Unlocatable or Unidentifiable"),
          Map.entry(
              "http://rightsstatements.org/vocab/NoC-CR/1.0/",
              "No Copyright - Contractual Restrictions"),
          Map.entry(
              "http://rightsstatements.org/vocab/NoC-NC/1.0/",
              "No Copyright - Non-Commercial Use Only"),
          Map.entry(
              "http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
              "No Copyright - Other Known Legal Restrictions"),
          Map.entry(
              "http://rightsstatements.org/vocab/NoC-US/1.0/", "No Copyright - United States"),
          Map.entry("http://rightsstatements.org/vocab/CNE/1.0/", "Copyright Not Evaluated"),
          Map.entry("http://rightsstatements.org/vocab/UND/1.0/", "Copyright Undetermined"),
          Map.entry("http://rightsstatements.org/vocab/NKC/1.0/", "No Known Copyright"),
          Map.entry("http://creativecommons.org/publicdomain/mark/1.0/", "Public Domain Mark"),
          Map.entry("http://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
          Map.entry("http://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"),
          Map.entry("http://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"),
          Map.entry("http://creativecommons.org/licenses/by-nc/4.0/", "CC BY-NC 4.0"));

  private Rights() {}

  static String label(String uri) {
    if (uri == null) {
      return null;
    }
    String key = uri.replaceFirst("^https://", "http://");
    return LABELS.getOrDefault(key.endsWith("/") ? key : key + "/", uri);
  }
}
