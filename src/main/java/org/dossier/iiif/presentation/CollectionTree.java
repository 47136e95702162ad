package org.dossier.iiif.presentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.urls.Urls;

/**
 * How a collection too large for one response is split: a node listing more than {@code pageSize}
 * members instead lists at most {@code pageSize} child collections of equal span (a power of the
 * page size), so every document stays bounded however large the collection grows. With a page size
 * of 1000, a million members take one level of children and a billion two.
 */
final class CollectionTree {
  /** The id of the collection of all collections. */
  static final String TOP = Urls.TOP_COLLECTION;

  /** The id of the collection of every document with scans, listed first in {@link #TOP}. */
  static final String ALL = Urls.ALL_DOCUMENTS_COLLECTION;

  private final int pageSize;

  CollectionTree(int pageSize) {
    if (pageSize < 2) {
      throw new IllegalArgumentException("page size must be at least 2");
    }
    this.pageSize = pageSize;
  }

  int pageSize() {
    return pageSize;
  }

  /** True when the node lists its members itself rather than child collections. */
  boolean isLeaf(MemberRange node) {
    return node.size() <= pageSize;
  }

  /** The child collections of a node, in order; empty for a leaf. */
  List<MemberRange> children(MemberRange node) {
    if (isLeaf(node)) {
      return List.of();
    }
    long span = pageSize;
    while (ceilDiv(node.size(), span) > pageSize) {
      span = Math.multiplyExact(span, pageSize);
    }
    List<MemberRange> children = new ArrayList<>();
    for (long first = node.first(); first <= node.last(); first += span) {
      children.add(new MemberRange(first, Math.min(node.last(), first + span - 1)));
    }
    return children;
  }

  /**
   * The nodes from the root of a collection of {@code total} members down to {@code node}, root
   * first; empty when the tree has no such node (a stale or made-up URL).
   */
  Optional<List<MemberRange>> path(long total, MemberRange node) {
    List<MemberRange> path = new ArrayList<>();
    MemberRange current = MemberRange.all(total);
    while (true) {
      path.add(current);
      if (current.equals(node)) {
        return Optional.of(path);
      }
      MemberRange next = null;
      for (MemberRange child : children(current)) {
        if (child.contains(node)) {
          next = child;
          break;
        }
      }
      if (next == null) {
        return Optional.empty();
      }
      current = next;
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
