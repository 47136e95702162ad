package org.dossier.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
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
 */
final class QueryText {
  /** Longer input is cut: nobody types more, and it bounds the number of clauses. */
  static final int MAX_LENGTH = 500;

  /** The query and whether it had to be read as plain words. */
  record Parsed(Query query, boolean plainWords) {}

  private QueryText() {}

  static Parsed parse(String text, Analyzer analyzer) {
    String input = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    if (input.isBlank()) {
      return new Parsed(new MatchAllDocsQuery(), false);
    }
    QueryParser parser = new FieldRestrictingParser(analyzer);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    // "Heon-yeong" analyses to heonyeong | heon yeong: keep the two-word side a phrase.
    parser.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    parser.setAllowLeadingWildcard(false);
    try {
      return new Parsed(parser.parse(input), false);
    } catch (ParseException | IndexSearcher.TooManyClauses | IllegalArgumentException e) {
      return plainWords(input, analyzer);
    }
  }

  /** Every word of the text, required, with no syntax at all. */
  static Parsed plainWords(String text, Analyzer analyzer) {
    try {
      Query q = new QueryBuilder(analyzer).createBooleanQuery(IndexFields.TEXT, text, BooleanClause.Occur.MUST);
      return new Parsed(q == null ? new MatchNoDocsQuery("no words") : q, true);
    } catch (IndexSearcher.TooManyClauses e) {
      return new Parsed(new MatchNoDocsQuery("too many words"), true);
    }
  }

  /** Searches the default field for "field:words" when the field is not one of the index's. */
  private static final class FieldRestrictingParser extends QueryParser {
    FieldRestrictingParser(Analyzer analyzer) {
      super(IndexFields.TEXT, analyzer);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
      if (IndexFields.SEARCHABLE.contains(field)) {
        return super.getFieldQuery(field, queryText, quoted);
      }
      return super.getFieldQuery(IndexFields.TEXT, field + " " + queryText, quoted);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
      return super.getFieldQuery(IndexFields.SEARCHABLE.contains(field) ? field : IndexFields.TEXT, queryText, slop);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
      return super.getPrefixQuery(IndexFields.SEARCHABLE.contains(field) ? field : IndexFields.TEXT, termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
      return super.getWildcardQuery(IndexFields.SEARCHABLE.contains(field) ? field : IndexFields.TEXT, termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
      return super.getFuzzyQuery(IndexFields.SEARCHABLE.contains(field) ? field : IndexFields.TEXT, termStr, minSimilarity);
    }
  }
}
