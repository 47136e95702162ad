package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.ArchiveDate;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.oai.OaiClient.Answer;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MODS 3.8 and qualified Dublin Core over OAI-PMH: every record of the sample archive in both
 * formats, each response valid against our schemas, the Library of Congress's MODS 3.8 schema
 * (committed) and, where the conformance kit is at hand, its official schemas (OaiClient validates
 * every answer); the README's mapping read back field by field, with an XML parser and XPath, from
 * a record that has every field.
 */
class ModsAndQualifiedDcTest {
  private static final String REPO = "oai:dossier.example.org:";
  private static final String COLLECTION = "conversations-with-kim-il-sung";
  private static TestServer server;
  private static OaiClient oai;
  private static String base;

  /** A record with every field the catalog has, a day-precision date and a CC licence. */
  private static final Record FULL =
      new Record(
          "full-record",
          "Telegram from Pyongyang to Moscow & back",
          ArchiveDate.parse("1950-04-12"),
          "A summary of the telegram.",
          "telegram",
          // Russian by its ISO 639-3 code: MODS gives the shortest code, BCP 47's subtag.
          List.of("en", "rus"),
          List.of("Kim Il Sung", "Stalin"),
          List.of("North Korea", "Soviet Union"),
          List.of("Economic cooperation", "Korean War"),
          "Example State Archive, fond 1, file 2",
          "Example State Archive",
          "http://creativecommons.org/licenses/by/4.0/",
          List.of(COLLECTION),
          List.of(
              new Page("sample/full/p1.jpg", 2480, 3508, "p. 1"),
              new Page("sample/full/p2.jpg", 2480, 3508, "p. 2"),
              new Page("sample/full/p3.jpg", 2480, 3508, "p. 3")),
          null,
          false);

  /** Only the required fields, a month, a RightsStatements.org statement: what stays out. */
  private static final Record SPARSE =
      new Record(
          "sparse-record",
          "A memorandum",
          ArchiveDate.parse("1953-07"),
          null,
          null,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null,
          null,
          "http://rightsstatements.org/vocab/InC-EDU/1.0/",
          List.of(),
          List.of(),
          null,
          false);

