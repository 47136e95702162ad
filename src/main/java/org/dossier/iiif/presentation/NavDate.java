package org.dossier.iiif.presentation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dossier.catalog.ArchiveDate;

/**
 * Dates as Presentation documents give them. {@code navDate} (Presentation 3.0 §3.4, "navDate") is
 * an xsd:dateTime in UTC; for a month or a year it is the start of the period, midnight of its
 * first day, since a day that the archive does not give cannot be invented. For display, the date
 * keeps its own precision: "5 March 1949", "April 1950", "1950".
 */
final class NavDate {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

  private NavDate() {}

  /** {@code 1950-04-01T00:00:00Z} for April 1950. */
  static String of(ArchiveDate date) {
    return INSTANT.format(date.start().atStartOfDay().atOffset(ZoneOffset.UTC));
  }

  /** The date for people, at its precision. */
  static String display(ArchiveDate date) {
    return switch (date.precision()) {
      case DAY -> DAY.format(date.start());
      case MONTH -> MONTH.format(date.start());
      case YEAR -> Integer.toString(date.year());
    };
  }
}
