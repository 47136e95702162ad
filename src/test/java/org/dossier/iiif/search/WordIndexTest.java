package org.dossier.iiif.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dossier.catalog.OcrLine;
import org.dossier.catalog.OcrWord;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.RecordText;
import org.junit.jupiter.api.Test;

class WordIndexTest {

  private static WordIndex ocr(PageOcr... pages) {
    return WordIndex.of(List.of(pages), List.of());
  }

  private static WordIndex.Segment only(WordIndex.HitText hit) {
    assertEquals(1, hit.segments().size(), hit.toString());
    return hit.segments().get(0);
  }

  private static void assertBox(
      WordIndex.Segment s, int page, int line, int x, int y, int w, int h) {
    assertEquals(
        List.of(page, line, x, y, w, h),
        List.of(s.page(), s.line(), s.x(), s.y(), s.w(), s.h()),
        s.toString());
  }

  @Test
  void aWordIsFoundOnEveryPageWithItsBox() {
    WordIndex index =
        ocr(Ocr.page(1, "a bird in the hand"), Ocr.page(2, "no birds here", "one bird there"));
    int[] found = index.find(List.of("bird"));
    assertEquals(2, found.length);
    assertBox(only(index.hit(found[0], 1)), 1, 1, Ocr.x(1), Ocr.y(1), Ocr.W, Ocr.H);
    assertBox(only(index.hit(found[1], 1)), 2, 2, Ocr.x(1), Ocr.y(2), Ocr.W, Ocr.H);
    assertEquals(0, index.find(List.of("bir")).length, "whole words only");
  }

  @Test
  void aPhraseOnOneLineIsOneBoxAroundItsWords() {
    WordIndex index = ocr(Ocr.page(1, "a bird in the hand"));
    int[] found = index.find(List.of("in", "the", "hand"));
    assertArrayEquals(new int[] {2}, found);
    WordIndex.Segment s = only(index.hit(found[0], 3));
    assertBox(s, 1, 1, Ocr.x(2), Ocr.y(1), Ocr.x(4) + Ocr.W - Ocr.x(2), Ocr.H);
    assertEquals("in the hand", s.text());
    assertEquals(List.of(3, 5), List.of(s.firstWord(), s.lastWord()));
  }

  @Test
  void aPhraseAcrossALineBreakHasABoxOnEachLine() {
    WordIndex index = ocr(Ocr.page(1, "A bird in the hand", "is worth two in the bush"));
    int[] found = index.find(Folding.queryKeys("hand is"));
    assertEquals(1, found.length);
    WordIndex.HitText hit = index.hit(found[0], 2);
    assertEquals(2, hit.segments().size());
    assertBox(hit.segments().get(0), 1, 1, Ocr.x(4), Ocr.y(1), Ocr.W, Ocr.H);
    assertBox(hit.segments().get(1), 1, 2, Ocr.x(0), Ocr.y(2), Ocr.W, Ocr.H);
    assertEquals("hand", hit.segments().get(0).text());
    assertEquals("is", hit.segments().get(1).text());
    assertEquals("A bird in the ", hit.prefix());
    assertEquals("hand is", hit.exact());
    assertEquals(" worth two in the bush", hit.suffix());
    assertEquals(2, index.segmentCount(found[0], 2));
  }

  @Test
  void aPhraseRunsOnFromOnePageToTheNext() {
    WordIndex index = ocr(Ocr.page(1, "the treaty of"), Ocr.page(2, "friendship was signed"));
    int[] found = index.find(Folding.queryKeys("of friendship"));
    assertEquals(1, found.length);
    WordIndex.HitText hit = index.hit(found[0], 2);
    assertBox(hit.segments().get(0), 1, 1, Ocr.x(2), Ocr.y(1), Ocr.W, Ocr.H);
    assertBox(hit.segments().get(1), 2, 1, Ocr.x(0), Ocr.y(1), Ocr.W, Ocr.H);
    assertEquals("the treaty ", hit.prefix());
    assertEquals(" was signed", hit.suffix());
  }

  @Test
  void pagesAreReadInPageOrderWhateverOrderTheyCome() {
    WordIndex index =
        WordIndex.of(
            List.of(Ocr.page(2, "friendship was signed"), Ocr.page(1, "the treaty of")), List.of());
    assertEquals(1, index.find(Folding.queryKeys("of friendship")).length);
  }

