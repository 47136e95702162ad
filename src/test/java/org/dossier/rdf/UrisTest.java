package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrisTest {
  @Test
  void namesBecomeReadableSlugsThatReadBackToTheName() {
    assertEquals("Kim_Il_Sung", Uris.slug("Kim Il Sung"));
    assertEquals("Pak_Heon-yeong", Uris.slug("Pak Heon-yeong"));
    assertEquals("Zh%C5%8Du_%C3%89nl%C3%A1i", Uris.slug("Zhōu Énlái"));
    assertEquals("a%5Fb_c%2Fd", Uris.slug("a_b c/d"));
    for (String name : new String[] {"Kim Il Sung", "Zhōu Énlái", "a_b c/d", "O'Brien & Sons", "100% sure"}) {
      assertEquals(Optional.of(name), Uris.unslug(Uris.slug(name)), name);
    }
  }

  @Test
  void differentSpellingsAreDifferentThingsAndOnlyCanonicalSlugsAreAccepted() {
    assertTrue(!Uris.slug("Kim Il-sung").equals(Uris.slug("Kim Il Sung")));
    assertEquals(Optional.empty(), Uris.unslug("Kim%20Il%20Sung"), "a space is written as '_'");
    assertEquals(Optional.empty(), Uris.unslug("a%2fb"), "hex digits are upper case");
    assertEquals(Optional.empty(), Uris.unslug("bad%zz"));
    assertEquals(Optional.empty(), Uris.unslug("_"));
  }

  @Test
  void urisUnderIdAreParsedBackToTheirThing() {
    Uris uris = new Uris("https://archive.example.org/");
    assertEquals("https://archive.example.org/id/record/r1", uris.record("r1").stringValue());
    assertEquals(Optional.of(new Uris.Thing(Uris.Kind.PERSON, "Kim_Il_Sung")),
        uris.parse("https://archive.example.org/id/person/Kim_Il_Sung"));
    assertEquals(Optional.empty(), uris.parse("https://archive.example.org/id/record/r1#aggregation"));
    assertEquals(Optional.empty(), uris.parse("https://elsewhere.example.org/id/record/r1"));
    assertEquals("https://archive.example.org/iiif/image/3/r1-p2", uris.imageService("r1", 2));
  }
}
