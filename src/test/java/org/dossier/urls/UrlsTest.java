package org.dossier.urls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlsTest {
  private final Urls urls = new Urls("https://library.example.edu/archive/");

  @Test
  void everyUrlStartsWithTheBaseWithoutItsTrailingSlash() {
    assertEquals("https://library.example.edu/archive", urls.base());
    assertEquals("https://library.example.edu/archive/oai", urls.oai());
    assertEquals("https://library.example.edu/archive/iiif/3/r1/manifest", urls.manifest(3, "r1"));
    assertEquals(
        "https://library.example.edu/archive/iiif/image/3/r1-p2", urls.imageService("r1", 2));
  }

  @Test
  void rootRelativeLinksKeepTheBasePath() {
    assertEquals("/archive/oai/oai2.xsl", urls.oaiStylesheetPath());
    assertEquals("/oai/oai2.xsl", new Urls("http://localhost:8080").oaiStylesheetPath());
  }

  @Test
  void segmentsArePercentEncodedSoNoValueAddsASegmentOrAQuery() {
    assertEquals(
        "https://library.example.edu/archive/records/a%2Fb%3Fc%20d%C3%A9",
        urls.recordPage("a/b?c dé"));
    assertEquals(
        "https://library.example.edu/archive/iiif/image/3/x%23y-p1", urls.imageService("x#y", 1));
    assertEquals(
        "https://library.example.edu/archive/iiif/3/x%23y/ocr/p2", urls.pageOcrFile("x#y", 2));
    assertEquals(
        "https://library.example.edu/archive/iiif/2/x%23y/text/p2/l3",
        urls.textAnnotation(2, "x#y", 2, 3));
    assertEquals("%2E%2E", Urls.segment(".."));
    assertEquals("r-1_2.3~", Urls.segment("r-1_2.3~"));
  }

  @Test
  void changeStreamsAndTheirPagesLiveUnderIiifDiscovery() {
    assertEquals(
        "https://library.example.edu/archive/iiif/discovery/activity/all-changes",
        urls.changeStream());
    assertEquals(
        "https://library.example.edu/archive/iiif/discovery/activity/page/900",
        urls.changeStreamPage(900));
    assertEquals(
        "https://library.example.edu/archive/iiif/discovery/activity/collection/a%2Fb",
        urls.collectionChangeStream("a/b"));
    assertEquals(
        "https://library.example.edu/archive/iiif/discovery/activity/collection/c1/page/0",
        urls.collectionChangeStreamPage("c1", 0));
  }

  @Test
  void queryValuesAreFormEncoded() {
    assertEquals(
        "https://library.example.edu/archive/oai?verb=GetRecord&metadataPrefix=oai_dc"
            + "&identifier=oai%3Aexample.org%3Ar1",
        urls.oaiGetRecord("oai_dc", Urls.oaiIdentifier("example.org", "r1")));
    assertEquals(
        "https://library.example.edu/archive/search?q=Kim+Il+Sung%26", urls.search("Kim Il Sung&"));
  }

  @Test
  void aRecordPageReachedFromASearchCarriesTheQueryUnlessItIsBlank() {
    assertEquals(
        "https://library.example.edu/archive/records/r%201?q=telegrams+%22Kim%22",
        urls.recordPage("r 1", "telegrams \"Kim\""));
    assertEquals(urls.recordPage("r1"), urls.recordPage("r1", " "));
    assertEquals(urls.recordPage("r1"), urls.recordPage("r1", null));
    assertEquals(
        "https://library.example.edu/archive/records/r1/texts/translation/ru",
        urls.recordText("r1", "translation", "ru"));
  }

  @Test
  void slugsAreReversibleAndUnderscoresAreEscaped() {
    String slug = Slugs.slug("Kim Il_Sung Ким");
    assertEquals("Kim_Il%5FSung_%D0%9A%D0%B8%D0%BC", slug);
    assertEquals(Optional.of("Kim Il_Sung Ким"), Slugs.unslug(slug));
    assertEquals(Optional.empty(), Slugs.unslug("Kim%5fIl"));
    assertEquals(
        "https://library.example.edu/archive/id/person/Kim_Il_Sung",
        urls.thing(ThingKind.PERSON, ThingKind.PERSON.key("Kim Il Sung")));
    assertEquals(
        "https://library.example.edu/archive/people/Kim_Il_Sung.ttl",
        urls.description(ThingKind.PERSON, ThingKind.PERSON.key("Kim Il Sung"), "ttl"));
  }

  @Test
  void onlyAbsoluteHttpBaseUrlsAreAccepted() {
    assertThrows(IllegalArgumentException.class, () -> new Urls("/archive"));
    assertThrows(IllegalArgumentException.class, () -> new Urls("ftp://example.org"));
  }
}
