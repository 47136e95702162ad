package org.dossier.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dossier.catalog.ArchiveDate;
import org.junit.jupiter.api.Test;

/** Dates as the seed pages write them, at the precision the archive gives. */
class DisplayDateTest {

  @Test
  void collectionPagesWriteDaysInTwoDigits() {
    assertEquals("March 05, 1949", DisplayDate.padded(ArchiveDate.parse("1949-03-05")));
    assertEquals("September 21, 1956", DisplayDate.padded(ArchiveDate.parse("1956-09-21")));
  }

  @Test
  void searchResultsWriteDaysAsNumbers() {
    assertEquals("July 8, 1950", DisplayDate.plain(ArchiveDate.parse("1950-07-08")));
  }

  @Test
  void aMonthOrAYearGetsNoInventedDay() {
    assertEquals("April, 1950", DisplayDate.padded(ArchiveDate.parse("1950-04")));
    assertEquals("April, 1950", DisplayDate.plain(ArchiveDate.parse("1950-04")));
    assertEquals("1950", DisplayDate.plain(ArchiveDate.parse("1950")));
    assertEquals("Undated", DisplayDate.plain(null));
  }
}
