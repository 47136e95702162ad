package org.dossier.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 639 language codes: every ISO 639-3 code and every ISO 639-1 code, with their English names.
 * The ISO 639-3 list ({@code iso-639.tsv} beside this class, with the ISO 639-1 code of each
 * language that has one) is generated from SIL's code tables (see its header); the JDK's ISO 639-1
 * list adds the two-letter codes of collective languages. A code is valid only in lower case, as
 * ISO 639 writes it.
 */
public final class Iso639 {

  /** Codes ISO 639-1 replaced (by he, id, yi) that the JDK still lists. */
  private static final java.util.Set<String> WITHDRAWN = java.util.Set.of("iw", "in", "ji");

  private static final Map<String, String> NAMES = load();

  /** ISO 639-3 codes to the ISO 639-1 code of the same language, where there is one. */
  private static final Map<String, String> TWO_LETTER = twoLetter();

  private Iso639() {}

  /** True for an ISO 639-1 code ("en") or an ISO 639-3 code ("eng", "kor", "tlh"). */
  public static boolean isCode(String code) {
    return code != null && NAMES.containsKey(code);
  }

  /** The English name of a language ("ru" and "rus": "Russian"), if the code is one. */
  public static Optional<String> name(String code) {
    return Optional.ofNullable(code == null ? null : NAMES.get(code));
  }

  /**
   * The code as a BCP 47 (RFC 5646) primary language subtag: the ISO 639-1 code of a language that
   * has one ("rus" → "ru"), any other code as it is ("ru", "tlh"). BCP 47 takes the shortest ISO
   * 639 code of a language.
   */
  public static String languageSubtag(String code) {
    return code == null ? null : TWO_LETTER.getOrDefault(code, code);
  }

  private static Map<String, String> twoLetter() {
    try (InputStream in = Iso639.class.getResourceAsStream("iso-639.tsv")) {
      if (in == null) {
        throw new IllegalStateException("iso-639.tsv is missing from the class path");
      }
      Map<String, String> codes = new HashMap<>(256);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (!cells[1].isEmpty()) {
          codes.put(cells[0], cells[1]);
        }
      }
      return Map.copyOf(codes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ISO 639 list", e);
    }
  }

  private static Map<String, String> load() {
    try (InputStream in = Iso639.class.getResourceAsStream("iso-639.tsv")) {
      if (in == null) {
        throw new IllegalStateException("iso-639.tsv is missing from the class path");
      }
      Map<String, String> names = new HashMap<>(16_384);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        names.put(cells[0], cells[2]);
        if (!cells[1].isEmpty()) {
          names.put(cells[1], cells[2]);
        }
      }
      // ISO 639-1 codes for collective languages ("bh", Bihari) have no ISO 639-3 entry: the JDK's
      // ISO 639-1 list adds them. It also keeps the withdrawn iw, in and ji, which are left out.
      for (String code : java.util.Locale.getISOLanguages()) {
        if (!WITHDRAWN.contains(code) && !names.containsKey(code)) {
          names.put(
              code,
              java.util.Locale.forLanguageTag(code).getDisplayLanguage(java.util.Locale.ENGLISH));
        }
      }
      return Map.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ISO 639 list", e);
    }
  }
}
