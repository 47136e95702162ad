package org.dossier.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Iso639Test {

  @Test
  void twoAndThreeLetterCodesOfTheArchivesLanguagesAreKnown() {
    for (String code :
        List.of(
            "en", "ru", "zh", "ko", "hu", "de", "he", "bh", "eng", "rus", "zho", "kor", "hun",
            "tlh", "cmn", "und")) {
      assertTrue(Iso639.isCode(code), code);
    }
    assertEquals("Russian", Iso639.name("ru").orElseThrow());
    assertEquals("Korean", Iso639.name("kor").orElseThrow());
  }

  @Test
  void languageSubtagsAreTheShortestCode() {
    assertEquals("ru", Iso639.languageSubtag("rus"));
    assertEquals("en", Iso639.languageSubtag("eng"));
    assertEquals("ru", Iso639.languageSubtag("ru"));
    // No two-letter code: the three-letter one is the subtag.
    assertEquals("tlh", Iso639.languageSubtag("tlh"));
    assertEquals("cmn", Iso639.languageSubtag("cmn"));
    assertEquals(null, Iso639.languageSubtag(null));
  }

  @Test
  void madeUpNamesAndUpperCaseAreNotCodes() {
    for (String code :
        new String[] {"xx", "english", "EN", "Eng", "", " en", "en-GB", "qqq", "zz", "iw"}) {
      assertFalse(Iso639.isCode(code), code);
    }
    assertFalse(Iso639.isCode(null));
  }

  @Test
  void everyTwoLetterCodeTheJdkKnowsIsKnownSaveTheWithdrawnOnes() {
    // iw, in and ji were withdrawn from ISO 639-1 for he, id and yi.
    Set<String> withdrawn = Set.of("iw", "in", "ji");
    List<String> missing = new ArrayList<>();
    for (String code : Locale.getISOLanguages()) {
      if (!withdrawn.contains(code) && !Iso639.isCode(code)) {
        missing.add(code);
      }
    }
    assertEquals(List.of(), missing);
  }
}
