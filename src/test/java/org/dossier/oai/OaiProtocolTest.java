package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.oai.OaiClient.Answer;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAI-PMH 2.0 over the sample archive, verb by verb and error by error, each response validated
 * against our schemas (and the official ones where the conformance kit is at hand). Each case
 * quotes the sentence of the specification it checks. Pages hold 7 items, so lists page.
 */
class OaiProtocolTest {
  private static final String REPO = "dossier.example.org";
  private static TestServer server;
  private static OaiClient oai;
  private static List<Record> sample;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(Map.of("oai.page-size", "7", "oai.admin-email", "archivist@example.org"));
    oai = new OaiClient(server);
    sample = server.server().catalog().list(Selection.ALL, null, 1000);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String id(Record r) {
    return "oai:" + REPO + ":" + r.id();
  }

  // ---- Identify (4.2) ----

  @Test
  void identifyDescribesTheRepository() throws Exception {
    Answer a = oai.get("verb", "Identify");
    assertEquals(server.baseUrl() + "/oai", a.string("//oai:Identify/oai:baseURL"));
    assertEquals("2.0", a.string("//oai:protocolVersion"));
    assertEquals("archivist@example.org", a.string("//oai:adminEmail"));
    assertEquals("persistent", a.string("//oai:deletedRecord"));
    assertEquals("YYYY-MM-DDThh:mm:ssZ", a.string("//oai:granularity"));
    assertEquals(List.of("gzip", "deflate"), a.strings("//oai:compression"));
    Instant earliest = server.server().catalog().earliestDatestamp().orElseThrow();
    assertEquals(earliest.toString(), a.string("//oai:earliestDatestamp"));
    assertEquals(REPO, a.string("//id:oai-identifier/id:repositoryIdentifier"));
    assertTrue(a.string("//id:oai-identifier/id:sampleIdentifier").startsWith("oai:" + REPO + ":"));
    assertEquals(List.of("verb=Identify"), a.requestAttributes());
  }

  @Test
  void identifyLinksTheChangeStreamVoidAndTheHomePageInADublinCoreDescription() throws Exception {
    Answer a = oai.get("verb", "Identify");
    // 4.2: description is "an extensible mechanism for communities to describe their
    // repositories"; OAI-PMH.xsd holds it to a schema of another namespace, strictly: Dublin Core.
    assertEquals(
        List.of(
            server.baseUrl() + "/iiif/discovery/activity/all-changes",
            server.baseUrl() + "/.well-known/void"),
        a.strings("//oai:Identify/oai:description/oai_dc:dc/dc:relation"));
    assertEquals(
        server.baseUrl() + "/", a.string("//oai:Identify/oai:description/oai_dc:dc/dc:identifier"));
  }

  @Test
  void everyResponseNamesItsSchemaTheStylesheetAndAUtcResponseDate() throws Exception {
    Answer a =
        oai.get("verb", "GetRecord", "identifier", id(sample.get(0)), "metadataPrefix", "oai_dc");
    // 3.2: "the attribute xsi:schemaLocation... must be used to specify the location of the schema"
    assertEquals(
        OaiResponses.OAI_NAMESPACE + " " + OaiResponses.OAI_SCHEMA,
        a.string("/oai:OAI-PMH/@xsi:schemaLocation"));
    // 2.5: metadata "must be expressed in XML ... with xsi:schemaLocation"
    assertEquals(
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        a.string("//oai_dc:dc/@xsi:schemaLocation"));
    assertTrue(
        a.text()
            .matches(
                "(?s)<\\?xml version=.1\\.0. encoding=.UTF-8.\\?>\\s*"
                    + "<\\?xml-stylesheet type=\"text/xsl\" href=\"/oai/oai2\\.xsl\"\\?>\\s*<OAI-PMH .*"),
        a.text());
    assertTrue(
        a.string("//oai:responseDate").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
  }

  @Test
  void postAnswersLikeGet() throws Exception {
    Answer get = oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc");
    Answer post = oai.post("verb", "ListIdentifiers", "metadataPrefix", "oai_dc");
    assertEquals(
        get.strings("//oai:header/oai:identifier"), post.strings("//oai:header/oai:identifier"));
  }

  @Test
  void postWithoutAFormIsABadArgument() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/oai"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("verb=Identify"))
            .build();
    Answer a =
        OaiClient.answer(server.client().send(request, HttpResponse.BodyHandlers.ofByteArray()));
    assertEquals(List.of("badArgument"), a.errorCodes());
  }

