package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "The value MUST be drawn from the set of Creative Commons license URIs, the RightsStatements.org
 * rights statement URIs…" (§3.3.2).
 */
class RightsUriTest {

  @Test
  void creativeCommonsAndRightsStatementsUrisAreKeptInTheirHttpForm() {
    assertEquals(
        Optional.of("http://rightsstatements.org/vocab/CNE/1.0/"),
        RightsUri.of("http://rightsstatements.org/vocab/CNE/1.0/"));
    assertEquals(
        Optional.of("http://rightsstatements.org/vocab/InC/1.0/"),
        RightsUri.of("https://rightsstatements.org/page/InC/1.0/?language=en"));
    assertEquals(
        Optional.of("http://creativecommons.org/licenses/by/4.0/"),
        RightsUri.of("https://creativecommons.org/licenses/by/4.0/"));
    assertEquals(
        Optional.of("http://creativecommons.org/publicdomain/zero/1.0/"),
        RightsUri.of("http://creativecommons.org/publicdomain/zero/1.0/"));
  }

  @Test
  void otherUrisAreNotRights() {
    assertEquals(Optional.empty(), RightsUri.of("https://example.org/terms"));
    assertEquals(Optional.empty(), RightsUri.of(null));
  }
}
