package org.dossier.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns what a reader typed into a Lucene query. The classic query syntax is accepted (phrases in
 * quotes, {@code stalin*}, {@code AND}/{@code OR}/{@code NOT}, {@code title:telegram}), all words
 * are required by default, and anything the parser cannot read is searched as plain words instead,
 * so a stray quote or bracket never ends in an error.
 *
 * <p>A word or phrase without a field is searched in the record's metadata ({@code text}) and in
 * each of its text fields, analysed by each field's own analyzer (stemmed as English in {@code
 * text_en}, as Russian in {@code text_ru}, as pairs of characters in {@code text_other}): the
 * record matches when every word is found in one of them. A phrase matches within one text.
 */
final class QueryText {
  /** Longer input is cut: nobody types more, and it bounds the number of clauses. */
  static final int MAX_LENGTH = 500;

  /** The query and whether it had to be read as plain words. */
  record Parsed(Query query, boolean plainWords) {}

  private QueryText() {}

  /** Parses against the metadata only. */
  static Parsed parse(String text, Analyzer analyzer) {
    return parse(text, analyzer, List.of());
  }

  /**
   * Parses a query.
   *
   * @param textFields the text fields to search besides the metadata: those the index holds, so an
   *     index without texts answers single-field queries (whose totals it knows without counting)
   */
  static Parsed parse(String text, Analyzer analyzer, List<String> textFields) {
    String input = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    if (input.isBlank()) {
      return new Parsed(new MatchAllDocsQuery(), false);
    }
    QueryParser parser = new FieldRestrictingParser(analyzer, textFields);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    // Word by word: each word may be found in another field (the title, a transcript, a
    // translation).
    parser.setSplitOnWhitespace(true);
    // "Heon-yeong" analyses to heonyeong | heon yeong: keep the two-word side a phrase.
    parser.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    parser.setAllowLeadingWildcard(false);
    try {
      return new Parsed(parser.parse(input), false);
    } catch (ParseException | IndexSearcher.TooManyClauses | IllegalArgumentException e) {
      return plainWords(input, analyzer, textFields);
    }
  }

  /** Every word of the text, required, with no syntax at all, against the metadata only. */
  static Parsed plainWords(String text, Analyzer analyzer) {
    return plainWords(text, analyzer, List.of());
  }

  /**
   * Every word of the text, required, with no syntax at all: each found in the metadata or a text.
   */
  static Parsed plainWords(String text, Analyzer analyzer, List<String> textFields) {
    try {
      QueryBuilder builder = new QueryBuilder(analyzer);
      if (textFields.isEmpty()) {
        Query q = builder.createBooleanQuery(IndexFields.TEXT, text, BooleanClause.Occur.MUST);
        return new Parsed(q == null ? new MatchNoDocsQuery("no words") : q, true);
      }
      BooleanQuery.Builder all = new BooleanQuery.Builder();
      int words = 0;
      for (String word : text.strip().split("\\s+")) {
        List<Query> inFields = new ArrayList<>();
        addTo(
            inFields, builder.createBooleanQuery(IndexFields.TEXT, word, BooleanClause.Occur.MUST));
        for (String field : textFields) {
          addTo(inFields, builder.createPhraseQuery(field, word));
        }
        Query q = anyOf(inFields);
        if (q != null) {
          all.add(q, BooleanClause.Occur.MUST);
          words++;
        }
      }
      return new Parsed(words == 0 ? new MatchNoDocsQuery("no words") : all.build(), true);
    } catch (IndexSearcher.TooManyClauses e) {
      return new Parsed(new MatchNoDocsQuery("too many words"), true);
    }
  }

  private static void addTo(List<Query> queries, Query q) {
    if (q != null) {
      queries.add(q);
    }
  }

  /** One of the queries, or null when there is none. */
  private static Query anyOf(List<Query> queries) {
    if (queries.isEmpty()) {
      return null;
    }
    if (queries.size() == 1) {
      return queries.get(0);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    queries.forEach(q -> b.add(q, BooleanClause.Occur.SHOULD));
    return b.build();
  }

  /**
   * Searches the default field for "field:words" when the field is not one of the index's, and
   * searches the default field as the metadata and every text field.
   */
  private static final class FieldRestrictingParser extends QueryParser {
    private final List<String> textFields;

    /**
     * True while one field's query is being made for {@link #everywhere}, which must not expand
     * again.
     */
    private boolean expanding;

    FieldRestrictingParser(Analyzer analyzer, List<String> textFields) {
      super(IndexFields.TEXT, analyzer);
      this.textFields = textFields;
    }

    /** One field's query. */
    private interface PerField {
      Query query(String field) throws ParseException;
    }

    /** The query in {@code text} and in every text field, any of which may match. */
    private Query everywhere(PerField perField) throws ParseException {
      expanding = true;
      try {
        List<Query> queries = new ArrayList<>();
        addTo(queries, perField.query(IndexFields.TEXT));
        for (String field : textFields) {
          addTo(queries, perField.query(field));
        }
        return anyOf(queries);
      } finally {
        expanding = false;
      }
    }

    private static String known(String field) {
      return IndexFields.SEARCHABLE.contains(field) ? field : IndexFields.TEXT;
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted)
        throws ParseException {
      if (expanding) {
        return super.getFieldQuery(field, queryText, quoted);
      }
      if (!IndexFields.SEARCHABLE.contains(field)) {
        return getFieldQuery(IndexFields.TEXT, field + " " + queryText, quoted);
      }
      if (field.equals(IndexFields.TEXT)) {
        // In a text field a word that falls apart ("Heon-yeong", 金日成 as its pairs) is a phrase.
        return everywhere(
            f -> super.getFieldQuery(f, queryText, quoted || !f.equals(IndexFields.TEXT)));
      }
      return super.getFieldQuery(field, queryText, quoted);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
      if (known(field).equals(IndexFields.TEXT)) {
        return everywhere(f -> super.getFieldQuery(f, queryText, slop));
      }
      return super.getFieldQuery(field, queryText, slop);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
      if (known(field).equals(IndexFields.TEXT)) {
        return everywhere(f -> super.getPrefixQuery(f, termStr));
      }
      return super.getPrefixQuery(field, termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
      if (known(field).equals(IndexFields.TEXT)) {
        return everywhere(f -> super.getWildcardQuery(f, termStr));
      }
      return super.getWildcardQuery(field, termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
        throws ParseException {
      if (known(field).equals(IndexFields.TEXT)) {
        return everywhere(f -> super.getFuzzyQuery(f, termStr, minSimilarity));
      }
      return super.getFuzzyQuery(field, termStr, minSimilarity);
    }
  }
}