  // ---- ListMetadataFormats (4.4) ----

  @Test
  void listMetadataFormatsNamesEveryFormat() throws Exception {
    Answer all = oai.get("verb", "ListMetadataFormats");
    assertEquals(List.of("oai_dc", "edm", "mods", "oai_qdc"), all.strings("//oai:metadataPrefix"));
    Answer one = oai.get("verb", "ListMetadataFormats", "identifier", id(sample.get(3)));
    assertEquals(List.of("oai_dc", "edm", "mods", "oai_qdc"), one.strings("//oai:metadataPrefix"));
    assertTrue(one.requestAttributes().contains("identifier=" + id(sample.get(3))));
  }

  @Test
  void listMetadataFormatsOfAnUnknownItemIsIdDoesNotExist() throws Exception {
    // 4.4 error: "idDoesNotExist - The value of the identifier argument is unknown or illegal in
    // this repository."
    assertEquals(
        List.of("idDoesNotExist"),
        oai.get("verb", "ListMetadataFormats", "identifier", "oai:" + REPO + ":nope").errorCodes());
    assertEquals(
        List.of("idDoesNotExist"),
        oai.get("verb", "ListMetadataFormats", "identifier", "oai:elsewhere.org:x").errorCodes());
  }

  // ---- GetRecord (4.1) and the metadata formats ----

  @Test
  void getRecordInOaiDcFollowsTheDocumentedMapping() throws Exception {
    Record r =
        sample.stream()
            .filter(x -> !x.collections().isEmpty() && !x.pages().isEmpty())
            .findFirst()
            .orElseThrow();
    Answer a = oai.get("verb", "GetRecord", "identifier", id(r), "metadataPrefix", "oai_dc");
    assertEquals(id(r), a.string("//oai:header/oai:identifier"));
    assertEquals(r.datestamp().toString(), a.string("//oai:header/oai:datestamp"));
    assertEquals(r.title(), a.string("//dc:title"));
    assertEquals(r.date().toString(), a.string("//dc:date"));
    assertEquals(r.languages(), a.strings("//dc:language"));
    assertEquals(r.places(), a.strings("//dc:coverage"));
    assertEquals(
        List.of(
            server.baseUrl() + "/records/" + r.id(),
            server.baseUrl() + "/iiif/3/" + r.id() + "/manifest"),
        a.strings("//dc:identifier"));
    assertEquals(
        r.collections().stream().map(c -> server.baseUrl() + "/collections/" + c).toList(),
        a.strings("//dc:relation"));
    assertEquals(r.rights(), a.string("//dc:rights"));
    assertTrue(
        a.strings("//oai:header/oai:setSpec").contains("collection:" + r.collections().get(0)));
  }

  @Test
  void monthPrecisionDatesStayMonths() throws Exception {
    Record r =
        sample.stream()
            .filter(x -> x.date() != null && x.date().toString().length() == 7)
            .findFirst()
            .orElseThrow();
    Answer a = oai.get("verb", "GetRecord", "identifier", id(r), "metadataPrefix", "oai_dc");
    assertEquals(r.date().toString(), a.string("//dc:date"));
  }

