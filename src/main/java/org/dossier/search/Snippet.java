package org.dossier.search;

import java.util.List;

/**
 * A piece of text with the words that matched a query marked, ready to be shown: the page escapes
 * each segment and wraps the matching ones in {@code <mark>}.
 */
public record Snippet(List<Segment> segments) {

  /** A run of text that either matched the query or did not. */
  public record Segment(String text, boolean match) {}

  public Snippet {
    segments = List.copyOf(segments);
  }

  /** Text with nothing marked. */
  public static Snippet plain(String text) {
    return new Snippet(
        text == null || text.isEmpty() ? List.of() : List.of(new Segment(text, false)));
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  public boolean hasMatch() {
    return segments.stream().anyMatch(Segment::match);
  }

  /** The text without marks. */
  public String text() {
    StringBuilder s = new StringBuilder();
    segments.forEach(seg -> s.append(seg.text()));
    return s.toString();
  }
}
