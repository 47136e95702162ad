package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveDateTest {
  @ParameterizedTest
  @CsvSource({
    "1950, YEAR, 1950-01-01, 1950-12-31",
    "1950-04, MONTH, 1950-04-01, 1950-04-30",
    "1952-02, MONTH, 1952-02-01, 1952-02-29",
    "1949-03-05, DAY, 1949-03-05, 1949-03-05"
  })
  void keepsThePrecisionTheArchiveGives(
      String text, ArchiveDate.Precision precision, LocalDate start, LocalDate end) {
    ArchiveDate d = ArchiveDate.parse(text);
    assertEquals(precision, d.precision());
    assertEquals(start, d.start());
    assertEquals(end, d.end());
    assertEquals(text, d.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1950-13-45",
        "1950-02-30",
        "1950-00",
        "1950-13",
        "April 1950",
        "50",
        "1950-4",
        ""
      })
  void refusesImpossibleOrMalformedDates(String text) {
    assertThrows(IllegalArgumentException.class, () -> ArchiveDate.parse(text));
  }
}
