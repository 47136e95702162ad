package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.dossier.urls.ThingKind;
import org.dossier.urls.Urls;
import org.junit.jupiter.api.Test;

class UrisTest {
  private final Uris uris = new Uris("https://archive.example.org/");

  @Test
  void urisUnderIdAreParsedBackToTheirThing() {
    assertEquals("https://archive.example.org/id/record/r1", uris.record("r1").stringValue());
    assertEquals(
        Optional.of(new Uris.Thing(ThingKind.PERSON, "Kim_Il_Sung")),
        uris.parse("https://archive.example.org/id/person/Kim_Il_Sung"));
    assertEquals(
        Optional.empty(), uris.parse("https://archive.example.org/id/record/r1#aggregation"));
    assertEquals(Optional.empty(), uris.parse("https://elsewhere.example.org/id/record/r1"));
    assertEquals("https://archive.example.org/iiif/image/3/r1-p2", uris.imageService("r1", 2));
  }

  @Test
  void everyIriIsSpelledByTheOneUrlScheme() {
    Urls urls = uris.urls();
    String name = "Zhōu Énlái / Chou En-lai";
    assertEquals(
        urls.thing(ThingKind.PERSON, ThingKind.PERSON.key(name)), uris.person(name).stringValue());
    assertEquals(
        "https://archive.example.org/id/person/Zh%C5%8Du_%C3%89nl%C3%A1i_%2F_Chou_En-lai",
        uris.person(name).stringValue(), "no name adds a path segment");
    assertEquals(
        Optional.of(new Uris.Thing(ThingKind.PERSON, ThingKind.PERSON.key(name))),
        uris.parse(uris.person(name).stringValue()));
    assertEquals(urls.manifest(3, "r1"), uris.manifest("r1"));
    assertEquals(urls.imageService(3, Urls.imageId("r1", 2)), uris.imageService("r1", 2));
    assertEquals("https://archive.example.org/id/type", uris.typeScheme().stringValue());
    assertEquals(
        "https://archive.example.org/.well-known/void#dataset", uris.dataset().stringValue());
  }
}
