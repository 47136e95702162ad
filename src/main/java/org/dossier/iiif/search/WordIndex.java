package org.dossier.iiif.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.RecordText;

/**
 * The searchable text of one record, compact and immutable, built once per record state and kept in
 * {@link IndexCache}: the words in reading order with their boxes, and for every distinct word
 * ({@link Folding#key}) the positions where it occurs.
 *
 * <p>The text comes from the pages' OCR when any page has some: each word then has a box on its
 * page's canvas. A record without page OCR is searched in its texts (transcripts, translations),
 * whose words have no place on a canvas. When a record has both, the texts are left out: they
 * render the same pages, and a hit a viewer cannot place on a page (Mirador jumps to the first hit
 * it lists) would only duplicate the placed one.
 *
 * <p>Terms: a <em>word</em> is a logical word (a word hyphenated across two lines is one word with
 * two <em>parts</em>, one box each); words are numbered in reading order across every page, so a
 * phrase can run on across a line or a page. Each part belongs to a <em>line</em> of a page.
 * Printed tokens with no letter or digit (a dash) are parts of no word: phrases pass over them.
 */
final class WordIndex {
  static final WordIndex EMPTY = new Builder().build();

  /** A text stream: the page OCR (kind and language null) or one record text. */
  record Stream(String kind, String language, int firstWord, int endWord) {
    boolean isOcr() {
      return kind == null;
    }
  }

  /** A line of a page's OCR. */
  record Line(int page, int number, boolean boxed, int x, int y, int w, int h, String text) {}

  /**
   * The matched words of one hit that fall on one line (OCR) or in one text: one annotation of the
   * answer. Word numbers are from 1 within the line (OCR parts) or within the text.
   *
   * @param line the line's number on its page, from 1; 0 for a record text
   * @param stream the index of the record text in {@link #streams()}; the OCR stream otherwise
   */
  record Segment(
      int stream,
      int page,
      int line,
      boolean boxed,
      int x,
      int y,
      int w,
      int h,
      int firstWord,
      int lastWord,
      String text) {

    /**
     * A name for the segment, unique within the record: {@code p3-l12-w4-5} or {@code
     * transcript-en-w7-8}.
     */
    String key(List<Stream> streams) {
      Stream s = streams.get(stream);
      String words = "-w" + firstWord + "-" + lastWord;
      return s.isOcr() ? "p" + page + "-l" + line + words : s.kind() + "-" + s.language() + words;
    }
  }

  /**
   * Where one hit is and what surrounds it.
   *
   * @param exact the matched text as read (a hyphenated word whole), without the punctuation around
   *     it
   * @param prefix the text just before {@code exact} (a few words), empty at the start of a text
   * @param suffix the text just after {@code exact}, empty at the end
   */
  record HitText(List<Segment> segments, String prefix, String exact, String suffix) {}

  /** Words of context on either side of a hit. */
  static final int CONTEXT_WORDS = 5;

  private final String text;
  private final List<Stream> streams;
  // words
  private final int[] start;
  private final int[] end;
  private final int[] termOf;
  private final int[] firstPart;
  private final int[] lastPart;
  // parts
  private final int[] partLine;
  private final int[] partBox;
  private final int[] partWord;
  private final Map<Integer, String> partTexts;
  // lines
  private final int[] linePage;
  private final int[] lineNumber;
  private final int[] lineBox;
  private final int[] lineFirstPart;
  private final boolean[] lineBoxed;
  // terms
  private final Map<String, Integer> termIds;
  private final String[] termKeys;
  private final String[] termDisplay;
  private final int[][] postings;
  private final int[] termsByKey;
  private final long weight;

