package org.dossier.urls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Names (of people, places, subjects, document types) as path segments, the way Wikipedia titles
 * are: spaces become underscores; letters, digits, '-', '.', '~' stay; everything else (an
 * underscore included) is percent-encoded as UTF-8. Reversible, so two names never share a URI and
 * the name can be read back from the URI.
 */
public final class Slugs {
  private Slugs() {}

  public static String slug(String name) {
    StringBuilder s = new StringBuilder(name.length() + 8);
    for (byte b : name.strip().getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == ' ') {
        s.append('_');
      } else if (Urls.isUnreserved(c) && c != '_') {
        s.append((char) c);
      } else {
        Urls.percent(s, c);
      }
    }
    return s.toString();
  }

  /**
   * The name a slug stands for, or empty when the text is not a slug {@link #slug} could have
   * written (so that each thing is served under one URI only).
   */
  public static Optional<String> unslug(String slug) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < slug.length(); i++) {
      char c = slug.charAt(i);
      if (c == '_') {
        bytes.write(' ');
      } else if (c == '%' && i + 2 < slug.length()) {
        int hi = Character.digit(slug.charAt(i + 1), 16);
        int lo = Character.digit(slug.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c < 128) {
        bytes.write(c);
      } else {
        return Optional.empty();
      }
    }
    String name = bytes.toString(StandardCharsets.UTF_8);
    return !name.isBlank() && slug(name).equals(slug) ? Optional.of(name) : Optional.empty();
  }
}