  @Test
  void caseDiacriticsAndPunctuationDoNotHideAWord() {
    WordIndex index =
        ocr(Ocr.page(1, "Signed: FERENC Nagy, in Budapest"), Ocr.page(2, "ferenč (Nagy),"));
    assertEquals(2, index.find(Folding.queryKeys("Ferenč")).length);
    int[] found = index.find(Folding.queryKeys("ferenc nagy"));
    assertEquals(2, found.length);
    WordIndex.HitText second = index.hit(found[1], 2);
    assertEquals("ferenč (Nagy", second.exact());
    assertEquals("),", second.suffix());
    assertEquals(
        "ferenč (Nagy),", only(second).text(), "the annotation's body is the words as printed");
    WordIndex.HitText first = index.hit(found[0], 2);
    assertEquals("Signed: ", first.prefix());
    assertEquals("FERENC Nagy", first.exact());
    assertEquals(", in Budapest ferenč (Nagy),", first.suffix());
  }

  @Test
  void theContextIsAFewWordsEitherWay() {
    WordIndex index =
        ocr(Ocr.page(1, "one two three four five six seven eight nine ten eleven twelve thirteen"));
    WordIndex.HitText hit = index.hit(index.find(List.of("seven"))[0], 1);
    assertEquals("two three four five six ", hit.prefix());
    assertEquals(" eight nine ten eleven twelve", hit.suffix());
  }

  @Test
  void aPhrasePassesOverPunctuationThatIsNotAWord() {
    WordIndex index = ocr(Ocr.page(1, "the hand — is worth"));
    int[] found = index.find(Folding.queryKeys("hand is"));
    assertEquals(1, found.length);
    WordIndex.Segment s = only(index.hit(found[0], 2));
    assertEquals("hand — is", s.text());
    assertBox(s, 1, 1, Ocr.x(1), Ocr.y(1), Ocr.x(3) + Ocr.W - Ocr.x(1), Ocr.H);
    assertEquals(0, index.find(List.of("—")).length);
  }

  @Test
  void aWordHyphenatedAcrossLinesIsFoundWholeOnBothItsBoxes() {
    OcrLine one =
        new OcrLine(
            0,
            100,
            400,
            40,
            List.of(
                new OcrWord("the", 0, 100, 80, 40),
                new OcrWord("inter-", 100, 100, 90, 40, "international")));
    OcrLine two =
        new OcrLine(
            0,
            200,
            400,
            40,
            List.of(
                new OcrWord("national", 0, 200, 120, 40, "international"),
                new OcrWord("law", 150, 200, 60, 40)));
    WordIndex index = ocr(new PageOcr(1, PageOcr.ALTO, null, List.of(one, two)));
    int[] found = index.find(Folding.queryKeys("the international law"));
    assertEquals(1, found.length);
    WordIndex.HitText hit = index.hit(found[0], 3);
    assertEquals("the international law", hit.exact());
    assertEquals(2, hit.segments().size());
    assertEquals("the inter-", hit.segments().get(0).text());
    assertEquals("national law", hit.segments().get(1).text());
    assertBox(hit.segments().get(0), 1, 1, 0, 100, 190, 40);
    assertBox(hit.segments().get(1), 1, 2, 0, 200, 210, 40);
    int[] word = index.find(List.of("international"));
    assertEquals(2, index.hit(word[0], 1).segments().size());
    assertEquals(0, index.find(List.of("inter")).length);
    assertEquals(
        List.of("the inter-", "national law"),
        index.lines().stream().map(WordIndex.Line::text).toList());
  }

  @Test
  void everyOccurrenceIsAHitEvenWhenTheyOverlap() {
    WordIndex index = ocr(Ocr.page(1, "la la la"));
    assertArrayEquals(new int[] {0, 1}, index.find(List.of("la", "la")));
  }

  @Test
  void plainTextOcrHasNoBoxes() {
    PageOcr plain =
        new PageOcr(
            3,
            PageOcr.PLAIN,
            null,
            List.of(
                new OcrLine(
                    0,
                    0,
                    0,
                    0,
                    List.of(new OcrWord("plain", 0, 0, 0, 0), new OcrWord("words", 0, 0, 0, 0)))));
    WordIndex index = ocr(plain);
    WordIndex.Segment s = only(index.hit(index.find(List.of("words"))[0], 1));
    assertFalse(s.boxed());
    assertEquals(3, s.page());
  }