  private WordIndex(Builder b) {
    text = b.text.toString();
    streams = List.copyOf(b.streams);
    start = b.start.toArray();
    end = b.end.toArray();
    termOf = b.termOf.toArray();
    firstPart = b.firstPart.toArray();
    lastPart = b.lastPart.toArray();
    partLine = b.partLine.toArray();
    partBox = b.partBox.toArray();
    partWord = b.partWord.toArray();
    partTexts = Map.copyOf(b.partTexts);
    linePage = b.linePage.toArray();
    lineNumber = b.lineNumber.toArray();
    lineBox = b.lineBox.toArray();
    lineFirstPart = b.lineFirstPart.toArray(partLine.length);
    lineBoxed = new boolean[linePage.length];
    for (int i = 0; i < lineBoxed.length; i++) {
      lineBoxed[i] = b.lineBoxed.get(i) != 0;
    }
    int terms = b.terms.size();
    termKeys = new String[terms];
    termDisplay = new String[terms];
    postings = new int[terms][];
    Map<String, Integer> ids = new HashMap<>(terms * 2);
    for (int t = 0; t < terms; t++) {
      Builder.Term term = b.terms.get(t);
      termKeys[t] = term.key;
      termDisplay[t] = term.display();
      postings[t] = term.positions.toArray();
      ids.put(term.key, t);
    }
    termIds = ids;
    Integer[] order = new Integer[terms];
    for (int t = 0; t < terms; t++) {
      order[t] = t;
    }
    Arrays.sort(order, Comparator.comparing(t -> termKeys[t]));
    termsByKey = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    weight = estimateWeight();
  }

  /** The index of a record's text: its page OCR, or its texts when no page has OCR (see above). */
  static WordIndex of(List<PageOcr> pages, List<RecordText> texts) {
    Builder b = new Builder();
    List<PageOcr> ordered = pages.stream().sorted(Comparator.comparingInt(PageOcr::page)).toList();
    boolean hasOcr = ordered.stream().anyMatch(p -> p.wordCount() > 0);
    if (hasOcr) {
      b.addOcr(ordered);
    } else {
      texts.forEach(b::addText);
    }
    return b.build();
  }

  boolean isEmpty() {
    return start.length == 0;
  }

  List<Stream> streams() {
    return streams;
  }

  /** True when the text comes from page OCR, false when from record texts (or there is none). */
  boolean fromOcr() {
    return !streams.isEmpty() && streams.get(0).isOcr();
  }

  int wordCount() {
    return start.length;
  }

  /** Bytes this index holds, roughly: what the cache is bounded by. */
  long weight() {
    return weight;
  }

  /**
   * Where the phrase of {@code keys} (one key: a single word) begins, in reading order; a phrase
   * does not run from one text into another.
   *
   * @return the first word of every occurrence
   */
  int[] find(List<String> keys) {
    int n = keys.size();
    if (n == 0) {
      return new int[0];
    }
    int[] ids = new int[n];
    int rarest = 0;
    for (int j = 0; j < n; j++) {
      Integer id = termIds.get(keys.get(j));
      if (id == null) {
        return new int[0];
      }
      ids[j] = id;
      if (postings[id].length < postings[ids[rarest]].length) {
        rarest = j;
      }
    }
    int[] candidates = postings[ids[rarest]];
    IntList found = new IntList(Math.min(candidates.length, 1024));
    for (int position : candidates) {
      int first = position - rarest;
      if (first < 0 || first + n > start.length) {
        continue;
      }
      boolean all = true;
      for (int j = 0; j < n && all; j++) {
        all = termOf[first + j] == ids[j];
      }
      if (all && (n == 1 || streamOf(first) == streamOf(first + n - 1))) {
        found.add(first);
      }
    }
    return found.toArray();
  }

