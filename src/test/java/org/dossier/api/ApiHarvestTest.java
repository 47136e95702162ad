package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.cli.Main;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An incremental OAI-PMH harvest sees what the API writes exactly as it sees a command-line import:
 * new datestamps after the harvest's {@code from}, and a deletion as status="deleted".
 */
class ApiHarvestTest {
  private static final String OAI = "http://www.openarchives.org/OAI/2.0/";

  @TempDir Path dir;

  @Test
  void apiWritesAndCommandLineImportsLookTheSameToAHarvester() throws Exception {
    try (TestServer server = TestServer.start(Map.of())) {
      ApiClient api = new ApiClient(server);
      String token = api.token("harvest", Scope.WRITE);
      String sample =
          server.server().catalog().list(org.dossier.catalog.Selection.ALL, null, 1).get(0).id();
      // Datestamps are whole seconds: start in a second after every sample record's.
      Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      Thread.sleep(Math.max(0, from.toEpochMilli() - System.currentTimeMillis()));

      assertEquals(
          201,
          api.put("/api/v1/records/by-api", token, ApiClient.record("by-api", "API")).statusCode());
      Path file = dir.resolve("one.jsonl");
      Files.writeString(file, ApiClient.record("by-cli", "CLI") + "\n");
      assertEquals(0, Main.run("import", file.toString(), "--data", server.dataDir().toString()));
      assertEquals(204, api.delete("/api/v1/records/" + sample, token).statusCode());

      Map<String, Element> headers = listIdentifiers(server, from);
      assertEquals(3, headers.size(), headers.keySet().toString());
      Element byApi = header(headers, "by-api");
      Element byCli = header(headers, "by-cli");
      Element deleted = header(headers, sample);
      assertEquals("", byApi.getAttribute("status"));
      assertEquals("", byCli.getAttribute("status"));
      assertEquals("deleted", deleted.getAttribute("status"));
      for (Element h : new Element[] {byApi, byCli, deleted}) {
        Instant stamp = Instant.parse(text(h, "datestamp"));
        assertTrue(!stamp.isBefore(from), stamp + " before " + from);
      }

      // A PUT of the same content again is not a change a harvester sees.
      Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
      Thread.sleep(Math.max(0, later.toEpochMilli() - System.currentTimeMillis()));
      api.put("/api/v1/records/by-api", token, ApiClient.record("by-api", "API"));
      assertTrue(listIdentifiers(server, later).isEmpty());
      api.put("/api/v1/records/by-api", token, ApiClient.record("by-api", "API, changed"));
      assertEquals(1, listIdentifiers(server, later).size());
    }
  }

  private static Element header(Map<String, Element> headers, String recordId) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().endsWith(":" + recordId))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError(recordId + " not harvested: " + headers.keySet()));
  }

  /** Headers of ListIdentifiers from a datestamp, by OAI identifier (every page). */
  private static Map<String, Element> listIdentifiers(TestServer server, Instant from)
      throws Exception {
    Map<String, Element> found = new HashMap<>();
    String query = "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + from;
    while (query != null) {
      HttpResponse<byte[]> response = server.getBytes(query);
      assertEquals(200, response.statusCode());
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
      NodeList error = doc.getElementsByTagNameNS(OAI, "error");
      if (error.getLength() > 0) {
        assertEquals("noRecordsMatch", ((Element) error.item(0)).getAttribute("code"));
        return found;
      }
      NodeList list = doc.getElementsByTagNameNS(OAI, "header");
      for (int i = 0; i < list.getLength(); i++) {
        Element h = (Element) list.item(i);
        found.put(text(h, "identifier"), h);
      }
      NodeList token = doc.getElementsByTagNameNS(OAI, "resumptionToken");
      String next = token.getLength() == 0 ? "" : token.item(0).getTextContent().strip();
      query =
          next.isEmpty()
              ? null
              : "/oai?verb=ListIdentifiers&resumptionToken="
                  + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
    return found;
  }

  private static String text(Element parent, String name) {
    return parent.getElementsByTagNameNS(OAI, name).item(0).getTextContent().strip();
  }
}
