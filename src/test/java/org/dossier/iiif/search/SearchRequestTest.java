package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

  private static SearchException refused(
      Map<String, List<String>> parameters, boolean autocomplete) {
    SearchException e =
        assertThrows(
            SearchException.class, () -> SearchRequest.parse(parameters, autocomplete, 100));
    assertEquals(400, e.status().getStatusCode());
    return e;
  }

  @Test
  void anEmptyOrMissingQRestrictsNothing() {
    assertNull(SearchRequest.parse(Map.of(), false, 100).q());
    assertNull(SearchRequest.parse(Map.of("q", List.of("")), false, 100).q());
    assertNull(SearchRequest.parse(Map.of("q", List.of("   ")), false, 100).q());
    assertNull(SearchRequest.parse(Map.of("motivation", List.of("")), false, 100).motivation());
  }

  @Test
  void autocompleteRequiresQ() {
    assertTrue(refused(Map.of(), true).getMessage().contains("q"));
    refused(Map.of("q", List.of(" ")), true);
    assertEquals("bi", SearchRequest.parse(Map.of("q", List.of("bi")), true, 100).q());
  }

  @Test
  void aQLongerThanTheLimitIsRefusedWithItsLength() {
    String q = "word ".repeat(2000);
    SearchException e = refused(Map.of("q", List.of(q)), false);
    assertTrue(e.getMessage().contains("10000") && e.getMessage().contains("100"), e.getMessage());
    refused(Map.of("q", List.of(q)), true);
    assertEquals(
        100, SearchRequest.parse(Map.of("q", List.of("x".repeat(100))), false, 100).q().length());
  }

  @Test
  void pageAndMinArePositiveWholeNumbers() {
    assertEquals(3, SearchRequest.parse(Map.of("page", List.of("3")), false, 100).page());
    assertEquals(1, SearchRequest.parse(Map.of("page", List.of("")), false, 100).page());
    refused(Map.of("page", List.of("0")), false);
    refused(Map.of("page", List.of("-1")), false);
    refused(Map.of("page", List.of("two")), false);
    refused(Map.of("page", List.of("99999999999999999999")), false);
    refused(Map.of("page", List.of("1000001")), false);
    assertEquals(
        2, SearchRequest.parse(Map.of("q", List.of("b"), "min", List.of("2")), true, 100).min());
    assertTrue(
        refused(Map.of("q", List.of("b"), "min", List.of("0")), true).getMessage().contains("min"));
    assertEquals(
        1,
        SearchRequest.parse(Map.of("min", List.of("nonsense")), false, 100).min(),
        "min is not a search parameter");
  }

  @Test
  void dateAndUserAreTheIgnoredParametersWhenReceived() {
    assertEquals(
        List.of("date", "user"),
        SearchRequest.parse(
                Map.of(
                    "user",
                    List.of("u"),
                    "date",
                    List.of(""),
                    "q",
                    List.of("x"),
                    "foo",
                    List.of("bar")),
                false,
                100)
            .ignored());
    assertEquals(List.of(), SearchRequest.parse(Map.of("q", List.of("x")), false, 100).ignored());
  }

  @Test
  void theFirstValueOfARepeatedParameterCounts() {
    assertEquals(
        "first", SearchRequest.parse(Map.of("q", List.of("first", "second")), false, 100).q());
  }
}