  @Test
  void getRecordInEdmLinksTheIiifManifestAndImageService() throws Exception {
    Record r = sample.stream().filter(x -> !x.pages().isEmpty()).findFirst().orElseThrow();
    Answer a = oai.get("verb", "GetRecord", "identifier", id(r), "metadataPrefix", "edm");
    String base = server.baseUrl();
    String service = base + "/iiif/image/3/" + r.id() + "-p1";
    assertEquals(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns# http://www.europeana.eu/schemas/edm/EDM.xsd",
        a.string("//rdf:RDF/@xsi:schemaLocation"));
    assertEquals(r.title(), a.string("//edm:ProvidedCHO/dc:title"));
    assertEquals("TEXT", a.string("//edm:ProvidedCHO/edm:type"));
    assertEquals(
        a.string("//edm:ProvidedCHO/@rdf:about"),
        a.string("//ore:Aggregation/edm:aggregatedCHO/@rdf:resource"));
    assertEquals(
        base + "/records/" + r.id(), a.string("//ore:Aggregation/edm:isShownAt/@rdf:resource"));
    assertEquals(
        service + "/full/max/0/default.jpg",
        a.string("//ore:Aggregation/edm:isShownBy/@rdf:resource"));
    assertEquals(
        service + "/full/!400,400/0/default.jpg",
        a.string("//ore:Aggregation/edm:object/@rdf:resource"));
    assertEquals("Dossier Sample Archive", a.string("//ore:Aggregation/edm:dataProvider"));
    assertEquals("Dossier Sample Archive", a.string("//ore:Aggregation/edm:provider"));
    assertEquals(r.rights(), a.string("//ore:Aggregation/edm:rights/@rdf:resource"));
    // Europeana IIIF guidance: the WebResource is referenced by the manifest and has the image
    // service.
    assertEquals(
        service + "/full/max/0/default.jpg",
        a.string("//edm:WebResource[svcs:has_service]/@rdf:about"));
    assertEquals(
        base + "/iiif/3/" + r.id() + "/manifest",
        a.string("//edm:WebResource/dcterms:isReferencedBy/@rdf:resource"));
    assertEquals(service, a.string("//edm:WebResource/svcs:has_service/@rdf:resource"));
    assertEquals(service, a.string("//svcs:Service/@rdf:about"));
    assertEquals(
        "http://iiif.io/api/image", a.string("//svcs:Service/dcterms:conformsTo/@rdf:resource"));
    assertEquals(
        "http://iiif.io/api/image/3/level2.json",
        a.string("//svcs:Service/doap:implements/@rdf:resource"));
  }

  @Test
  void getRecordInEdmLinksEachTextAsAWebResourceViewOfTheAggregation() throws Exception {
    Record r = sample.stream().filter(x -> !x.texts().isEmpty()).findFirst().orElseThrow();
    Answer a = oai.get("verb", "GetRecord", "identifier", id(r), "metadataPrefix", "edm");
    List<String> urls =
        r.texts().stream()
            .map(
                t ->
                    server.baseUrl()
                        + "/records/"
                        + r.id()
                        + "/texts/"
                        + t.kind()
                        + "/"
                        + t.language())
            .toList();
    assertEquals(urls, a.strings("//ore:Aggregation/edm:hasView/@rdf:resource"));
    for (int i = 0; i < urls.size(); i++) {
      String resource = "//edm:WebResource[@rdf:about='" + urls.get(i) + "']";
      assertEquals("text/plain", a.string(resource + "/dc:format"));
      assertEquals(r.texts().get(i).language(), a.string(resource + "/dc:language"));
      assertEquals(
          Map.of("transcript", "Transcript", "translation", "Translation", "ocr-plain", "OCR text")
              .get(r.texts().get(i).kind()),
          a.string(resource + "/dc:type"));
      assertEquals(r.rights(), a.string(resource + "/edm:rights/@rdf:resource"));
    }
  }

  @Test
  void oaiDcRecordsLinkNoTexts() throws Exception {
    // Texts are neither inlined nor linked in oai_dc: a harvest of simple Dublin Core stays its
    // size.
    Record r = sample.stream().filter(x -> !x.texts().isEmpty()).findFirst().orElseThrow();
    Answer a = oai.get("verb", "GetRecord", "identifier", id(r), "metadataPrefix", "oai_dc");
    assertEquals(r.title(), a.string("//oai_dc:dc/dc:title"));
    assertFalse(a.text().contains("/texts/"), a.text());
  }

  @Test
  void getRecordErrors() throws Exception {
    String known = id(sample.get(0));
    assertEquals(
        List.of("idDoesNotExist"),
        oai.get(
                "verb",
                "GetRecord",
                "identifier",
                "oai:" + REPO + ":missing",
                "metadataPrefix",
                "oai_dc")
            .errorCodes());
    Answer unknownFormat =
        oai.get("verb", "GetRecord", "identifier", known, "metadataPrefix", "marc21");
    assertEquals(List.of("cannotDisseminateFormat"), unknownFormat.errorCodes());
    // 3.2: for errors other than badVerb and badArgument the request element echoes the arguments.
    assertTrue(
        unknownFormat
            .requestAttributes()
            .containsAll(
                List.of("verb=GetRecord", "identifier=" + known, "metadataPrefix=marc21")));
    assertEquals(
        List.of("badArgument"),
        oai.get("verb", "GetRecord", "metadataPrefix", "oai_dc").errorCodes());
    assertEquals(
        List.of("badArgument"),
        oai.get("verb", "GetRecord", "identifier", "invalid\"id", "metadataPrefix", "oai_dc")
            .errorCodes());
  }

