package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldingTest {

  @Test
  void caseAndDiacriticsDoNotCount() {
    assertEquals("ferenc", Folding.key("Ferenč"));
    assertEquals("ferenc", Folding.key("FERENC"));
    assertEquals("елка", Folding.key("Ёлка"));
    assertEquals(Folding.key("Ёлка"), Folding.key("елка"));
    assertEquals("uber", Folding.key("Über"));
    // A decomposed accent (e + combining acute) folds like the precomposed one.
    assertEquals(Folding.key("caf\u00e9"), Folding.key("cafe\u0301"));
  }

  @Test
  void punctuationAroundAWordIsNotPartOfIt() {
    assertEquals("bird", Folding.key("(bird),"));
    assertEquals("bird", Folding.key("\"Bird!\""));
    assertEquals("well-known", Folding.key("well-known."));
    assertEquals("", Folding.key("—"));
    assertEquals("", Folding.key("..."));
    assertEquals("don't", Folding.key("don\u2019t"));
  }

  @Test
  void hangulSyllablesStayWholeAndHanIsKept() {
    assertEquals("조선", Folding.key("조선"));
    assertEquals("中国", Folding.key("「中国」"));
  }

  @Test
  void aQueryIsItsWordsSplitAtWhiteSpaceWithoutPunctuation() {
    assertEquals(List.of("hand", "is"), Folding.queryKeys("  Hand\u00a0 is, "));
    assertEquals(List.of("hand", "is"), Folding.queryKeys("\"hand is\""));
    assertEquals(List.of(), Folding.queryKeys(" — ! "));
  }

  @Test
  void wordBoundsSkipTheSurroundingPunctuation() {
    String text = "(bird),";
    assertEquals(1, Folding.wordStart(text, 0, text.length()));
    assertEquals(5, Folding.wordEnd(text, 0, text.length()));
    assertEquals(3, Folding.wordStart("---", 0, 3));
    assertEquals(0, Folding.wordEnd("---", 0, 3));
  }
}