  /** A year-precision date. */
  private static final Record YEAR =
      new Record(
          "year-record",
          "A report",
          ArchiveDate.parse("1961"),
          null,
          "report",
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null,
          null,
          "http://rightsstatements.org/vocab/CNE/1.0/",
          List.of(),
          List.of(),
          null,
          false);

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("oai.page-size", "7"));
    oai = new OaiClient(server);
    base = server.baseUrl();
    try (CatalogWriter writer = server.server().catalog().writer()) {
      writer.put(FULL);
      writer.put(SPARSE);
      writer.put(YEAR);
      writer.commit();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Answer get(Record r, String prefix) throws Exception {
    return oai.get("verb", "GetRecord", "identifier", REPO + r.id(), "metadataPrefix", prefix);
  }

  @Test
  void listMetadataFormatsNamesModsAndQualifiedDcWithTheirSchemas() throws Exception {
    Answer a = oai.get("verb", "ListMetadataFormats", "identifier", REPO + FULL.id());
    assertEquals(
        "http://www.loc.gov/standards/mods/v3/mods-3-8.xsd",
        a.string("//oai:metadataFormat[oai:metadataPrefix='mods']/oai:schema"));
    assertEquals(
        "http://www.loc.gov/mods/v3",
        a.string("//oai:metadataFormat[oai:metadataPrefix='mods']/oai:metadataNamespace"));
    assertEquals(
        "http://worldcat.org/xmlschemas/qdc/1.0/qdc-1.0.xsd",
        a.string("//oai:metadataFormat[oai:metadataPrefix='oai_qdc']/oai:schema"));
    assertEquals(
        "http://worldcat.org/xmlschemas/qdc-1.0/",
        a.string("//oai:metadataFormat[oai:metadataPrefix='oai_qdc']/oai:metadataNamespace"));
  }

  @Test
  void everyRecordIsValidInBothFormatsAcrossResumptionTokens() throws Exception {
    List<String> all =
        server.server().catalog().list(Selection.ALL, null, 1000).stream()
            .map(r -> REPO + r.id())
            .toList();
    assertEquals(33, all.size());
    for (String prefix : List.of("mods", "oai_qdc")) {
      List<String> seen = new ArrayList<>();
      Answer a = oai.get("verb", "ListRecords", "metadataPrefix", prefix);
      while (true) {
        assertEquals(seen.size(), Integer.parseInt(a.string("//oai:resumptionToken/@cursor")));
        assertEquals(
            String.valueOf(all.size()), a.string("//oai:resumptionToken/@completeListSize"));
        List<String> ids = a.strings("//oai:record/oai:header/oai:identifier");
        String root = prefix.equals("mods") ? "mods:mods" : "oai_qdc:qualifieddc";
        assertEquals(ids.size(), a.count("//oai:record/oai:metadata/" + root), prefix);
        seen.addAll(ids);
        if (a.token().isEmpty()) {
          break;
        }
        a = oai.get("verb", "ListRecords", "resumptionToken", a.token());
      }
      assertEquals(all, seen, prefix);
    }
  }

  @Test
  void modsFollowsTheDocumentedMappingFieldByField() throws Exception {
    Answer a = get(FULL, "mods");
    String m = "//oai:metadata/mods:mods";
    assertEquals("3.8", a.string(m + "/@version"));
    assertEquals(
        "http://www.loc.gov/mods/v3 http://www.loc.gov/standards/mods/v3/mods-3-8.xsd",
        a.string(m + "/@xsi:schemaLocation"));
    assertEquals(List.of(FULL.title()), a.strings(m + "/mods:titleInfo/mods:title"));
    assertEquals(FULL.people(), a.strings(m + "/mods:name[@type='personal']/mods:namePart"));
    assertEquals(0, a.count(m + "/mods:name/mods:role"), "the catalog records no roles");
    assertEquals("text", a.string(m + "/mods:typeOfResource"));
    assertEquals(List.of("telegram"), a.strings(m + "/mods:genre"));
    String created = m + "/mods:originInfo/mods:dateCreated";
    assertEquals(List.of("1950-04-12"), a.strings(created));
    assertEquals("w3cdtf", a.string(created + "/@encoding"));
    assertEquals("yes", a.string(created + "/@keyDate"));
    assertEquals(
        List.of("en", "ru"),
        a.strings(m + "/mods:language/mods:languageTerm[@type='code'][@authority='rfc5646']"));
    assertEquals(List.of("3 pages"), a.strings(m + "/mods:physicalDescription/mods:extent"));
    assertEquals(List.of(FULL.summary()), a.strings(m + "/mods:abstract"));
    assertEquals(List.of(FULL.source()), a.strings(m + "/mods:note[@type='original location']"));
    assertEquals(FULL.subjects(), a.strings(m + "/mods:subject/mods:topic"));
    assertEquals(FULL.places(), a.strings(m + "/mods:subject/mods:geographic"));
    String host = m + "/mods:relatedItem[@type='host']";
    assertEquals(1, a.count(host));
    assertEquals(base + "/collections/" + COLLECTION, a.string(host + "/@xlink:href"));
    assertEquals("Conversations with Kim Il Sung", a.string(host + "/mods:titleInfo/mods:title"));
    assertEquals(base + "/collections/" + COLLECTION, a.string(host + "/mods:location/mods:url"));
    assertEquals(
        List.of(base + "/id/record/" + FULL.id()), a.strings(m + "/mods:identifier[@type='uri']"));
    String primary = m + "/mods:location/mods:url[@usage='primary']";
    assertEquals(List.of(base + "/records/" + FULL.id()), a.strings(primary));
    assertEquals("object in context", a.string(primary + "/@access"));
    assertEquals(0, a.count(m + "//mods:url[@usage='primary display']"));
    assertEquals(
        List.of(base + "/iiif/3/" + FULL.id() + "/manifest"),
        a.strings(m + "/mods:location/mods:url[@note='IIIF Manifest']"));
    assertEquals(List.of(FULL.archive()), a.strings(m + "/mods:location/mods:physicalLocation"));
    String access = m + "/mods:accessCondition";
    assertEquals("use and reproduction", a.string(access + "/@type"));
    assertEquals(FULL.rights(), a.string(access + "/@xlink:href"));
    String info = m + "/mods:recordInfo";
    assertEquals("Dossier Sample Archive", a.string(info + "/mods:recordContentSource"));
    assertEquals(REPO + FULL.id(), a.string(info + "/mods:recordIdentifier"));
    assertEquals(a.string("//oai:header/oai:datestamp"), a.string(info + "/mods:recordChangeDate"));
    assertEquals("w3cdtf", a.string(info + "/mods:recordChangeDate/@encoding"));
    assertEquals(
        "en", a.string(info + "/mods:languageOfCataloging/mods:languageTerm[@type='code']"));
  }

  @Test
  void modsOfASparseRecordKeepsTheMonthAndLeavesOutWhatIsNotKnown() throws Exception {
    Answer a = get(SPARSE, "mods");
    String m = "//oai:metadata/mods:mods";
    assertEquals("1953-07", a.string(m + "/mods:originInfo/mods:dateCreated"));
    for (String absent :
        List.of(
            "mods:name",
            "mods:genre",
            "mods:language",
            "mods:physicalDescription",
            "mods:abstract",
            "mods:note",
            "mods:subject",
            "mods:relatedItem",
            "mods:location/mods:physicalLocation",
            "mods:location/mods:url[@note]")) {
      assertEquals(0, a.count(m + "/" + absent), absent);
    }
    assertEquals(1, a.count(m + "/mods:location/mods:url[@usage='primary']"));
    assertEquals(SPARSE.rights(), a.string(m + "/mods:accessCondition/@xlink:href"));
  }

  @Test
  void qualifiedDcFollowsTheDocumentedMappingFieldByField() throws Exception {
    Answer a = get(FULL, "oai_qdc");
    String q = "//oai:metadata/oai_qdc:qualifieddc";
    assertEquals(
        "http://worldcat.org/xmlschemas/qdc-1.0/"
            + " http://worldcat.org/xmlschemas/qdc/1.0/qdc-1.0.xsd",
        a.string(q + "/@xsi:schemaLocation"));
    assertEquals(List.of(FULL.title()), a.strings(q + "/dc:title"));
    assertEquals(List.of("1950-04-12"), a.strings(q + "/dcterms:created"));
    assertEquals(List.of(FULL.summary()), a.strings(q + "/dc:description"));
    assertEquals(List.of("telegram"), a.strings(q + "/dc:type"));
    assertEquals(FULL.languages(), a.strings(q + "/dc:language"));
    List<String> subjects = new ArrayList<>(FULL.subjects());
    subjects.addAll(FULL.people());
    assertEquals(subjects, a.strings(q + "/dc:subject"));
    assertEquals(FULL.places(), a.strings(q + "/dcterms:spatial"));
    assertEquals(List.of(FULL.source()), a.strings(q + "/dc:source"));
    assertEquals(List.of(FULL.archive()), a.strings(q + "/dc:publisher"));
    assertEquals(List.of(FULL.rights()), a.strings(q + "/dcterms:license"));
    assertEquals(0, a.count(q + "/dcterms:rights"), "a CC licence is a licence");
    assertEquals(List.of("3 pages"), a.strings(q + "/dcterms:extent"));
    assertEquals(
        List.of(base + "/records/" + FULL.id(), base + "/iiif/3/" + FULL.id() + "/manifest"),
        a.strings(q + "/dcterms:identifier"));
    assertEquals(List.of("Conversations with Kim Il Sung"), a.strings(q + "/dcterms:isPartOf"));
    assertEquals(0, a.count(q + "/dcterms:isPartOf/@rdf:resource"));
    // Nothing else: every child is one of the terms the mapping names.
    // title, created, description, type, 2 languages, 4 subjects, 2 places, source, publisher,
    // license, extent, 2 identifiers, isPartOf.
    assertEquals(19, a.count(q + "/*"), a.text());
  }

  @Test
  void qualifiedDcKeepsTheMonthAndPutsOtherRightsStatementsInRights() throws Exception {
    Answer a = get(SPARSE, "oai_qdc");
    String q = "//oai:metadata/oai_qdc:qualifieddc";
    assertEquals("1953-07", a.string(q + "/dcterms:created"));
    assertEquals(List.of(SPARSE.rights()), a.strings(q + "/dcterms:rights"));
    assertEquals(0, a.count(q + "/dcterms:license"));
    assertEquals(0, a.count(q + "/dcterms:extent"));
    assertEquals(List.of(base + "/records/" + SPARSE.id()), a.strings(q + "/dcterms:identifier"));
  }

  @Test
  void aYearStaysAYearInBothFormats() throws Exception {
    assertEquals("1961", get(YEAR, "mods").string("//mods:originInfo/mods:dateCreated"));
    assertEquals("1961", get(YEAR, "oai_qdc").string("//dcterms:created"));
  }

  @Test
  void theMetadataIslandsDeclareTheirOwnNamespaces() throws Exception {
    for (String prefix : List.of("mods", "oai_qdc")) {
      String text = get(FULL, prefix).text();
      String root = prefix.equals("mods") ? "<mods:mods " : "<oai_qdc:qualifieddc ";
      int at = text.indexOf(root);
      assertTrue(at > 0, text);
      String start = text.substring(at, text.indexOf('>', at));
      assertTrue(start.contains("xmlns:xsi="), start);
      if (prefix.equals("mods")) {
        assertTrue(start.contains("xmlns:mods=\"http://www.loc.gov/mods/v3\""), start);
        assertTrue(start.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""), start);
      } else {
        assertTrue(start.contains("xmlns:dcterms=\"http://purl.org/dc/terms/\""), start);
        assertTrue(start.contains("xmlns:dc=\"http://purl.org/dc/elements/1.1/\""), start);
      }
      assertFalse(start.contains("xmlns:rdf="), "no RDF in " + prefix + ": " + start);
    }
  }
}
