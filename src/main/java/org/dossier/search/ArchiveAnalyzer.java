package org.dossier.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ConditionalTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * How archive text becomes search terms. Names are transliterated in several ways ("Pak
 * Heon-yeong", "Pak Heonyeong"), so a hyphen- or apostrophe-joined word is indexed both as its parts
 * and as one catenated word: "Heon-yeong" yields heon, yeong and heonyeong, so "heon yeong",
 * "Heonyeong" and "Heon-yeong" all find it. Diacritics and case are folded (Pásztor = pasztor) and
 * plural endings are removed (telegrams = telegram).
 *
 * <p>The index-time analyzer flattens the word-delimiter graph, as the index cannot store a graph;
 * the query-time analyzer keeps it, so the query parser turns "Heon-yeong" into
 * {@code heonyeong OR "heon yeong"}.
 */
public final class ArchiveAnalyzer extends Analyzer {
  /** Gap between the values of a multi-valued field, so no phrase matches across two names. */
  private static final int VALUE_GAP = 100;

  private static final int WORD_DELIMITER_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
      | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
      | WordDelimiterGraphFilter.CATENATE_WORDS
      | WordDelimiterGraphFilter.CATENATE_NUMBERS
      | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

  private final boolean forIndexing;

  private ArchiveAnalyzer(boolean forIndexing) {
    this.forIndexing = forIndexing;
  }

  /** The analyzer documents are indexed with. */
  public static ArchiveAnalyzer forIndexing() {
    return new ArchiveAnalyzer(true);
  }

  /** The analyzer queries are parsed with. */
  public static ArchiveAnalyzer forQueries() {
    return new ArchiveAnalyzer(false);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    // Tokens are runs of letters and digits with the joiners inside words kept, so that the
    // word-delimiter filter sees "Heon-yeong" whole; other punctuation ends a token.
    Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(ArchiveAnalyzer::isWordChar);
    // Fold first: the delimiter filter then sees ASCII apostrophes and letters ("Kim’s" -> "Kim's").
    TokenStream stream = new ASCIIFoldingFilter(tokenizer);
    // Only joined words go through the word-delimiter graph: it is the costly step of the chain.
    stream = new JoinedWords(stream, forIndexing);
    stream = new LowerCaseFilter(stream);
    stream = new EnglishMinimalStemFilter(stream);
    return new TokenStreamComponents(tokenizer, stream);
  }

  /** Prefix and wildcard terms are not tokenized, only folded as indexed words are. */
  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(new ASCIIFoldingFilter(in));
  }

  @Override
  public int getPositionIncrementGap(String fieldName) {
    return VALUE_GAP;
  }

  /** Splits and catenates the tokens that contain a joiner, and passes every other token as it is. */
  private static final class JoinedWords extends ConditionalTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    JoinedWords(TokenStream input, boolean forIndexing) {
      super(input, in -> {
        TokenStream split = new WordDelimiterGraphFilter(in, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE,
            WORD_DELIMITER_FLAGS, null);
        return forIndexing ? new FlattenGraphFilter(split) : split;
      });
    }

    @Override
    protected boolean shouldFilter() {
      char[] buffer = term.buffer();
      for (int i = 0; i < term.length(); i++) {
        char c = buffer[i];
        if (c == '-' || c == '\'' || !Character.isLetterOrDigit(c)) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean isWordChar(int c) {
    return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
        || c == '-' || c == '\'' || c == '\u2019' || c == '\u2010' || c == '\u2011';
  }
}
