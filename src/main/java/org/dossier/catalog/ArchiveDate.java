package org.dossier.catalog;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document's date at the precision the archive gives it: a year, a month or a day. "April, 1950"
 * stays a month; no day is ever invented.
 */
public record ArchiveDate(int year, int month, int day, Precision precision) {

  public enum Precision {
    YEAR,
    MONTH,
    DAY
  }

  private static final Pattern ISO = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

  /**
   * Parses {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}.
   *
   * @throws IllegalArgumentException for another form or an impossible date such as 1950-13-45
   */
  public static ArchiveDate parse(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
    }
    int year = Integer.parseInt(m.group(1));
    try {
      if (m.group(2) == null) {
        return new ArchiveDate(year, 0, 0, Precision.YEAR);
      }
      int month = Integer.parseInt(m.group(2));
      if (m.group(3) == null) {
        YearMonth.of(year, month);
        return new ArchiveDate(year, month, 0, Precision.MONTH);
      }
      int day = Integer.parseInt(m.group(3));
      LocalDate.of(year, month, day);
      return new ArchiveDate(year, month, day, Precision.DAY);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a real date: " + e.getMessage());
    }
  }

  /** The first day of the period: the day itself, the first of the month, or 1 January. */
  public LocalDate start() {
    return LocalDate.of(year, Math.max(month, 1), Math.max(day, 1));
  }

  /** The last day of the period. */
  public LocalDate end() {
    return switch (precision) {
      case DAY -> start();
      case MONTH -> YearMonth.of(year, month).atEndOfMonth();
      case YEAR -> LocalDate.of(year, 12, 31);
    };
  }

  /** The ISO 8601 form at this precision: 1950, 1950-04 or 1950-04-12. */
  @Override
  public String toString() {
    return switch (precision) {
      case YEAR -> String.format("%04d", year);
      case MONTH -> String.format("%04d-%02d", year, month);
      case DAY -> String.format("%04d-%02d-%02d", year, month, day);
    };
  }
}
