package org.dossier.oai;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * A {@code from} or {@code until} argument (section 3.3.1): a UTC day {@code YYYY-MM-DD} or a UTC
 * second {@code YYYY-MM-DDThh:mm:ssZ}, the repository's finest granularity. A day means its first
 * second as {@code from} and its last second as {@code until}, as both bounds are inclusive.
 */
record DatestampArgument(String text, Instant instant, boolean dayGranularity) {
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern SECOND =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  /**
   * Parses a bound; {@code upper} says whether it is {@code until}. Null when the syntax is
   * illegal.
   */
  static DatestampArgument parse(String text, boolean upper) {
    try {
      if (DAY.matcher(text).matches()) {
        LocalDate day = LocalDate.parse(text);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new DatestampArgument(text, upper ? start.plusSeconds(86_399) : start, true);
      }
      if (SECOND.matcher(text).matches()) {
        return new DatestampArgument(text, Instant.parse(text), false);
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }
}
