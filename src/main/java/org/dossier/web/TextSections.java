package org.dossier.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.RecordText;
import org.dossier.search.Snippet;
import org.dossier.search.TextSnippet;

/**
 * The texts of a document page: one section per text, its paragraphs as {@link Snippet}s so that
 * the words a search matched are marked and everything else is escaped by the template like any
 * other text. The matches come from the search index ({@code SearchIndex.inRecord}), which analysed
 * the query as it analysed the text, so "telegrams" marks "telegram".
 */
final class TextSections {
  /** Scripts written right to left, by ISO 639 code, for the {@code dir} attribute. */
  private static final Set<String> RIGHT_TO_LEFT =
      Set.of(
          "ar", "ara", "he", "heb", "fa", "fas", "per", "ur", "urd", "yi", "yid", "ps", "pus", "sd",
          "snd", "ug", "uig", "dv", "div", "syr", "ku", "ckb");

  private TextSections() {}

  /** A text of the record or the reading text of a page's OCR. */
  private record Source(String kind, String language, Integer page, String text) {}

  /**
   * The record's texts, or when it has none, its pages' OCR, page by page.
   *
   * @param plainUrls the text/plain URL of each text, in order, or null for OCR pages
   * @param found the places the query matched (empty when the page was not reached from a search)
   */
  static List<Views.TextSection> of(
      List<RecordText> texts, List<String> plainUrls, List<PageOcr> ocr, List<TextSnippet> found) {
    List<Source> sources = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (!texts.isEmpty()) {
      for (RecordText t : texts) {
        sources.add(new Source(t.kind(), t.language(), null, t.text()));
        labels.add(label(t.kind(), t.language()));
      }
    } else {
      for (PageOcr p : ocr) {
        sources.add(new Source("ocr", null, p.page(), p.readingText()));
        labels.add("Page " + p.page() + " (OCR)");
      }
    }
    List<TreeMap<Integer, Integer>> ranges = new ArrayList<>();
    sources.forEach(s -> ranges.add(new TreeMap<>()));
    for (TextSnippet place : found) {
      locate(sources, ranges, place);
    }
    List<Views.TextSection> sections = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      String anchor = s.page() != null ? "text-page-" + s.page() : "text-" + (i + 1);
      List<Snippet> paragraphs = paragraphs(s.text(), ranges.get(i));
      sections.add(
          new Views.TextSection(
              anchor,
              labels.get(i),
              s.language(),
              direction(s.language()),
              plainUrls == null || s.page() != null ? null : plainUrls.get(i),
              paragraphs,
              ranges.get(i).size()));
    }
    return sections;
  }

  /** "Transcript (Russian)", "Translation (English)", "OCR text (German)". */
  static String label(String kind, String language) {
    String k =
        switch (kind) {
          case "transcript" -> "Transcript";
          case "translation" -> "Translation";
          case "ocr-plain" -> "OCR text";
          default -> kind;
        };
    return language == null || language.isBlank() ? k : k + " (" + Languages.name(language) + ")";
  }

  static String direction(String language) {
    return language != null && RIGHT_TO_LEFT.contains(language.toLowerCase(Locale.ROOT))
        ? "rtl"
        : null;
  }

  /**
   * Finds the matches of one snippet in the text it came from: the snippet's segments follow each
   * other from its offset (after the ellipsis that opens a snippet cut from the middle of a text).
   * A range is kept only where the text there reads as the snippet says, so a snippet of a text the
   * index holds in another version marks nothing rather than the wrong words.
   */
  private static void locate(
      List<Source> sources, List<TreeMap<Integer, Integer>> ranges, TextSnippet place) {
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      int index = i;
      boolean same =
          place.page() != null
              ? Objects.equals(place.page(), s.page())
              : s.page() == null
                  && place.kind().equals(s.kind())
                  && Objects.equals(place.language(), s.language());
      if (!same) {
        continue;
      }
      List<int[]> marks = new ArrayList<>();
      if (matches(s.text(), place, marks)) {
        marks.forEach(m -> ranges.get(index).put(m[0], m[1]));
        return;
      }
    }
  }

  private static boolean matches(String text, TextSnippet place, List<int[]> marks) {
    List<Snippet.Segment> segments = place.snippet().segments();
    int pos = place.offset();
    int first = 0;
    if (pos > 0
        && !segments.isEmpty()
        && !segments.get(0).match()
        && segments.get(0).text().equals("… ")) {
      first = 1;
    }
    for (int j = first; j < segments.size(); j++) {
      Snippet.Segment seg = segments.get(j);
      if (j == segments.size() - 1 && !seg.match() && seg.text().equals(" …")) {
        break;
      }
      if (!text.startsWith(seg.text(), pos)) {
        return false;
      }
      if (seg.match()) {
        marks.add(new int[] {pos, pos + seg.text().length()});
      }
      pos += seg.text().length();
    }
    return true;
  }

  /**
   * The text's paragraphs (split at blank lines; single line ends are kept and shown by the style
   * sheet), each a snippet with its marked ranges.
   */
  static List<Snippet> paragraphs(String text, TreeMap<Integer, Integer> marks) {
    List<Snippet> paragraphs = new ArrayList<>();
    java.util.regex.Matcher blank =
        java.util.regex.Pattern.compile("\\n[ \\t\\r\\f]*\\n\\s*").matcher(text);
    int start = 0;
    while (start <= text.length()) {
      int end = text.length();
      int next = text.length() + 1;
      if (blank.find(start)) {
        end = blank.start();
        next = blank.end();
      }
      Snippet p = paragraph(text, start, end, marks);
      if (!p.text().isBlank()) {
        paragraphs.add(p);
      }
      start = next;
    }
    return paragraphs;
  }

  private static Snippet paragraph(
      String text, int start, int end, TreeMap<Integer, Integer> marks) {
    List<Snippet.Segment> segments = new ArrayList<>();
    int pos = start;
    for (var m : marks.subMap(start, end).entrySet()) {
      int ms = Math.max(m.getKey(), pos);
      int me = Math.min(m.getValue(), end);
      if (me <= ms) {
        continue;
      }
      if (ms > pos) {
        segments.add(new Snippet.Segment(text.substring(pos, ms), false));
      }
      segments.add(new Snippet.Segment(text.substring(ms, me), true));
      pos = me;
    }
    if (pos < end) {
      segments.add(new Snippet.Segment(text.substring(pos, end), false));
    }
    return new Snippet(segments);
  }
}
