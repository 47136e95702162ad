package org.dossier.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Marks the query's matches in the stored title and summary of hits. The query searches the
 * catch-all {@code text} field, so terms of every searchable field count as matches in the shown
 * ones; titles and summaries are short, so each is shown whole rather than cut into passages.
 */
final class Highlighter extends UnifiedHighlighter {
  private static final int MAX_LENGTH = 20_000;

  Highlighter(IndexSearcher searcher, Analyzer indexAnalyzer) {
    super(
        UnifiedHighlighter.builder(searcher, indexAnalyzer)
            .withFieldMatcher(IndexFields.SEARCHABLE::contains)
            .withBreakIterator(Highlighter::whole)
            .withFormatter(new SnippetFormatter())
            .withMaxLength(MAX_LENGTH)
            .withMaxNoHighlightPassages(0));
  }

  private static BreakIterator whole() {
    return new WholeBreakIterator();
  }

  /**
   * For each field, one {@link Snippet} per document (in the order given), or null where nothing
   * matched.
   */
  Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds) throws IOException {
    int[] passages = new int[fields.length];
    java.util.Arrays.fill(passages, 1);
    return highlightFieldsAsObjects(fields, query, docIds, passages);
  }
}
