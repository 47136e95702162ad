package org.dossier.iiif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/**
 * One truth for every harvester: after a random sequence of imports, updates (with moves between
 * collections), deletes and re-creations, the set of live records is the same through OAI-PMH
 * ListIdentifiers, the change stream walked from {@code last}, the IIIF collections, the sitemap,
 * the search index and a SPARQL count of the RDF store; and every deleted record is deleted
 * everywhere (an OAI-PMH deleted header, a Delete as its latest activity, 410 for its manifest,
 * absent from search and the sitemap). Run against each catalog (SQLite, PostgreSQL).
 */
abstract class OneTruthContract {
  private static final String REPO = "oai:dossier.example.org:";

  /** A server on an empty catalog of this kind, with small pages everywhere. */
  protected abstract TestServer start() throws Exception;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {14, 1914, 20261206})
  void everyRouteAgreesOnTheLiveAndTheDeletedRecords(long seed) throws Exception {
    try (TestServer server = start()) {
      Map<String, Boolean> state = randomHistory(server, new Random(seed));
      Set<String> live = new TreeSet<>();
      Set<String> deleted = new TreeSet<>();
      state.forEach((id, alive) -> (alive ? live : deleted).add(id));
      String why = "seed " + seed + " (" + live.size() + " live, " + deleted.size() + " deleted)";
      assertTrue(live.size() > 10 && deleted.size() > 3, why);
      server.server().derivedStores().follower().catchUpNow();

      assertEquals(live, oaiIdentifiers(server, false), why + ": OAI-PMH live");
      assertEquals(deleted, oaiIdentifiers(server, true), why + ": OAI-PMH deleted");

      Crawler crawler =
          new Crawler(server, server.baseUrl() + "/iiif/discovery/activity/all-changes");
      crawler.crawl();
      assertEquals(live, manifestIds(server, crawler.index.keySet()), why + ": stream");
      assertEquals(deleted, latestlyDeleted(server), why + ": Delete as the latest activity");

      assertEquals(live, iiifCollectionMembers(server), why + ": IIIF collections");
      assertEquals(live, sitemapRecords(server), why + ": sitemap");
      Set<String> indexed = new TreeSet<>();
      server.server().searchIndex().forEachRecord(0, 1_000_000, (id, stamp) -> indexed.add(id));
      assertEquals(live, indexed, why + ": search index");
      assertEquals(live, sparqlRecords(server), why + ": SPARQL");
      assertEquals(live.size(), voidRecordCount(server), why + ": VoID");

      for (String id : deleted) {
        assertEquals(
            410, server.get("/iiif/3/" + id + "/manifest").statusCode(), why + ": manifest " + id);
      }
    }
  }

  /**
   * Imports, updates, moves, deletes and re-creations in random order and random transactions;
   * returns each record ever written with whether it is live.
   */
  private static Map<String, Boolean> randomHistory(TestServer server, Random random) {
    Map<String, Boolean> state = new HashMap<>();
    List<String> collections = List.of("k1", "k2", "k3");
    try (CatalogWriter w = server.server().catalog().writer()) {
      for (String c : collections) {
        w.put(new ArchiveCollection(c, "Collection " + c, null, null));
      }
      w.commit();
    }
    int next = 0;
    for (int tx = 0; tx < 25; tx++) {
      try (CatalogWriter w = server.server().catalog().writer()) {
        int steps = 1 + random.nextInt(8);
        for (int s = 0; s < steps; s++) {
          List<String> alive =
              state.entrySet().stream()
                  .filter(Map.Entry::getValue)
                  .map(Map.Entry::getKey)
                  .sorted()
                  .toList();
          List<String> dead =
              state.entrySet().stream()
                  .filter(e -> !e.getValue())
                  .map(Map.Entry::getKey)
                  .sorted()
                  .toList();
          int op = random.nextInt(10);
          String collection = collections.get(random.nextInt(collections.size()));
          if (op < 4 || alive.isEmpty()) {
            String id = "doc-" + (next++);
            w.put(Fixtures.record(id).title("New " + id).in(collection).build());
            state.put(id, true);
          } else if (op < 7) {
            String id = alive.get(random.nextInt(alive.size()));
            w.put(
                Fixtures.record(id)
                    .title("Changed " + id + " " + random.nextInt(1000))
                    .in(collection)
                    .build());
          } else if (op < 9) {
            String id = alive.get(random.nextInt(alive.size()));
            if (w.delete(id)) {
              state.put(id, false);
            }
          } else if (!dead.isEmpty()) {
            String id = dead.get(random.nextInt(dead.size()));
            w.put(Fixtures.record(id).title("Back " + id).in(collection).build());
            state.put(id, true);
          }
        }
        w.commit();
      }
    }
    return state;
  }

  private static Set<String> oaiIdentifiers(TestServer server, boolean deleted) throws Exception {
    Set<String> ids = new TreeSet<>();
    String query = "verb=ListIdentifiers&metadataPrefix=oai_dc";
    while (query != null) {
      Document doc = xml(server.getBytes("/oai?" + query).body());
      NodeList headers = doc.getElementsByTagNameNS("*", "header");
      for (int i = 0; i < headers.getLength(); i++) {
        Element h = (Element) headers.item(i);
        String id =
            h.getElementsByTagNameNS("*", "identifier")
                .item(0)
                .getTextContent()
                .substring(REPO.length());
        if ("deleted".equals(h.getAttribute("status")) == deleted) {
          ids.add(id);
        }
      }
      NodeList token = doc.getElementsByTagNameNS("*", "resumptionToken");
      String t = token.getLength() == 0 ? "" : token.item(0).getTextContent();
      query =
          t.isEmpty()
              ? null
              : "verb=ListIdentifiers&resumptionToken="
                  + URLEncoder.encode(t, StandardCharsets.UTF_8);
    }
    return ids;
  }

  private static Set<String> manifestIds(TestServer server, Set<String> urls) {
    Set<String> ids = new TreeSet<>();
    String prefix = server.baseUrl() + "/iiif/3/";
    for (String url : urls) {
      if (url.endsWith("/manifest")) {
        ids.add(decode(url.substring(prefix.length(), url.length() - "/manifest".length())));
      }
    }
    return ids;
  }

  /** Records whose latest activity in the stream (walked from the first page) is a Delete. */
  private static Set<String> latestlyDeleted(TestServer server) {
    DiscoveryClient client = new DiscoveryClient(server);
    Map<String, String> latest = new HashMap<>();
    for (JsonNode a :
        ActivityStreamTest.walkForwards(
            client, client.get(server.baseUrl() + "/iiif/discovery/activity/all-changes"))) {
      if (a.has("object")) {
        latest.put(a.get("object").get("id").asString(), a.get("type").asString());
      }
    }
    Set<String> urls = new TreeSet<>();
    latest.forEach(
        (url, type) -> {
          if (type.equals("Delete")) {
            urls.add(url);
          }
        });
    return manifestIds(server, urls);
  }

  private static Set<String> iiifCollectionMembers(TestServer server) throws Exception {
    Set<String> ids = new TreeSet<>();
    List<String> todo = new ArrayList<>(List.of(server.baseUrl() + "/iiif/3/collection/top"));
    Set<String> manifests = new TreeSet<>();
    while (!todo.isEmpty()) {
      String url = todo.remove(todo.size() - 1);
      JsonNode doc =
          RecordJson.MAPPER.readTree(server.get(url.substring(server.baseUrl().length())).body());
      for (JsonNode item : doc.get("items")) {
        if (item.get("type").asString().equals("Collection")) {
          todo.add(item.get("id").asString());
        } else {
          manifests.add(item.get("id").asString());
        }
      }
    }
    ids.addAll(manifestIds(server, manifests));
    return ids;
  }

  private static Set<String> sitemapRecords(TestServer server) throws Exception {
    Set<String> ids = new TreeSet<>();
    Document doc = xml(server.getBytes("/sitemap.xml").body());
    NodeList locs = doc.getElementsByTagNameNS("*", "loc");
    String prefix = server.baseUrl() + "/records/";
    for (int i = 0; i < locs.getLength(); i++) {
      String loc = locs.item(i).getTextContent();
      assertFalse(loc.contains("sitemap-"), "a sitemap index: the test expects one sitemap");
      if (loc.startsWith(prefix)) {
        ids.add(decode(loc.substring(prefix.length())));
      }
    }
    return ids;
  }

  private static Set<String> sparqlRecords(TestServer server) throws Exception {
    String query = "SELECT ?r WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> }";
    JsonNode answer =
        RecordJson.MAPPER.readTree(
            server
                .get(
                    "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                    "Accept",
                    "application/sparql-results+json")
                .body());
    Set<String> ids = new TreeSet<>();
    String prefix = server.baseUrl() + "/id/record/";
    for (JsonNode row : answer.get("results").get("bindings")) {
      String uri = row.get("r").get("value").asString();
      assertTrue(uri.startsWith(prefix), uri);
      ids.add(decode(uri.substring(prefix.length())));
    }
    return ids;
  }

  /** The {@code void:entities} of the VoID class partition of {@code edm:ProvidedCHO}. */
  private static long voidRecordCount(TestServer server) throws Exception {
    org.eclipse.rdf4j.model.Model v =
        org.eclipse.rdf4j.rio.Rio.parse(
            new java.io.StringReader(server.get("/.well-known/void").body()),
            server.baseUrl() + "/",
            org.eclipse.rdf4j.rio.RDFFormat.TURTLE);
    var records =
        org.eclipse.rdf4j.model.util.Values.iri(server.baseUrl() + "/.well-known/void#records");
    assertTrue(
        v.contains(
            records,
            org.eclipse.rdf4j.model.vocabulary.VOID.CLASS,
            org.eclipse.rdf4j.model.util.Values.iri(
                "http://www.europeana.eu/schemas/edm/ProvidedCHO")));
    return org.eclipse.rdf4j.model.util.Models.objectLiteral(
            v.filter(records, org.eclipse.rdf4j.model.vocabulary.VOID.ENTITIES, null))
        .orElseThrow()
        .longValue();
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }

  private static Document xml(byte[] bytes) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
  }
}
