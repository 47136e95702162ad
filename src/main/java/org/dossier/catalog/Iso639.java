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
 * ISO 639 language codes: every ISO 639-3 code and the ISO 639-1 codes that stand for some of
 * them, with their English names. The list ({@code iso-639.tsv} beside this class) is generated
 * from SIL's code tables (see its header); a code is valid only in lower case, as ISO 639 writes it.
 */
public final class Iso639 {

  private static final Map<String, String> NAMES = load();

  private Iso639() {}

  /** True for an ISO 639-1 code ("en") or an ISO 639-3 code ("eng", "kor", "tlh"). */
  public static boolean isCode(String code) {
    return code != null && NAMES.containsKey(code);
  }

  /** The English name of a language ("ru" and "rus": "Russian"), if the code is one. */
  public static Optional<String> name(String code) {
    return Optional.ofNullable(code == null ? null : NAMES.get(code));
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
      return Map.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ISO 639 list", e);
    }
  }
}
