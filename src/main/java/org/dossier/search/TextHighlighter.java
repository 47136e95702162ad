package org.dossier.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Cuts the places where a query matched out of records' texts: passages of about {@value
 * #PASSAGE_LENGTH} characters around the matches, broken between words (OCR has few sentence ends
 * to break at), the matches marked. The matches' offsets come from the postings, so no text is
 * analysed again; each text field is highlighted with its own terms only.
 */
final class TextHighlighter extends UnifiedHighlighter {
  /** The length a passage aims at, the match in its middle. */
  static final int PASSAGE_LENGTH = 160;

  /**
   * @param maxLength how much of a field's texts (all its values together) is looked through, in
   *     characters: it bounds what a results page reads of each very long document
   */
  TextHighlighter(IndexSearcher searcher, Analyzer indexAnalyzer, int maxLength) {
    super(
        UnifiedHighlighter.builder(searcher, indexAnalyzer)
            .withBreakIterator(TextHighlighter::passages)
            .withFormatter(new TextSnippetFormatter())
            .withMaxLength(maxLength)
            .withMaxNoHighlightPassages(0));
  }

  private static BreakIterator passages() {
    return LengthGoalBreakIterator.createClosestToLength(
        BreakIterator.getWordInstance(Locale.ROOT), PASSAGE_LENGTH, 0.5f);
  }

  /**
   * For each field, per document (in the order given), the {@link TextSnippetFormatter.Place}s that
   * matched as a {@code List}, or null where none did; at most {@code passages} per field.
   */
  Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds, int passages)
      throws IOException {
    int[] max = new int[fields.length];
    Arrays.fill(max, passages);
    return highlightFieldsAsObjects(fields, query, docIds, max);
  }
}
