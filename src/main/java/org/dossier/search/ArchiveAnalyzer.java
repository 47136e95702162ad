package org.dossier.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ConditionalTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * How archive text becomes search terms. Names are transliterated in several ways ("Pak
 * Heon-yeong", "Pak Heonyeong"), so a hyphen- or apostrophe-joined word is indexed both as its
 * parts and as one catenated word: "Heon-yeong" yields heon, yeong and heonyeong, so "heon yeong",
 * "Heonyeong" and "Heon-yeong" all find it. Diacritics and case are folded (Pásztor = pasztor) and
 * plural endings are removed (telegrams = telegram).
 *
 * <p>The index-time analyzer flattens the word-delimiter graph, as the index cannot store a graph;
 * the query-time analyzer keeps it, so the query parser turns "Heon-yeong" into {@code heonyeong OR
 * "heon yeong"}.
 *
 * <p>A record's texts are analysed by their language group ({@link TextGroup}): English and Russian
 * words are split and joined as above and then stemmed (KStem: telegrams, telegram; Russian light
 * stemming: телеграммы, телеграмма), with no stop words, since every word of a query must be found
 * somewhere in the record. Other languages are split at Unicode word boundaries (UAX #29), folded,
 * and Chinese, Japanese and Korean are indexed as overlapping pairs of characters, which finds a
 * word inside a sentence written without spaces (and a Korean name with its particle attached)
 * without a dictionary that the names and old terms of an archive are missing from.
 */
public final class ArchiveAnalyzer extends Analyzer {
  /** Gap between the values of a multi-valued field, so no phrase matches across two names. */
  private static final int VALUE_GAP = 100;

  private static final int WORD_DELIMITER_FLAGS =
      WordDelimiterGraphFilter.GENERATE_WORD_PARTS
          | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
          | WordDelimiterGraphFilter.CATENATE_WORDS
          | WordDelimiterGraphFilter.CATENATE_NUMBERS
          | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

  private final boolean forIndexing;

  private ArchiveAnalyzer(boolean forIndexing) {
    // Per field: the fields of texts have chains of their own.
    super(PER_FIELD_REUSE_STRATEGY);
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
    TextGroup group = TextGroup.ofField(fieldName);
    if (group == TextGroup.OTHER) {
      Tokenizer tokenizer = new StandardTokenizer();
      // Full-width Latin and half-width katakana first, so that what follows sees one form of each.
      TokenStream stream = new CJKWidthFilter(tokenizer);
      stream = new LowerCaseFilter(stream);
      stream = new ASCIIFoldingFilter(stream);
      // Runs of Han, kana and Hangul (the tokenizer's types) become overlapping pairs; other words
      // pass.
      stream = new CJKBigramFilter(stream);
      return new TokenStreamComponents(tokenizer, stream);
    }
    // Tokens are runs of letters and digits with the joiners inside words kept, so that the
    // word-delimiter filter sees "Heon-yeong" whole; other punctuation ends a token.
    Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(ArchiveAnalyzer::isWordChar);
    // Fold first: the delimiter filter then sees ASCII apostrophes and letters ("Kim’s" ->
    // "Kim's").
    TokenStream stream = new ASCIIFoldingFilter(tokenizer);
    // Only joined words go through the word-delimiter graph: it is the costly step of the chain.
    stream = new JoinedWords(stream, forIndexing);
    stream = new LowerCaseFilter(stream);
    if (group == TextGroup.ENGLISH) {
      stream = new KStemFilter(stream);
    } else if (group == TextGroup.RUSSIAN) {
      stream = new RussianLightStemFilter(new YoAsYe(stream));
    } else {
      stream = new EnglishMinimalStemFilter(stream);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }

  /** Prefix and wildcard terms are not tokenized, only folded as indexed words are. */
  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    TextGroup group = TextGroup.ofField(fieldName);
    if (group == TextGroup.OTHER) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
    }
    TokenStream folded = new LowerCaseFilter(new ASCIIFoldingFilter(in));
    return group == TextGroup.RUSSIAN ? new YoAsYe(folded) : folded;
  }

  @Override
  public int getPositionIncrementGap(String fieldName) {
    return VALUE_GAP;
  }

  /**
   * Splits and catenates the tokens that contain a joiner, and passes every other token as it is.
   */
  private static final class JoinedWords extends ConditionalTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    JoinedWords(TokenStream input, boolean forIndexing) {
      super(
          input,
          in -> {
            TokenStream split =
                new WordDelimiterGraphFilter(
                    in,
                    true,
                    WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE,
                    WORD_DELIMITER_FLAGS,
                    null);
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

  /** Reads ё as е: Russian print mostly writes е for both, so a word must be found either way. */
  private static final class YoAsYe extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    YoAsYe(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws java.io.IOException {
      if (!input.incrementToken()) {
        return false;
      }
      char[] buffer = term.buffer();
      for (int i = 0; i < term.length(); i++) {
        if (buffer[i] == '\u0451') {
          buffer[i] = '\u0435';
        } else if (buffer[i] == '\u0401') {
          buffer[i] = '\u0415';
        }
      }
      return true;
    }
  }

  private static boolean isWordChar(int c) {
    return Character.isLetterOrDigit(c)
        || Character.getType(c) == Character.NON_SPACING_MARK
        || c == '-'
        || c == '\''
        || c == '\u2019'
        || c == '\u2010'
        || c == '\u2011';
  }
}
