package org.dossier.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's passages into a {@link Snippet} rather than markup, so the page template
 * escapes the text itself. Overlapping matches (a catenated word and its parts) are merged.
 */
final class SnippetFormatter extends PassageFormatter {
  private static final String ELLIPSIS = " … ";

  @Override
  public Object format(Passage[] passages, String content) {
    List<Snippet.Segment> segments = new ArrayList<>();
    int passageIndex = 0;
    for (Passage passage : passages) {
      if (passageIndex++ > 0) {
        segments.add(new Snippet.Segment(ELLIPSIS, false));
      }
      int[][] matches = merged(passage);
      int pos = passage.getStartOffset();
      for (int[] m : matches) {
        int start = Math.max(m[0], pos);
        int end = Math.min(m[1], passage.getEndOffset());
        if (end <= start) {
          continue;
        }
        if (start > pos) {
          segments.add(new Snippet.Segment(content.substring(pos, start), false));
        }
        segments.add(new Snippet.Segment(content.substring(start, end), true));
        pos = end;
      }
      if (pos < passage.getEndOffset()) {
        segments.add(new Snippet.Segment(content.substring(pos, passage.getEndOffset()), false));
      }
    }
    return new Snippet(segments);
  }

  static int[][] merged(Passage passage) {
    int n = passage.getNumMatches();
    int[][] spans = new int[n][];
    for (int i = 0; i < n; i++) {
      spans[i] = new int[] {passage.getMatchStarts()[i], passage.getMatchEnds()[i]};
    }
    Arrays.sort(
        spans, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    List<int[]> out = new ArrayList<>();
    for (int[] s : spans) {
      int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && s[0] <= last[1]) {
        last[1] = Math.max(last[1], s[1]);
      } else {
        out.add(s.clone());
      }
    }
    return out.toArray(new int[0][]);
  }
}
