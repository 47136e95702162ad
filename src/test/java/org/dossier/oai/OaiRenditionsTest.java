package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records rendered ahead of requests (issue 19): what a harvester receives is the same byte for
 * byte whether the record was rendered ahead or on its request, a stored rendition is what is sent,
 * and one that no longer describes the record, its collection or the server's base URL is not.
 */
class OaiRenditionsTest {
  /** The follower is left idle: each test catches the projection up when it wants it current. */
  private static final Map<String, String> IDLE =
      Map.of("projection.poll-millis", "86400000", "oai.page-size", "7");

  @TempDir Path dir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TestServer start(Map<String, String> overrides) {
    java.util.HashMap<String, String> all = new java.util.HashMap<>(IDLE);
    all.putAll(overrides);
    server = TestServer.start(dir, all);
    return server;
  }

  private void catchUp() {
    server.server().derivedStores().follower().catchUpNow();
  }

  private Connection db() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
  }

  private long storedRenditions() throws Exception {
    try (Connection c = db();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM renditions WHERE generation ="
                    + " (SELECT generation FROM projection_state WHERE name = 'oai')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every page of a full ListRecords harvest, with the responseDate taken out. */
  private String harvest(String prefix) throws Exception {
    OaiClient client = new OaiClient(server);
    StringBuilder all = new StringBuilder();
    OaiClient.Answer page = client.get("verb", "ListRecords", "metadataPrefix", prefix);
    while (true) {
      all.append(withoutResponseDate(page.text()));
      String token = page.string("//oai:resumptionToken");
      if (token.isEmpty()) {
        return all.toString();
      }
      page = client.get("verb", "ListRecords", "resumptionToken", token);
    }
  }

  private static String withoutResponseDate(String xml) {
    return xml.replaceFirst("<responseDate>[^<]*</responseDate>", "")
        .replaceAll("expirationDate=\"[^\"]*\"", "")
        .replaceAll("resumptionToken=\"[^\"]*\"", "")
        .replaceAll(">[A-Za-z0-9_-]{40,}</resumptionToken>", "></resumptionToken>");
  }

  private String getRecord(String id, String prefix) throws Exception {
    return new OaiClient(server)
        .get(
            "verb",
            "GetRecord",
            "identifier",
            "oai:dossier.example.org:" + id,
            "metadataPrefix",
            prefix)
        .text();
  }

  @Test
  void everyFormatIsSentTheSameRenderedAheadAsRenderedOnTheRequest() throws Exception {
    start(Map.of());
    catchUp();
    long records = server.server().catalog().count(Selection.ALL);
    assertEquals(records * MetadataFormat.values().length, storedRenditions());
    Map<String, String> renderedAhead = new java.util.HashMap<>();
    for (MetadataFormat f : MetadataFormat.values()) {
      renderedAhead.put(f.prefix(), harvest(f.prefix()));
    }
    // A new generation: no stored rendition counts, every record is rendered on its request.
    OaiRenditions renditions = server.server().derivedStores().oaiRenditions();
    renditions.rebuild(server.server().catalog());
    assertEquals(0, storedRenditions());
    for (MetadataFormat f : MetadataFormat.values()) {
      assertEquals(renderedAhead.get(f.prefix()), harvest(f.prefix()), f.prefix());
    }
    catchUp();
    assertEquals(records * MetadataFormat.values().length, storedRenditions());
  }

  @Test
  void aStoredRenditionIsWhatIsSent() throws Exception {
    start(Map.of());
    catchUp();
    String id = server.server().catalog().list(Selection.ALL, null, 1).get(0).id();
    String before = getRecord(id, "oai_dc");
    // Change the stored bytes behind the server's back: the response must show the change.
    try (Connection c = db();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE renditions SET xml = ? WHERE record_id = ? AND format = 'oai_dc'")) {
      String record = before.substring(before.indexOf("<record>"), before.indexOf("</GetRecord>"));
      ps.setBytes(
          1, record.replace("<dc:title>", "<dc:title>Stored: ").getBytes(StandardCharsets.UTF_8));
      ps.setString(2, id);
      assertEquals(1, ps.executeUpdate());
    }
    assertTrue(getRecord(id, "oai_dc").contains("<dc:title>Stored: "));
    assertTrue(harvest("oai_dc").contains("<dc:title>Stored: "));
    assertFalse(getRecord(id, "edm").contains("Stored: "));
  }

  @Test
  void aRecordChangedAfterItWasRenderedIsRenderedOnItsRequest() throws Exception {
    start(Map.of());
    catchUp();
    Catalog catalog = server.server().catalog();
    Record r = catalog.list(Selection.ALL, null, 1).get(0);
    try (CatalogWriter w = catalog.writer()) {
      w.put(retitled(r, r.title() + " (revised)"));
      w.commit();
    }
    // The projection has not seen the change: the request renders the record itself.
    for (MetadataFormat f : MetadataFormat.values()) {
      assertTrue(getRecord(r.id(), f.prefix()).contains(r.title() + " (revised)"), f.prefix());
    }
    String onRequest = harvest("mods");
    catchUp();
    assertEquals(onRequest, harvest("mods"));
  }

  @Test
  void aWriterWhoseProjectionAnotherProcessRestartedTakesUpTheNewGeneration() throws Exception {
    start(Map.of());
    catchUp();
    Catalog catalog = server.server().catalog();
    long records = catalog.count(Selection.ALL);
    // Another process with the same settings starts the projection over (a rebuild command).
    String fingerprint = catalog.renditions().state(OaiRenditions.NAME).fingerprint();
    catalog.renditions().restart(OaiRenditions.NAME, fingerprint);
    Record r = catalog.list(Selection.ALL, null, 1).get(0);
    try (CatalogWriter w = catalog.writer()) {
      w.put(retitled(r, r.title() + " (revised)"));
      w.commit();
    }
    // The write in the replaced generation fails once; the next catch-up renders every record
    // again in the new one.
    assertThrows(RuntimeException.class, this::catchUp);
    catchUp();
    assertEquals(records * MetadataFormat.values().length, storedRenditions());
    assertEquals(
        catalog.lastChangeSeq(), catalog.renditions().state(OaiRenditions.NAME).appliedSeq());
  }

  @Test
  void aRenamedCollectionIsInItsMembersMetadataAtOnce() throws Exception {
    start(Map.of());
    catchUp();
    Catalog catalog = server.server().catalog();
    ArchiveCollection c = catalog.collections().get(0);
    String member = catalog.collectionMembers(c.id(), 0, 1).get(0).id();
    assertTrue(getRecord(member, "mods").contains(c.title()));
    try (CatalogWriter w = catalog.writer()) {
      w.put(new ArchiveCollection(c.id(), "A Renamed Collection", c.description(), null));
      w.commit();
    }
    for (String prefix : List.of("mods", "oai_qdc")) {
      String xml = getRecord(member, prefix);
      assertTrue(xml.contains("A Renamed Collection"), prefix);
    }
    String onRequest = harvest("oai_qdc");
    catchUp();
    assertEquals(onRequest, harvest("oai_qdc"));
    assertEquals(catalog.count(Selection.ALL) * MetadataFormat.values().length, storedRenditions());
  }

  @Test
  void anotherBaseUrlIsInEveryRecordAtOnceAndRenderedAheadAgain() throws Exception {
    start(Map.of("server.base-url", "https://one.example.org/archive"));
    catchUp();
    assertTrue(harvest("edm").contains("https://one.example.org/archive/records/"));
    long generation = server.server().derivedStores().oaiRenditions().generation();
    server.close();
    server = null;

    start(Map.of("server.base-url", "https://two.example.org"));
    assertEquals(generation + 1, server.server().derivedStores().oaiRenditions().generation());
    for (MetadataFormat f : MetadataFormat.values()) {
      String xml = harvest(f.prefix());
      assertFalse(xml.contains("one.example.org"), f.prefix());
      assertTrue(xml.contains("https://two.example.org/records/"), f.prefix());
    }
    catchUp();
    long records = server.server().catalog().count(Selection.ALL);
    assertEquals(records * MetadataFormat.values().length, storedRenditions());
  }

  /** A page as a client asking for a content coding receives it, decoded (checksums checked). */
  private String fetchDecoded(String query, String coding) throws Exception {
    java.net.http.HttpResponse<byte[]> r =
        server.getBytes("/oai?" + query, "Accept-Encoding", coding);
    assertEquals(200, r.statusCode());
    assertEquals(coding, r.headers().firstValue("Content-Encoding").orElse(null));
    java.io.InputStream body = new java.io.ByteArrayInputStream(r.body());
    try (java.io.InputStream in =
        coding.equals("gzip")
            ? new java.util.zip.GZIPInputStream(body)
            : new java.util.zip.InflaterInputStream(body)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void compressedListsAndRecordsUnpackToWhatIsSentUncompressed() throws Exception {
    start(Map.of());
    catchUp();
    Record r = server.server().catalog().list(Selection.ALL, null, 1).get(0);
    List<String> queries =
        List.of(
            "verb=ListRecords&metadataPrefix=edm",
            "verb=ListRecords&metadataPrefix=oai_dc&set=type",
            "verb=GetRecord&metadataPrefix=mods&identifier=oai:dossier.example.org:" + r.id());
    for (int pass = 0; pass < 2; pass++) {
      for (String query : queries) {
        String plain =
            withoutResponseDate(
                new String(server.getBytes("/oai?" + query).body(), StandardCharsets.UTF_8));
        for (String coding : List.of("gzip", "deflate")) {
          assertEquals(
              plain, withoutResponseDate(fetchDecoded(query, coding)), coding + " " + query);
        }
      }
      // Then with every record rendered on its request.
      server.server().derivedStores().oaiRenditions().rebuild(server.server().catalog());
    }
  }

  private static Record retitled(Record r, String title) {
    return new Record(
        r.id(),
        title,
        r.date(),
        r.summary(),
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
        r.texts(),
        null,
        false);
  }
}
