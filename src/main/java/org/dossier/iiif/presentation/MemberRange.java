package org.dossier.iiif.presentation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of a collection's members by position in its order, 1-based and inclusive, such as {@code
 * 1001-2000}: what one node of a split collection covers. Written into child collection URLs as
 * {@code {first}-{last}}.
 */
public record MemberRange(long first, long last) {
  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,17})-([1-9][0-9]{0,17})");

  /** All {@code total} members: the range of a collection's root node (empty for no members). */
  public static MemberRange all(long total) {
    return new MemberRange(1, total);
  }

  /**
   * Parses {@code first-last} from a URL.
   *
   * @throws PresentationException 404 for anything else: no such child collection exists
   */
  public static MemberRange parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw PresentationException.notFound("no child collection '" + text + "'");
    }
    long first = Long.parseLong(m.group(1));
    long last = Long.parseLong(m.group(2));
    if (last < first) {
      throw PresentationException.notFound("no child collection '" + text + "'");
    }
    return new MemberRange(first, last);
  }

  public long size() {
    return last - first + 1;
  }

  /** The offset of the first member, for the catalog's 0-based listing. */
  public long offset() {
    return first - 1;
  }

  public boolean contains(MemberRange other) {
    return other.first >= first && other.last <= last;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
