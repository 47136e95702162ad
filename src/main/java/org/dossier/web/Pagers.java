package org.dossier.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Builds page links: the first, the last and two either side of the current one, gaps between. */
final class Pagers {
  private Pagers() {}

  static Views.Pager of(int current, int last, IntFunction<String> url) {
    List<Views.PageLink> pages = new ArrayList<>();
    int previousShown = 0;
    for (int n = 1; n <= last; n++) {
      if (n == 1 || n == last || Math.abs(n - current) <= 2) {
        if (n - previousShown > 1) {
          pages.add(new Views.PageLink(0, null, false));
        }
        pages.add(new Views.PageLink(n, url.apply(n), n == current));
        previousShown = n;
      }
    }
    return new Views.Pager(
        current,
        last,
        current > 1 ? url.apply(current - 1) : null,
        current < last ? url.apply(current + 1) : null,
        pages);
  }
}
