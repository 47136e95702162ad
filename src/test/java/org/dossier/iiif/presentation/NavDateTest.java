package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dossier.catalog.ArchiveDate;
import org.junit.jupiter.api.Test;

class NavDateTest {

  @Test
  void navDateIsMidnightUtcOfTheFirstDayOfThePeriod() {
    assertEquals("1950-04-12T00:00:00Z", NavDate.of(ArchiveDate.parse("1950-04-12")));
    assertEquals("1950-04-01T00:00:00Z", NavDate.of(ArchiveDate.parse("1950-04")));
    assertEquals("1950-01-01T00:00:00Z", NavDate.of(ArchiveDate.parse("1950")));
  }

  @Test
  void displayKeepsThePrecision() {
    assertEquals("5 March 1949", NavDate.display(ArchiveDate.parse("1949-03-05")));
    assertEquals("April 1950", NavDate.display(ArchiveDate.parse("1950-04")));
    assertEquals("1950", NavDate.display(ArchiveDate.parse("1950")));
  }
}
