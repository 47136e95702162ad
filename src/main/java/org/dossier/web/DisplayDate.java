package org.dossier.web;

import java.time.format.TextStyle;
import java.util.Locale;
import org.dossier.catalog.ArchiveDate;

/**
 * A document's date as the archive's own pages write it, at the precision it has: "March 05, 1949"
 * on a collection page, "March 5, 1949" in search results, "April, 1950" for a month, "1950" for a
 * year. Never a day that the archive did not give.
 */
public final class DisplayDate {
  private DisplayDate() {}

  /** The collection pages' form, days in two digits: "July 04, 1950". */
  public static String padded(ArchiveDate date) {
    return format(date, true);
  }

  /** The search results' form: "July 4, 1950". */
  public static String plain(ArchiveDate date) {
    return format(date, false);
  }

  private static String format(ArchiveDate date, boolean padDay) {
    if (date == null) {
      return "Undated";
    }
    String month =
        date.precision() == ArchiveDate.Precision.YEAR
            ? null
            : java.time.Month.of(date.month()).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    return switch (date.precision()) {
      case YEAR -> Integer.toString(date.year());
      case MONTH -> month + ", " + date.year();
      case DAY ->
          month
              + " "
              + (padDay ? String.format("%02d", date.day()) : Integer.toString(date.day()))
              + ", "
              + date.year();
    };
  }
}
