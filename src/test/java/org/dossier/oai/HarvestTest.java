package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gdcc.xoai.model.oaipmh.Granularity;
import io.gdcc.xoai.model.oaipmh.results.Record;
import io.gdcc.xoai.model.oaipmh.results.record.Header;
import io.gdcc.xoai.serviceprovider.ServiceProvider;
import io.gdcc.xoai.serviceprovider.client.JdkHttpOaiClient;
import io.gdcc.xoai.serviceprovider.model.Context;
import io.gdcc.xoai.serviceprovider.parameters.ListIdentifiersParameters;
import io.gdcc.xoai.serviceprovider.parameters.ListRecordsParameters;
import io.gdcc.xoai.services.api.MetadataSearch;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamSource;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Selection;
import org.dossier.config.Settings;
import org.dossier.oai.OaiClient.Answer;
import org.dossier.sample.SampleArchive;
import org.dossier.testing.SteppingClock;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harvests as an aggregator does, with a third-party harvester (gdcc's xoai service provider)
 * following resumption tokens: a full harvest in oai_dc, MODS and oai_qdc, then an incremental one
 * after an update and a deletion, then the tombstone by GetRecord.
 */
class HarvestTest {
  /** When the sample archive was imported, by the catalog's clock: well before any harvest. */
  static final Instant SAMPLE_IMPORTED = Instant.parse("2020-01-01T00:00:00Z");

  @TempDir Path dir;
  private TestServer server;
  private ServiceProvider harvester;

  @BeforeEach
  void start() throws Exception {
    // The sample archive is imported here, on a clock that stands in the past, rather than by the
    // server at start-up: datestamps are whole seconds, and an import and a harvest in the same
    // second could not be told apart.
    try (Catalog catalog =
        Catalog.open(catalogUrl(), "", "", 1, new SteppingClock(SAMPLE_IMPORTED))) {
      SampleArchive.load(
          catalog, Settings.load(null, Map.of(), Map.of(Settings.DATA_DIR.key(), dir.toString())));
    }
    server = TestServer.start(dir, Map.of("oai.page-size", "4"));
    JdkHttpOaiClient client =
        new JdkHttpOaiClient.JdkHttpBuilder(HttpClient.newBuilder())
            .withBaseUrl(server.uri("/oai").toString())
            .build();
    harvester =
        new ServiceProvider(
            new Context()
                .withBaseUrl(server.uri("/oai").toString())
                .withOAIClient(client)
                .withGranularity(Granularity.Second)
                .withMetadataTransformer("oai_dc", Context.KnownTransformer.OAI_DC)
                .withMetadataTransformer("mods", transformer("mods-to-xoai.xsl"))
                .withMetadataTransformer("oai_qdc", transformer("qdc-to-xoai.xsl")));
  }

  /**
   * xoai reads metadata through an XSLT into its own element/field form: it ships one for oai_dc;
   * these, in the test resources, do the same for MODS and oai_qdc.
   */
  private static Transformer transformer(String stylesheet) throws Exception {
    try (var in = HarvestTest.class.getResourceAsStream(stylesheet)) {
      return TransformerFactory.newInstance().newTransformer(new StreamSource(in));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String catalogUrl() {
    return "jdbc:sqlite:" + dir.resolve("catalog.db");
  }

  @Test
  void aFullHarvestReturnsEverySampleRecordExactlyOnce() throws Exception {
    Catalog catalog = server.server().catalog();
    List<String> expected =
        catalog.list(Selection.ALL, null, 1000).stream()
            .map(r -> "oai:dossier.example.org:" + r.id())
            .toList();
    assertEquals(30, expected.size());

    List<String> harvested = new ArrayList<>();
    Iterator<Record> records =
        harvester.listRecords(ListRecordsParameters.request().withMetadataPrefix("oai_dc"));
    while (records.hasNext()) {
      Record r = records.next();
      assertFalse(r.getHeader().isDeleted());
      harvested.add(r.getHeader().getIdentifier());
    }
    assertEquals(expected.size(), harvested.size(), "duplicates or gaps: " + harvested);
    assertEquals(new HashSet<>(expected), new HashSet<>(harvested));

    // xoai parses oai_dc only; for EDM it follows the same list of headers.
    List<String> edm = new ArrayList<>();
    harvester
        .listIdentifiers(ListIdentifiersParameters.request().withMetadataPrefix("edm"))
        .forEachRemaining(h -> edm.add(h.getIdentifier()));
    assertEquals(harvested, edm);
  }

  @Test
  void theHarvesterReadsEveryRecordInModsAndQualifiedDc() throws Exception {
    Map<String, org.dossier.catalog.Record> catalog = new HashMap<>();
    for (org.dossier.catalog.Record r : server.server().catalog().list(Selection.ALL, null, 1000)) {
      catalog.put("oai:dossier.example.org:" + r.id(), r);
    }
    assertEquals(30, catalog.size());
    String base = server.baseUrl();
    for (String prefix : List.of("mods", "oai_qdc")) {
      List<String> harvested = new ArrayList<>();
      Iterator<Record> records =
          harvester.listRecords(ListRecordsParameters.request().withMetadataPrefix(prefix));
      while (records.hasNext()) {
        Record record = records.next();
        String identifier = record.getHeader().getIdentifier();
        harvested.add(identifier);
        org.dossier.catalog.Record r = catalog.get(identifier);
        MetadataSearch<String> m = record.getMetadata().getXoaiMetadata().searcher();
        String date = r.date() == null ? null : r.date().toString();
        if (prefix.equals("mods")) {
          assertEquals(r.title(), m.findOne("mods.title"), identifier);
          assertEquals(date, m.findOne("mods.dateCreated"), identifier);
          assertEquals(base + "/records/" + r.id(), m.findOne("mods.primaryUrl"), identifier);
          assertEquals(r.rights(), m.findOne("mods.rights"), identifier);
          assertEquals(r.collections().size(), all(m, "mods.host").size(), identifier);
        } else {
          assertEquals(r.title(), m.findOne("qdc.dc_title"), identifier);
          assertEquals(date, m.findOne("qdc.dcterms_created"), identifier);
          assertEquals(r.places(), all(m, "qdc.dcterms_spatial"), identifier);
          assertEquals(base + "/records/" + r.id(), m.findOne("qdc.dcterms_identifier"));
          assertEquals(r.collections().size(), all(m, "qdc.dcterms_isPartOf").size());
        }
      }
      assertEquals(catalog.size(), harvested.size(), prefix + ": duplicates or gaps");
      assertEquals(catalog.keySet(), new HashSet<>(harvested), prefix);
    }
  }

  /** Every value at a path; xoai answers null, not an empty list, when there is none. */
  private static List<String> all(MetadataSearch<String> metadata, String path) {
    List<String> values = metadata.findAll(path);
    return values == null ? List.of() : values;
  }

  /** A count of {@code dossier_oai_read_ahead_pages_total} from /metrics. */
  private long readAhead(String outcome) throws Exception {
    String line = "dossier_oai_read_ahead_pages_total{outcome=\"" + outcome + "\"} ";
    return server
        .get("/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(line))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(line.length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + line + "in /metrics"));
  }

  @Test
  void eachPageAfterTheFirstIsReadAheadWhileTheHarvesterReadsTheOneBefore() throws Exception {
    List<String> harvested = new ArrayList<>();
    Iterator<Record> records =
        harvester.listRecords(ListRecordsParameters.request().withMetadataPrefix("oai_dc"));
    while (records.hasNext()) {
      harvested.add(records.next().getHeader().getIdentifier());
    }
    assertEquals(30, new HashSet<>(harvested).size());
    assertEquals(30, harvested.size());
    // 30 records in pages of 4: the 7 pages after the first were each read ahead and served.
    assertEquals(7, readAhead("served"));
    assertEquals(0, readAhead("dropped"));
  }

  @Test
  void aPageReadAheadIsNotServedOnceTheCatalogHasChanged() throws Exception {
    OaiClient oai = new OaiClient(server);
    Answer first = oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc");
    String token = first.string("//oai:resumptionToken");
    Instant harvestStart = Instant.parse(first.string("//oai:responseDate"));
    // The second page (records 4-7), read ahead as the first was answered, has been read.
    Thread.sleep(300);
    // Record 5 is deleted in the second the harvest began: its tombstone, stamped at the list's
    // until, moves to the list's end. A fresh read of the second page no longer holds it.
    org.dossier.catalog.Record moved;
    try (Catalog catalog = Catalog.open(catalogUrl(), "", "", 1, new SteppingClock(harvestStart))) {
      moved = catalog.list(Selection.ALL, null, 1000).get(5);
      try (CatalogWriter writer = catalog.writer()) {
        writer.delete(moved.id());
        assertEquals(harvestStart, writer.commit());
      }
    }
    String identifier = "oai:dossier.example.org:" + moved.id();
    Answer second = oai.get("verb", "ListRecords", "resumptionToken", token);
    assertEquals(4, second.count("//oai:record"));
    assertEquals(
        0,
        second.count("//oai:header[oai:identifier='" + identifier + "']"),
        "the second page as read before the deletion was served");
    assertEquals(1, readAhead("dropped"));
    // The rest of the list, read ahead again, holds the record once: deleted.
    token = second.string("//oai:resumptionToken");
    int seen = 0;
    while (!token.isEmpty()) {
      Answer page = oai.get("verb", "ListRecords", "resumptionToken", token);
      seen += page.count("//oai:header[oai:identifier='" + identifier + "'][@status='deleted']");
      token = page.string("//oai:resumptionToken");
    }
    assertEquals(1, seen);
    assertTrue(readAhead("served") >= 5);
  }

  @Test
  void anIncrementalHarvestReturnsExactlyTheUpdatedAndTheDeletedRecord() throws Exception {
    Answer previous =
        new OaiClient(server).get("verb", "ListIdentifiers", "metadataPrefix", "oai_dc");
    Instant previousHarvest = Instant.parse(previous.string("//oai:responseDate"));
    assertTrue(previousHarvest.isAfter(SAMPLE_IMPORTED));

    // The changes are stamped in the very second of that harvest, by a catalog whose clock stands
    // there: from is inclusive, so the next harvest must find them, and nothing older.
    org.dossier.catalog.Record updated;
    org.dossier.catalog.Record deleted;
    try (Catalog catalog =
        Catalog.open(catalogUrl(), "", "", 1, new SteppingClock(previousHarvest))) {
      List<org.dossier.catalog.Record> all = catalog.list(Selection.ALL, null, 1000);
      updated = all.get(5);
      deleted = all.get(11);
      try (CatalogWriter writer = catalog.writer()) {
        writer.put(
            new org.dossier.catalog.Record(
                updated.id(),
                updated.title() + " (revised)",
                updated.date(),
                updated.summary(),
                updated.type(),
                updated.languages(),
                updated.people(),
                updated.places(),
                updated.subjects(),
                updated.source(),
                updated.archive(),
                updated.rights(),
                updated.collections(),
                updated.pages(),
                null,
                false));
        writer.delete(deleted.id());
        assertEquals(previousHarvest, writer.commit());
      }
    }

    Set<String> changed = new HashSet<>();
    Set<String> deletions = new HashSet<>();
    ListIdentifiersParameters incremental =
        ListIdentifiersParameters.request().withMetadataPrefix("oai_dc").withFrom(previousHarvest);
    incremental.withGranularity(Granularity.Second.toString());
    Iterator<Header> headers = harvester.listIdentifiers(incremental);
    while (headers.hasNext()) {
      Header h = headers.next();
      assertTrue(changed.add(h.getIdentifier()), "twice: " + h.getIdentifier());
      if (h.isDeleted()) {
        deletions.add(h.getIdentifier());
      }
    }
    String repo = "oai:dossier.example.org:";
    assertEquals(Set.of(repo + updated.id(), repo + deleted.id()), changed);
    assertEquals(Set.of(repo + deleted.id()), deletions);

    // GetRecord of a deleted item returns its deleted header, not idDoesNotExist.
    Answer tombstone =
        new OaiClient(server)
            .get(
                "verb", "GetRecord", "identifier", repo + deleted.id(), "metadataPrefix", "oai_dc");
    assertEquals("deleted", tombstone.string("//oai:header/@status"));
    assertEquals(0, tombstone.count("//oai:metadata"));
    Answer revised =
        new OaiClient(server)
            .get(
                "verb", "GetRecord", "identifier", repo + updated.id(), "metadataPrefix", "oai_dc");
    assertEquals(updated.title() + " (revised)", revised.string("//dc:title"));
  }

  @Test
  void textXmlCannotCarryIsRemovedAndAllOtherUnicodeRoundTrips() throws Exception {
    Catalog catalog = server.server().catalog();
    org.dossier.catalog.Record r = catalog.list(Selection.ALL, null, 1).get(0);
    String title = "Telegram \u0001from\u0008 Pyongyang \uD83D\uDCDC 김일성 \u0000";
    try (CatalogWriter writer = catalog.writer()) {
      writer.put(
          new org.dossier.catalog.Record(
              r.id(),
              title,
              r.date(),
              "Summary\u001B.",
              r.type(),
              r.languages(),
              r.people(),
              r.places(),
              r.subjects(),
              r.source(),
              r.archive(),
              r.rights(),
              r.collections(),
              r.pages(),
              null,
              false));
      writer.commit();
    }
    OaiClient oai = new OaiClient(server);
    for (String prefix : List.of("oai_dc", "edm")) {
      Answer a =
          oai.get(
              "verb",
              "GetRecord",
              "identifier",
              "oai:dossier.example.org:" + r.id(),
              "metadataPrefix",
              prefix);
      assertEquals("Telegram from Pyongyang \uD83D\uDCDC 김일성 ", a.string("//dc:title"));
      assertEquals("Summary.", a.string("//dc:description"));
    }
  }
}
