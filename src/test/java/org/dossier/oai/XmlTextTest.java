package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** XML 1.0 section 2.2, production Char: forbidden characters go, all other text stays. */
class XmlTextTest {

  @Test
  void allowedTextIsReturnedUnchanged() {
    String text = "Kim Il Sung — 김일성, Сталин; tab\tline\nemoji \uD83D\uDCDC end \uFFFD";
    assertSame(text, XmlText.clean(text));
  }

  @Test
  void controlCharactersLoneSurrogatesAndNonCharactersAreRemoved() {
    assertEquals("ab", XmlText.clean("a\u0000\u0001\u0008\u000B\u000C\u001Fb"));
    assertEquals("ab", XmlText.clean("a\uD800b"));
    assertEquals("ab", XmlText.clean("a\uDC00b"));
    assertEquals("ab", XmlText.clean("a\uFFFE\uFFFFb"));
    assertEquals("a\uD83D\uDCDCb", XmlText.clean("a\u0002\uD83D\uDCDCb\uD83D"));
  }
}
