package org.dossier.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the passages of a text field into {@link Place}s. The highlighter sees all the texts of a
 * field as one string, joined by {@link IndexFields#VALUE_SEPARATOR}; each place is cut back to the
 * one text it lies in (a passage that reaches into two texts with matches in both is two places),
 * and says which text that is and where in it the place starts.
 */
final class TextSnippetFormatter extends PassageFormatter {
  private static final String ELLIPSIS = "…";

  /**
   * A place in the {@code value}-th text of a field.
   *
   * @param offset where the snippet starts in that text
   * @param score how well the passage matched, to choose the best places of a hit
   */
  record Place(int value, int offset, float score, Snippet snippet) {}

  @Override
  public Object format(Passage[] passages, String content) {
    List<Integer> starts = valueStarts(content);
    List<Place> places = new ArrayList<>();
    for (Passage passage : passages) {
      int[][] matches = SnippetFormatter.merged(passage);
      if (matches.length == 0) {
        continue;
      }
      int value = valueAt(starts, matches[0][0]);
      int from = 0;
      while (from < matches.length) {
        int valueStart = starts.get(value);
        int valueEnd = value + 1 < starts.size() ? starts.get(value + 1) - 1 : content.length();
        int to = from;
        while (to < matches.length && matches[to][0] < valueEnd) {
          to++;
        }
        if (to > from) {
          places.add(place(content, passage, value, valueStart, valueEnd, matches, from, to));
        }
        from = to;
        if (from < matches.length) {
          value = valueAt(starts, matches[from][0]);
        }
      }
    }
    return places;
  }

  private static Place place(
      String content,
      Passage passage,
      int value,
      int valueStart,
      int valueEnd,
      int[][] matches,
      int from,
      int to) {
    int start = Math.max(passage.getStartOffset(), valueStart);
    int end = Math.min(passage.getEndOffset(), valueEnd);
    // Whitespace at the edges (line ends of OCR) is not part of what is shown.
    while (start < end && Character.isWhitespace(content.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
      end--;
    }
    List<Snippet.Segment> segments = new ArrayList<>();
    if (start > valueStart) {
      segments.add(new Snippet.Segment(ELLIPSIS + " ", false));
    }
    int pos = start;
    for (int i = from; i < to; i++) {
      int ms = Math.max(matches[i][0], pos);
      int me = Math.min(matches[i][1], end);
      if (me <= ms) {
        continue;
      }
      if (ms > pos) {
        segments.add(new Snippet.Segment(content.substring(pos, ms), false));
      }
      segments.add(new Snippet.Segment(content.substring(ms, me), true));
      pos = me;
    }
    if (pos < end) {
      segments.add(new Snippet.Segment(content.substring(pos, end), false));
    }
    if (end < valueEnd) {
      segments.add(new Snippet.Segment(" " + ELLIPSIS, false));
    }
    return new Place(value, start - valueStart, passage.getScore(), new Snippet(segments));
  }

  /** Where each text begins in the joined string. */
  private static List<Integer> valueStarts(String content) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = content.indexOf(IndexFields.VALUE_SEPARATOR);
        i >= 0;
        i = content.indexOf(IndexFields.VALUE_SEPARATOR, i + 1)) {
      starts.add(i + 1);
    }
    return starts;
  }

  private static int valueAt(List<Integer> starts, int offset) {
    int i = java.util.Collections.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }
}