  /** The index in {@link #streams()} of the stream that holds word {@code word}. */
  int streamOf(int word) {
    int lo = 0;
    int hi = streams.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (streams.get(mid).firstWord() <= word) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The segments and the context of the hit of {@code count} words from word {@code first}. */
  HitText hit(int first, int count) {
    int last = first + count - 1;
    int stream = streamOf(first);
    Stream s = streams.get(stream);
    List<Segment> segments = new ArrayList<>(2);
    if (s.isOcr()) {
      int from = firstPart[first];
      int to = lastPart[last];
      int segmentStart = from;
      for (int p = from; p <= to; p++) {
        if (p == to || partLine[p + 1] != partLine[p]) {
          segments.add(ocrSegment(stream, segmentStart, p));
          segmentStart = p + 1;
        }
      }
    } else {
      segments.add(
          new Segment(
              stream,
              0,
              0,
              false,
              0,
              0,
              0,
              0,
              first - s.firstWord() + 1,
              last - s.firstWord() + 1,
              text.substring(start[first], end[last])));
    }
    int exactFrom = Folding.wordStart(text, start[first], end[first]);
    int exactTo = Folding.wordEnd(text, start[last], end[last]);
    // The context: a few words either way within the stream, with the punctuation of the matched
    // tokens themselves ("(bird)," gives prefix "… (", exact "bird", suffix "),").
    int before = Math.max(s.firstWord(), first - CONTEXT_WORDS);
    int after = Math.min(s.endWord() - 1, last + CONTEXT_WORDS);
    String prefix = text.substring(start[before], exactFrom);
    String suffix = text.substring(exactTo, end[after]);
    return new HitText(segments, prefix, text.substring(exactFrom, exactTo), suffix);
  }

  /**
   * How many annotations the hit of {@code count} words from {@code first} gives: the lines it
   * touches.
   */
  int segmentCount(int first, int count) {
    if (!streams.get(streamOf(first)).isOcr()) {
      return 1;
    }
    int n = 1;
    for (int p = firstPart[first]; p < lastPart[first + count - 1]; p++) {
      if (partLine[p + 1] != partLine[p]) {
        n++;
      }
    }
    return n;
  }

  private Segment ocrSegment(int stream, int fromPart, int toPart) {
    int line = partLine[fromPart];
    int x1 = Integer.MAX_VALUE;
    int y1 = Integer.MAX_VALUE;
    int x2 = Integer.MIN_VALUE;
    int y2 = Integer.MIN_VALUE;
    StringBuilder words = new StringBuilder();
    for (int p = fromPart; p <= toPart; p++) {
      int box = p * 4;
      x1 = Math.min(x1, partBox[box]);
      y1 = Math.min(y1, partBox[box + 1]);
      x2 = Math.max(x2, partBox[box] + partBox[box + 2]);
      y2 = Math.max(y2, partBox[box + 1] + partBox[box + 3]);
      if (words.length() > 0) {
        words.append(' ');
      }
      words.append(partText(p));
    }
    int base = lineFirstPart[line] - 1;
    return new Segment(
        stream,
        linePage[line],
        lineNumber[line],
        lineBoxed[line],
        x1,
        y1,
        x2 - x1,
        y2 - y1,
        fromPart - base,
        toPart - base,
        words.toString());
  }

  /** The part as printed: the word itself, or its printed half when it is hyphenated. */
  private String partText(int part) {
    String printed = partTexts.get(part);
    return printed != null ? printed : text.substring(start[partWord[part]], end[partWord[part]]);
  }

  /** Every line of the page OCR that has words, in reading order. */
  List<Line> lines() {
    List<Line> lines = new ArrayList<>(linePage.length);
    for (int i = 0; i < linePage.length; i++) {
      int from = lineFirstPart[i];
      int to = lineFirstPart[i + 1];
      if (from == to) {
        continue;
      }
      StringBuilder s = new StringBuilder();
      for (int p = from; p < to; p++) {
        if (p > from) {
          s.append(' ');
        }
        s.append(partText(p));
      }
      int box = i * 4;
      lines.add(
          new Line(
              linePage[i],
              lineNumber[i],
              lineBoxed[i],
              lineBox[box],
              lineBox[box + 1],
              lineBox[box + 2],
              lineBox[box + 3],
              s.toString()));
    }
    return lines;
  }

  /** The text of a record-text stream, its words joined by single spaces. */
  String streamText(int stream) {
    Stream s = streams.get(stream);
    return s.endWord() == s.firstWord()
        ? ""
        : text.substring(start[s.firstWord()], end[s.endWord() - 1]);
  }

  /** A word of the text and how often it occurs: an autocomplete suggestion. */
  record Term(String value, int count) {}

  /**
   * The words that begin with {@code prefix} (compared as {@link Folding#fold}ed), most frequent
   * first, then in alphabetical order.
   *
   * @param min the fewest occurrences a word must have
   * @param limit the most words to return
   */
  List<Term> complete(String prefix, int min, int limit) {
    String p = Folding.fold(prefix);
    if (p.isEmpty()) {
      return List.of();
    }
    int lo = 0;
    int hi = termsByKey.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (termKeys[termsByKey[mid]].compareTo(p) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<Integer> matching = new ArrayList<>();
    for (int i = lo; i < termsByKey.length && termKeys[termsByKey[i]].startsWith(p); i++) {
      if (postings[termsByKey[i]].length >= min) {
        matching.add(termsByKey[i]);
      }
    }
    matching.sort(
        Comparator.<Integer>comparingInt(t -> -postings[t].length)
            .thenComparing(t -> termDisplay[t]));
    return matching.stream()
        .limit(limit)
        .map(t -> new Term(termDisplay[t], postings[t].length))
        .toList();
  }

  private long estimateWeight() {
    long ints = (long) start.length * 5 + partLine.length * 6L + linePage.length * 7L;
    long terms = 0;
    for (int t = 0; t < termKeys.length; t++) {
      terms += 96 + 2L * (termKeys[t].length() + termDisplay[t].length()) + 4L * postings[t].length;
    }
    return 256 + 2L * text.length() + 4 * ints + terms + partTexts.size() * 64L;
  }

  /** Collects a record's words; {@link WordIndex} keeps them in arrays. */
  static final class Builder {
    private static final class Term {
      final String key;
      final IntList positions = new IntList(4);
      final Map<String, Integer> forms = new HashMap<>(2);

      Term(String key) {
        this.key = key;
      }

      /** The form most often printed, in lower case: what autocomplete suggests. */
      String display() {
        String best = key;
        int most = 0;
        for (Map.Entry<String, Integer> form : forms.entrySet()) {
          int n = form.getValue();
          if (n > most || (n == most && form.getKey().compareTo(best) < 0)) {
            best = form.getKey();
            most = n;
          }
        }
        return best;
      }
    }

    /**
     * What a printed token is: its term (or -1 for punctuation), its form for suggestions, and how
     * often it was printed (counted here, one map lookup a word, and summed per form at the end).
     */
    private static final class Token {
      final int term;
      final String form;
      int count;

      Token(int term, String form) {
        this.term = term;
        this.form = form;
      }
    }

    final StringBuilder text = new StringBuilder();
    final List<Stream> streams = new ArrayList<>();
    final IntList start = new IntList(1024);
    final IntList end = new IntList(1024);
    final IntList termOf = new IntList(1024);
    final IntList firstPart = new IntList(1024);
    final IntList lastPart = new IntList(1024);
    final IntList partLine = new IntList(1024);
    final IntList partBox = new IntList(4096);
    final IntList partWord = new IntList(1024);
    final Map<Integer, String> partTexts = new HashMap<>();
    final IntList linePage = new IntList(64);
    final IntList lineNumber = new IntList(64);
    final IntList lineBox = new IntList(256);
    final IntList lineFirstPart = new IntList(64);
    final IntList lineBoxed = new IntList(64);
    final List<Term> terms = new ArrayList<>();
    private final Map<String, Integer> termIds = new HashMap<>();
    private final Map<String, Token> tokens = new HashMap<>();

    void addOcr(List<PageOcr> pages) {
      int firstWord = start.size();
      String openWhole =
          null; // the whole word whose first, hyphenated part was the last part added
      int openWord = -1;
      for (PageOcr page : pages) {
        int number = 0;
        for (OcrLine line : page.lines()) {
          number++;
          int lineIndex = linePage.size();
          linePage.add(page.page());
          lineNumber.add(number);
          lineBox.add(line.x()).add(line.y()).add(line.w()).add(line.h());
          lineFirstPart.add(partLine.size());
          lineBoxed.add(page.hasBoxes() ? 1 : 0);
          for (OcrWord word : line.words()) {
            int part = partLine.size();
            partLine.add(lineIndex);
            partBox.add(word.x()).add(word.y()).add(word.w()).add(word.h());
            if (word.whole() != null && word.whole().equals(openWhole)) {
              // The second half of a hyphenated word: a second box of the word already added.
              partWord.add(openWord);
              partTexts.put(part, word.text());
              lastPart.set(openWord, part);
              openWhole = null;
              continue;
            }
            String reading = word.whole() != null ? word.whole() : word.text();
            int w = addWord(reading, part);
            partWord.add(w);
            if (w < 0) {
              partTexts.put(part, word.text());
              openWhole = null;
            } else if (word.whole() != null) {
              partTexts.put(part, word.text());
              openWhole = word.whole();
              openWord = w;
            } else {
              openWhole = null;
            }
          }
        }
      }
      streams.add(new Stream(null, null, firstWord, start.size()));
    }

    void addText(RecordText t) {
      int firstWord = start.size();
      if (text.length() > 0) {
        text.append('\n');
      }
      for (String token : t.text().split("[\\s\\p{Z}]+")) {
        if (token.isEmpty()) {
          continue;
        }
        int part = partLine.size();
        partLine.add(-1);
        partBox.add(0).add(0).add(0).add(0);
        int w = addWord(token, part);
        partWord.add(w);
        if (w < 0) {
          partTexts.put(part, token);
        }
      }
      streams.add(new Stream(t.kind(), t.language(), firstWord, start.size()));
    }

    /**
     * Adds a token to the text; a token with a letter or digit becomes the next word.
     *
     * @return the word's number, or -1 for punctuation
     */
    private int addWord(String reading, int part) {
      if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
        text.append(' ');
      }
      int from = text.length();
      text.append(reading);
      Token token = tokens.get(reading);
      if (token == null) {
        token = token(reading);
        tokens.put(reading, token);
      }
      if (token.term < 0) {
        return -1;
      }
      int w = start.size();
      start.add(from);
      end.add(text.length());
      termOf.add(token.term);
      firstPart.add(part);
      lastPart.add(part);
      terms.get(token.term).positions.add(w);
      token.count++;
      return w;
    }

    private Token token(String reading) {
      String form = Folding.strip(reading);
      String key = Folding.fold(form);
      if (key.isEmpty()) {
        return new Token(-1, null);
      }
      int id =
          termIds.computeIfAbsent(
              key,
              k -> {
                terms.add(new Term(k));
                return terms.size() - 1;
              });
      return new Token(id, form.toLowerCase(Locale.ROOT));
    }

    WordIndex build() {
      for (Token token : tokens.values()) {
        if (token.term >= 0) {
          terms.get(token.term).forms.merge(token.form, token.count, Integer::sum);
        }
      }
      return new WordIndex(this);
    }
  }

  /** A growable list of ints, so that the index holds arrays rather than boxed numbers. */
  static final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
      values = new int[Math.max(4, capacity)];
    }

    IntList add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
      return this;
    }

    void set(int index, int value) {
      values[index] = value;
    }

    int get(int index) {
      return values[index];
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }

    /** The values with one more at the end (a sentinel that closes the last range). */
    int[] toArray(int sentinel) {
      int[] a = Arrays.copyOf(values, size + 1);
      a[size] = sentinel;
      return a;
    }
  }
}
