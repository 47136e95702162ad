package org.dossier.iiif.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a search or autocomplete request as this server reads them (Search 2.0 §4.1.1
 * and §5.1, 1.0 §3.2.1 and §4.2).
 *
 * <ul>
 *   <li>{@code q}: the words to find; several words are a phrase (the spec leaves the meaning of
 *       several terms to the server). Absent or empty, a search is not restricted by it and lists
 *       every annotation; autocomplete requires it.
 *   <li>{@code motivation}: honoured (see {@link SearchApi#selects}).
 *   <li>{@code date}, {@code user}: not implemented (annotations here have neither a creation date
 *       nor a creator), so ignored and reported in {@code ignored} as both versions require.
 *   <li>{@code min} (autocomplete only): honoured.
 *   <li>{@code page}: this server's own, numbering the pages of a long answer from 1.
 * </ul>
 *
 * @param q the query, or null when absent or blank
 * @param motivation the motivation filter, or null
 * @param min the fewest occurrences of an autocomplete term (1 when absent)
 * @param page the requested page of the answer, from 1
 * @param ignored the parameters received but not implemented, in the order of the spec's table
 */
record SearchRequest(String q, String motivation, int min, int page, List<String> ignored) {

  /** Parameters defined by the Search APIs that this server does not implement. */
  static final List<String> NOT_IMPLEMENTED = List.of("date", "user");

  /** The highest page number accepted; far beyond any answer, it keeps the arithmetic in range. */
  static final int MAX_PAGE = 1_000_000;

  /**
   * Reads the parameters of a request (their first values).
   *
   * @param autocomplete true for an autocomplete request, which requires {@code q} and accepts
   *     {@code min}
   * @param maxQueryLength the longest {@code q} accepted, in characters
   * @throws SearchException 400 for a missing autocomplete {@code q}, a {@code q} that is too long,
   *     or a {@code min} or {@code page} that is not a positive whole number
   */
  static SearchRequest parse(
      Map<String, List<String>> parameters, boolean autocomplete, int maxQueryLength) {
    String q = first(parameters, "q");
    if (q != null && q.isBlank()) {
      q = null;
    }
    if (q == null && autocomplete) {
      throw SearchException.badRequest(
          "autocomplete needs the parameter q: the first characters of a word");
    }
    if (q != null && q.length() > maxQueryLength) {
      throw SearchException.badRequest(
          "q is "
              + q.length()
              + " characters long; this service accepts at most "
              + maxQueryLength);
    }
    String motivation = first(parameters, "motivation");
    if (motivation != null && motivation.isBlank()) {
      motivation = null;
    }
    int min = autocomplete ? positive(parameters, "min", Integer.MAX_VALUE) : 1;
    int page = positive(parameters, "page", MAX_PAGE);
    List<String> ignored = new ArrayList<>();
    for (String name : NOT_IMPLEMENTED) {
      if (parameters.containsKey(name)) {
        ignored.add(name);
      }
    }
    return new SearchRequest(q, motivation, min, page, List.copyOf(ignored));
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A whole number from 1 to {@code max}, 1 when absent or empty. */
  private static int positive(Map<String, List<String>> parameters, String name, int max) {
    String value = first(parameters, name);
    if (value == null || value.isBlank()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw SearchException.badRequest(
        name + " must be a whole number from 1 to " + max + ", not '" + abbreviate(value) + "'");
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