  // ---- badVerb and badArgument (3.6) ----

  @Test
  void missingUnknownOrRepeatedVerbIsBadVerbWithABareRequest() throws Exception {
    for (Answer a :
        List.of(
            oai.get(),
            oai.get("verb", "junk"),
            oai.get("verb", "identify"),
            oai.get("verb", "Identify", "verb", "Identify"),
            oai.post())) {
      assertEquals(List.of("badVerb"), a.errorCodes());
      // 3.2: "the repository must return the base URL of the protocol request only"
      assertEquals(List.of(), a.requestAttributes());
      assertEquals(server.baseUrl() + "/oai", a.string("//oai:request"));
    }
  }

  @Test
  void illegalArgumentsAreBadArgumentWithABareRequest() throws Exception {
    List<Answer> answers =
        List.of(
            oai.get("verb", "Identify", "junk", "1"),
            oai.get("verb", "ListRecords"),
            oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc", "metadataPrefix", "oai_dc"),
            oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc", "from", "junk"),
            oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc", "until", "2002-02-30"),
            oai.get(
                "verb",
                "ListRecords",
                "metadataPrefix",
                "oai_dc",
                "from",
                "2002-02-05",
                "until",
                "2002-02-06T05:35:00Z"),
            oai.get(
                "verb",
                "ListRecords",
                "metadataPrefix",
                "oai_dc",
                "from",
                "2010-01-02",
                "until",
                "2010-01-01"),
            oai.get(
                "verb",
                "ListRecords",
                "metadataPrefix",
                "oai_dc",
                "from",
                "2010-01-02T00:00:00.5Z"),
            oai.get("verb", "ListRecords", "metadataPrefix", "oai dc"),
            oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "a::b"),
            oai.get("verb", "ListRecords", "resumptionToken", "x", "until", "1990-01-10"),
            oai.get("verb", "ListSets", "resumptionToken", "x", "set", "type"),
            oai.get("verb", "ListIdentifiers", "metadataPrefix", ""));
    for (Answer a : answers) {
      assertFalse(a.errorCodes().isEmpty(), a.text());
      assertTrue(a.errorCodes().stream().allMatch("badArgument"::equals), a.text());
      assertEquals(List.of(), a.requestAttributes(), a.text());
    }
  }

  @Test
  void everyBadArgumentIsNamed() throws Exception {
    // 3.6: "more than one error may be reported": an unknown argument, a missing one, a bad date.
    Answer a = oai.get("verb", "ListRecords", "from", "junk", "foo", "bar");
    assertEquals(List.of("badArgument", "badArgument", "badArgument"), a.errorCodes(), a.text());
  }

  // ---- ListIdentifiers and ListRecords (4.3, 4.5) and flow control (3.5) ----

  @Test
  void listRecordsPagesThroughEveryRecordOnceWithCursorAndSize() throws Exception {
    List<String> seen = new ArrayList<>();
    Answer a = oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc");
    int pages = 1;
    while (true) {
      assertEquals(seen.size(), Integer.parseInt(a.string("//oai:resumptionToken/@cursor")));
      assertEquals(
          String.valueOf(sample.size()), a.string("//oai:resumptionToken/@completeListSize"));
      seen.addAll(a.strings("//oai:record/oai:header/oai:identifier"));
      String token = a.token();
      if (token.isEmpty()) {
        // 3.5: "the response ... must include an empty resumptionToken element" on the last page,
        assertEquals("", a.string("//oai:resumptionToken/@expirationDate"));
        break;
      }
      assertFalse(a.string("//oai:resumptionToken/@expirationDate").isEmpty());
      a = oai.get("verb", "ListRecords", "resumptionToken", token);
      assertTrue(a.requestAttributes().contains("resumptionToken=" + token));
      pages++;
    }
    assertEquals(sample.stream().map(OaiProtocolTest::id).toList(), seen);
    assertEquals((sample.size() + 6) / 7, pages);
  }

  @Test
  void replayingATokenGivesTheSamePage() throws Exception {
    String token = oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc").token();
    Answer once = oai.get("verb", "ListIdentifiers", "resumptionToken", token);
    Answer twice = oai.get("verb", "ListIdentifiers", "resumptionToken", token);
    assertEquals(once.strings("//oai:identifier"), twice.strings("//oai:identifier"));
    assertEquals(7, once.count("//oai:header"));
  }

  @Test
  void aListThatFitsOnOnePageHasNoToken() throws Exception {
    Record r = sample.get(0);
    String set =
        "collection:"
            + sample.stream()
                .filter(x -> !x.collections().isEmpty())
                .findFirst()
                .orElseThrow()
                .collections()
                .get(0);
    Answer a = oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", set);
    long members =
        sample.stream()
            .filter(x -> x.collections().contains(set.substring("collection:".length())))
            .count();
    if (members <= 7) {
      assertFalse(a.hasToken());
    }
    assertTrue(r.id().length() > 0);
  }

  @Test
  void tamperedForeignOrJunkTokensAreBadResumptionTokens() throws Exception {
    String token = oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc").token();
    char last = token.charAt(token.length() / 2);
    String tampered =
        token.substring(0, token.length() / 2)
            + (last == 'A' ? 'B' : 'A')
            + token.substring(token.length() / 2 + 1);
    for (String bad : List.of("junk", tampered, token.substring(0, 10), "%%%", token + "A")) {
      Answer a = oai.get("verb", "ListRecords", "resumptionToken", bad);
      assertEquals(List.of("badResumptionToken"), a.errorCodes(), bad);
      // 3.2: badResumptionToken is not badArgument: the request is echoed.
      assertTrue(a.requestAttributes().contains("resumptionToken=" + bad));
    }
    // A ListRecords token does not continue ListIdentifiers.
    assertEquals(
        List.of("badResumptionToken"),
        oai.get("verb", "ListIdentifiers", "resumptionToken", token).errorCodes());
  }

  @Test
  void selectiveHarvestingBySetAndDate() throws Exception {
    Record r = sample.stream().filter(x -> x.type() != null).findFirst().orElseThrow();
    Set<String> ofType = new HashSet<>(harvest("set", "type:" + r.typeKey()));
    assertEquals(
        sample.stream()
            .filter(x -> r.typeKey().equals(x.typeKey()))
            .map(OaiProtocolTest::id)
            .collect(java.util.stream.Collectors.toSet()),
        ofType);
    // 2.7.1: hierarchical sets: the records of type:x are in type too.
    Set<String> typed = new HashSet<>(harvest("set", "type"));
    assertTrue(typed.containsAll(ofType));
    assertEquals(sample.stream().filter(x -> x.type() != null).count(), typed.size());
    Set<String> inCollections = new HashSet<>(harvest("set", "collection"));
    assertEquals(
        sample.stream().filter(x -> !x.collections().isEmpty()).count(), inCollections.size());
    // 3.3.1: from and until are inclusive.
    String stamp = r.datestamp().toString();
    assertTrue(harvest("from", stamp, "until", stamp).contains(id(r)));
    String day = stamp.substring(0, 10);
    assertTrue(harvest("from", day, "until", day).contains(id(r)));
  }

  @Test
  void emptySelectionsAreNoRecordsMatch() throws Exception {
    Answer early =
        oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc", "until", "1900-01-01");
    assertEquals(List.of("noRecordsMatch"), early.errorCodes());
    assertTrue(early.requestAttributes().contains("until=1900-01-01"));
    assertEquals(
        List.of("noRecordsMatch"),
        oai.get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "no-such-set-xyz")
            .errorCodes());
    assertEquals(
        List.of("cannotDisseminateFormat"),
        oai.get("verb", "ListRecords", "metadataPrefix", "nope").errorCodes());
  }

  // ---- ListSets (4.6) ----

  @Test
  void listSetsPagesThroughBothHierarchies() throws Exception {
    List<String> specs = new ArrayList<>();
    Answer a = oai.get("verb", "ListSets");
    while (true) {
      specs.addAll(a.strings("//oai:set/oai:setSpec"));
      if (!a.hasToken() || a.token().isEmpty()) {
        break;
      }
      a = oai.get("verb", "ListSets", "resumptionToken", a.token());
    }
    assertTrue(specs.contains("collection") && specs.contains("type"));
    var catalog = server.server().catalog();
    for (var c : catalog.collections()) {
      assertTrue(specs.contains("collection:" + c.id()));
    }
    for (String type : catalog.types().keySet()) {
      assertTrue(specs.contains("type:" + type));
    }
    assertEquals(2 + catalog.collections().size() + catalog.types().size(), specs.size());
    assertEquals(specs.stream().sorted().toList(), specs);
  }

  // ---- HTTP: compression (3.1.3) and the stylesheet ----

  @Test
  void responsesAreCompressedAsTheHarvesterAsks() throws Exception {
    HttpResponse<byte[]> gzip =
        server.getBytes("/oai?verb=ListRecords&metadataPrefix=oai_dc", "Accept-Encoding", "gzip");
    assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(""));
    Answer.of(
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body()))
            .readAllBytes());
    HttpResponse<byte[]> deflate =
        server.getBytes("/oai?verb=Identify", "Accept-Encoding", "deflate, gzip;q=0.5");
    assertEquals("deflate", deflate.headers().firstValue("Content-Encoding").orElse(""));
    Answer.of(
        new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(deflate.body()))
            .readAllBytes());
    HttpResponse<byte[]> refused =
        server.getBytes("/oai?verb=Identify", "Accept-Encoding", "gzip;q=0, deflate;q=0");
    assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
    Answer.of(refused.body());
    HttpResponse<byte[]> error = server.getBytes("/oai?verb=nope", "Accept-Encoding", "gzip");
    assertEquals("gzip", error.headers().firstValue("Content-Encoding").orElse(""));
  }

  @Test
  void theStylesheetTurnsResponsesIntoPages() throws Exception {
    HttpResponse<byte[]> xsl = server.getBytes("/oai/oai2.xsl");
    assertEquals(200, xsl.statusCode());
    Answer records = oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc");
    var transformer =
        javax.xml.transform.TransformerFactory.newInstance()
            .newTransformer(
                new javax.xml.transform.stream.StreamSource(
                    new java.io.ByteArrayInputStream(xsl.body())));
    java.io.StringWriter html = new java.io.StringWriter();
    transformer.transform(
        new javax.xml.transform.dom.DOMSource(records.document),
        new javax.xml.transform.stream.StreamResult(html));
    assertTrue(html.toString().contains(sample.get(0).title().replace("'", "'")), html.toString());
    assertTrue(html.toString().contains("Next page"));
    assertNotEquals(-1, html.toString().indexOf("<table"));
    for (String prefix : List.of("mods", "oai_qdc")) {
      Answer one =
          oai.get("verb", "GetRecord", "identifier", id(sample.get(0)), "metadataPrefix", prefix);
      java.io.StringWriter page = new java.io.StringWriter();
      transformer.transform(
          new javax.xml.transform.dom.DOMSource(one.document),
          new javax.xml.transform.stream.StreamResult(page));
      String expected = sample.get(0).title().replace("&", "&amp;");
      assertTrue(page.toString().contains(expected), prefix + ": " + page);
      assertTrue(
          page.toString().contains("<a href=\"" + server.baseUrl() + "/records/"),
          prefix + ": " + page);
    }
  }

  private static List<String> harvest(String... selection) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("verb", "ListIdentifiers", "metadataPrefix", "oai_dc"));
    args.addAll(List.of(selection));
    Answer a = oai.get(args.toArray(String[]::new));
    List<String> ids = new ArrayList<>();
    while (true) {
      if (a.errorCodes().contains("noRecordsMatch")) {
        return ids;
      }
      ids.addAll(a.strings("//oai:header/oai:identifier"));
      if (!a.hasToken() || a.token().isEmpty()) {
        return ids;
      }
      a = oai.get("verb", "ListIdentifiers", "resumptionToken", a.token());
    }
  }
}
