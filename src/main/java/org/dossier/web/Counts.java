package org.dossier.web;

import java.util.Locale;

/** Numbers as pages show them: 743,057 rather than 743057. */
public final class Counts {
  private Counts() {}

  public static String of(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }
}