  @Test
  void aRecordWithoutPageOcrIsSearchedInItsTexts() {
    WordIndex index =
        WordIndex.of(
            List.of(),
            List.of(
                new RecordText(RecordText.TRANSCRIPT, "ru", "Договор о дружбе\nподписан"),
                new RecordText(
                    RecordText.TRANSLATION,
                    "en",
                    "The treaty of friendship\n  was signed. The end")));
    assertFalse(index.fromOcr());
    int[] found = index.find(Folding.queryKeys("friendship was"));
    assertEquals(1, found.length);
    WordIndex.HitText hit = index.hit(found[0], 2);
    WordIndex.Segment s = only(hit);
    assertEquals("translation-en-w4-5", s.key(index.streams()));
    assertEquals("The treaty of ", hit.prefix());
    assertEquals(" signed. The end", hit.suffix());
    assertEquals(1, index.find(List.of("дружбе")).length);
    assertEquals(
        0, index.find(Folding.queryKeys("подписан the")).length, "a phrase stays within one text");
    assertEquals("The treaty of friendship was signed. The end", index.streamText(1));
  }

  @Test
  void textsAreLeftOutWhenThePagesHaveOcr() {
    WordIndex index =
        WordIndex.of(
            List.of(Ocr.page(1, "ocr words")),
            List.of(new RecordText(RecordText.TRANSCRIPT, "en", "transcript words")));
    assertTrue(index.fromOcr());
    assertEquals(1, index.find(List.of("words")).length);
    assertEquals(0, index.find(List.of("transcript")).length);
  }

  @Test
  void aRecordWithoutTextHasAnEmptyIndex() {
    WordIndex index = WordIndex.of(List.of(), List.of());
    assertTrue(index.isEmpty());
    assertEquals(0, index.find(List.of("anything")).length);
    assertEquals(List.of(), index.complete("a", 1, 10));
    assertEquals(List.of(), index.lines());
  }

  @Test
  void linesKeepTheirNumberOnThePageAndEmptyOnesAreNotListed() {
    WordIndex index = ocr(Ocr.page(1, "first line", "", "third line"));
    List<WordIndex.Line> lines = index.lines();
    assertEquals(List.of(1, 3), lines.stream().map(WordIndex.Line::number).toList());
    assertEquals("third line", lines.get(1).text());
    assertEquals(Ocr.y(3), lines.get(1).y());
    assertEquals(1, index.hit(index.find(List.of("third"))[0], 1).segments().get(0).firstWord());
    assertEquals(3, index.hit(index.find(List.of("third"))[0], 1).segments().get(0).line());
  }

  @Test
  void autocompleteListsWordsByPrefixMostFrequentFirstWithTheirCounts() {
    WordIndex index =
        ocr(
            Ocr.page(1, "Bird birds bird, BIRTH birth birth birth"),
            Ocr.page(2, "biro birthday Ferenč Ferenč ferenc bi"));
    assertEquals(
        List.of(
            new WordIndex.Term("birth", 4),
            new WordIndex.Term("bird", 2),
            new WordIndex.Term("birds", 1),
            new WordIndex.Term("biro", 1),
            new WordIndex.Term("birthday", 1)),
        index.complete("BIR", 1, 10));
    assertEquals(
        List.of(new WordIndex.Term("birth", 4), new WordIndex.Term("bird", 2)),
        index.complete("bir", 2, 10));
    assertEquals(List.of(new WordIndex.Term("birth", 4)), index.complete("bir", 1, 1));
    assertEquals(
        List.of(new WordIndex.Term("ferenč", 3)),
        index.complete("fe", 1, 10),
        "the form most often printed");
    assertEquals(List.of(), index.complete("bx", 1, 10));
  }

  @Test
  void theWeightGrowsWithTheText() {
    WordIndex small = ocr(Ocr.page(1, "a few words"));
    WordIndex large =
        ocr(Ocr.page(1, "a few words"), Ocr.page(2, "and many more words on another page of text"));
    assertTrue(large.weight() > small.weight());
  }
}
