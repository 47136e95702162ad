package org.dossier.urls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlugsTest {
  @Test
  void namesBecomeReadableSlugsThatReadBackToTheName() {
    assertEquals("Kim_Il_Sung", Slugs.slug("Kim Il Sung"));
    assertEquals("Pak_Heon-yeong", Slugs.slug("Pak Heon-yeong"));
    assertEquals("Zh%C5%8Du_%C3%89nl%C3%A1i", Slugs.slug("Zhōu Énlái"));
    assertEquals("a%5Fb_c%2Fd", Slugs.slug("a_b c/d"));
    for (String name :
        new String[] {"Kim Il Sung", "Zhōu Énlái", "a_b c/d", "O'Brien & Sons", "100% sure"}) {
      assertEquals(Optional.of(name), Slugs.unslug(Slugs.slug(name)), name);
    }
  }

  @Test
  void differentSpellingsAreDifferentThingsAndOnlyCanonicalSlugsAreAccepted() {
    assertNotEquals(Slugs.slug("Kim Il-sung"), Slugs.slug("Kim Il Sung"));
    assertEquals(Optional.empty(), Slugs.unslug("Kim%20Il%20Sung"), "a space is written as '_'");
    assertEquals(Optional.empty(), Slugs.unslug("a%2fb"), "hex digits are upper case");
    assertEquals(Optional.empty(), Slugs.unslug("bad%zz"));
    assertEquals(Optional.empty(), Slugs.unslug("_"));
  }
}
