package org.dossier.iiif.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionTreeTest {
  private final CollectionTree tree = new CollectionTree(1000);

  @Test
  void aCollectionWithinThePageSizeIsOneDocument() {
    assertTrue(tree.isLeaf(MemberRange.all(1000)));
    assertEquals(List.of(), tree.children(MemberRange.all(1000)));
    assertTrue(tree.isLeaf(MemberRange.all(0)));
  }

  @Test
  void aMillionMembersTakeOneLevelOfAThousandChildren() {
    List<MemberRange> children = tree.children(MemberRange.all(1_000_000));
    assertEquals(1000, children.size());
    assertEquals(new MemberRange(1, 1000), children.get(0));
    assertEquals(new MemberRange(999_001, 1_000_000), children.get(999));
  }

  @Test
  void oneMoreThanAMillionTakesASecondLevel() {
    List<MemberRange> children = tree.children(MemberRange.all(1_000_001));
    assertEquals(
        List.of(new MemberRange(1, 1_000_000), new MemberRange(1_000_001, 1_000_001)), children);
    assertEquals(1000, tree.children(children.get(0)).size());
    assertEquals(
        List.of(
            MemberRange.all(1_000_001), new MemberRange(1, 1_000_000), new MemberRange(2001, 3000)),
        tree.path(1_000_001, new MemberRange(2001, 3000)).orElseThrow());
  }

  @Test
  void rangesThatAreNotNodesOfTheTreeAreNotFound() {
    assertTrue(tree.path(5000, new MemberRange(1, 999)).isEmpty());
    assertTrue(tree.path(5000, new MemberRange(1001, 2001)).isEmpty());
    assertTrue(tree.path(5000, new MemberRange(5001, 6000)).isEmpty());
    assertTrue(tree.path(5000, new MemberRange(4001, 5000)).isPresent());
  }
}
