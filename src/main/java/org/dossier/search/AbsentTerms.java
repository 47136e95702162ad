package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Drops the alternatives of a query that no record can match: a word sought in every text field is
 * usually in one or two of them. What is left is often a single term, whose total the index knows
 * without counting and whose best hits it finds by skipping (see {@link Searches}); a disjunction,
 * even with all but one side empty, has to be counted by visiting every match.
 */
final class AbsentTerms {
  private AbsentTerms() {}

  static Query prune(Query query, IndexReader reader) throws IOException {
    if (!(query instanceof BooleanQuery bq)) {
      return query;
    }
    List<BooleanClause> kept = new ArrayList<>();
    boolean changed = false;
    boolean onlyShould = true;
    for (BooleanClause c : bq.clauses()) {
      Query q = prune(c.getQuery(), reader);
      changed |= q != c.getQuery();
      if (c.getOccur() == BooleanClause.Occur.SHOULD
          && bq.getMinimumNumberShouldMatch() == 0
          && absent(q, reader)) {
        changed = true;
        continue;
      }
      onlyShould &= c.getOccur() == BooleanClause.Occur.SHOULD;
      kept.add(new BooleanClause(q, c.getOccur()));
    }
    if (!changed) {
      return query;
    }
    if (onlyShould && bq.getMinimumNumberShouldMatch() == 0) {
      if (kept.isEmpty()) {
        return new MatchNoDocsQuery("no word is in the index");
      }
      if (kept.size() == 1) {
        return kept.get(0).getQuery();
      }
    }
    BooleanQuery.Builder b =
        new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
    kept.forEach(b::add);
    return b.build();
  }

  private static boolean absent(Query q, IndexReader reader) throws IOException {
    return q instanceof MatchNoDocsQuery
        || q instanceof TermQuery t && reader.docFreq(t.getTerm()) == 0;
  }
}
