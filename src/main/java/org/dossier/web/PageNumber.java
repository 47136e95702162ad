package org.dossier.web;

import java.util.Optional;

/** The {@code page} query parameter: absent means 1; otherwise a whole number from 1 to 100,000. */
final class PageNumber {
  static final int MAX = 100_000;

  private PageNumber() {}

  /** The page number, or empty when the parameter is not a valid one. */
  static Optional<Integer> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(1);
    }
    String t = text.strip();
    if (!t.matches("[0-9]{1,6}")) {
      return Optional.empty();
    }
    int n = Integer.parseInt(t);
    return n >= 1 && n <= MAX ? Optional.of(n) : Optional.empty();
  }
}
