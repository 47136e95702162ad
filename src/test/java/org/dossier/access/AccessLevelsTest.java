package org.dossier.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.dossier.api.Scope;
import org.dossier.api.Tokens;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each access level through every protocol: OAI-PMH, IIIF Presentation and Image, linked data and
 * SPARQL, the site's search and record pages, the sitemap and change discovery. Levels are set as a
 * cataloguing system sets them, by a PUT of the import format to the admin API.
 */
class AccessLevelsTest {
  private static TestServer server;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("api.token-cache-seconds", "0"));
    token = new Tokens(server.server().catalog().apiTokens()).create("cataloguer", Scope.WRITE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void hiddenRecordIsADeletionForHarvestersAndAbsentEverywhereElse() throws Exception {
    Record r = scanned(0);
    String id = r.id();
    Instant from = nextSecond();
    setAccess(id, "hidden");

    // OAI-PMH: a deletion after the harvest's from, as GetRecord and ListIdentifiers tell it.
    String list = oai("verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + from);
    assertTrue(list.contains(":" + id + "</identifier>"), list);
    String header = headerOf(list, id);
    assertTrue(header.contains("status=\"deleted\""), header);
    String get = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + oaiId(id));
    assertTrue(get.contains("status=\"deleted\""), get);
    assertFalse(get.contains("<metadata>"), get);

    // 404 elsewhere.
    assertEquals(404, server.get("/iiif/3/" + id + "/manifest").statusCode());
    assertEquals(404, server.get("/iiif/2/" + id + "/manifest").statusCode());
    assertEquals(404, server.get("/iiif/image/3/" + id + "-p1/info.json").statusCode());
    assertEquals(
        404, server.get("/iiif/image/3/" + id + "-p1/full/max/0/default.jpg").statusCode());
    assertEquals(404, server.get("/records/" + id).statusCode());
    assertEquals(200, get("/api/v1/records/" + id).statusCode(), "the admin API still has it");

    // Not projected: no triple about it, not in search nor in the sitemap.
    catchUp();
    assertEquals(404, server.get("/records/" + id + ".ttl").statusCode());
    assertFalse(sparqlAsk(id), "the hidden record is still in the RDF store");
    assertFalse(search(r).contains("/records/" + id + "\""), "the hidden record is still found");
    assertFalse(sitemaps().contains("/records/" + id + "<"), "the hidden record is in the sitemap");
    // Change discovery: a Delete of its manifest.
    assertTrue(lastActivity(id).contains("\"Delete\""), lastActivity(id));

    // Back to open: a new datestamp, a live record, everything back.
    Instant back = nextSecond();
    setAccess(id, "open");
    String again = oai("verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + back);
    assertTrue(again.contains(":" + id + "</identifier>"), again);
    assertFalse(headerOf(again, id).contains("deleted"), again);
    assertEquals(200, server.get("/iiif/3/" + id + "/manifest").statusCode());
    assertEquals(200, server.get("/records/" + id).statusCode());
    catchUp();
    assertTrue(sparqlAsk(id));
    assertTrue(search(r).contains("/records/" + id));
    assertTrue(lastActivity(id).contains("\"Create\""), lastActivity(id));
  }

  @Test
  void metadataRecordIsDescribedEverywhereButShowsNoScans() throws Exception {
    Record r = scanned(1);
    String id = r.id();
    setAccess(id, "metadata");

    String get = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + oaiId(id));
    assertFalse(get.contains("status=\"deleted\""), get);
    assertTrue(get.contains("<metadata>"), get);
    String edm = oai("verb=GetRecord&metadataPrefix=edm&identifier=" + oaiId(id));
    assertFalse(edm.contains("/iiif/image/"), "EDM names no image of a metadata-only record");

    JsonNode manifest = json(server.get("/iiif/3/" + id + "/manifest"));
    assertEquals(1, manifest.get("items").size(), "one placeholder canvas");
    assertFalse(manifest.has("thumbnail"));
    assertFalse(manifest.get("items").get(0).has("items"), "nothing painted on the placeholder");
    assertFalse(manifest.toString().contains("/iiif/image/"), manifest.toString());
    JsonNode v2 = json(server.get("/iiif/2/" + id + "/manifest"));
    assertFalse(v2.toString().contains("/iiif/image/"), v2.toString());
    assertEquals(404, server.get("/iiif/3/" + id + "/annotation/p1").statusCode());

    HttpResponse<String> info = server.get("/iiif/image/3/" + id + "-p1/info.json");
    assertEquals(403, info.statusCode());
    assertTrue(info.body().contains("access level metadata"), info.body());
    HttpResponse<String> image = server.get("/iiif/image/2/" + id + "-p1/full/full/0/default.jpg");
    assertEquals(403, image.statusCode());
    assertTrue(image.body().contains("shown to nobody"), image.body());

    assertEquals(200, server.get("/records/" + id).statusCode());
    HttpResponse<String> turtle = server.get("/records/" + id + ".ttl");
    assertEquals(200, turtle.statusCode());
    catchUp();
    assertFalse(server.get("/records/" + id + ".ttl").body().contains("/iiif/image/"));
    assertTrue(sparqlAsk(id));
    assertTrue(search(r).contains("/records/" + id));
    assertTrue(sitemaps().contains("/records/" + id + "<"));
  }

  @Test
  void restrictedRecordGivesAnonymousUsersImagesUpToTheConfiguredSize() throws Exception {
    Record r = scanned(2);
    String id = r.id();
    setAccess(id, "restricted-images");
    int max =
        server.server().settings().get(org.dossier.config.Settings.ACCESS_RESTRICTED_MAX_SIZE);

    HttpResponse<byte[]> full =
        server.getBytes("/iiif/image/3/" + id + "-p1/full/max/0/default.jpg");
    assertEquals(401, full.statusCode());
    assertTrue(full.headers().firstValue("WWW-Authenticate").isPresent());
    HttpResponse<byte[]> small =
        server.getBytes("/iiif/image/3/" + id + "-p1/full/!" + max + "," + max + "/0/default.jpg");
    assertEquals(200, small.statusCode());
    assertEquals("private, no-cache", small.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(
        401, server.getBytes("/iiif/image/2/" + id + "-p1/full/full/0/default.jpg").statusCode());

    // A small tile cut at full resolution is full resolution: refused too.
    assertEquals(
        401,
        server.getBytes("/iiif/image/3/" + id + "-p1/0,0,512,512/512,/0/default.jpg").statusCode());
    assertEquals(
        403,
        server
            .getBytes("/iiif/image/3/" + id + "-p1-lo/0,0,512,512/512,/0/default.jpg")
            .statusCode());
    // The full service's description is a tier of access (IIIF Auth 1.0, 3.2): without a login
    // it sends the client to the lower-resolution one (IiifAuth1Test follows the whole flow).
    HttpResponse<String> anonymousInfo = server.get("/iiif/image/3/" + id + "-p1/info.json");
    assertEquals(302, anonymousInfo.statusCode());
    assertEquals(
        server.baseUrl() + "/iiif/image/3/" + id + "-p1-lo/info.json",
        anonymousInfo.headers().firstValue("Location").orElse(""));

    JsonNode degraded = json(server.get("/iiif/image/3/" + id + "-p1-lo/info.json"));
    assertEquals(max, degraded.get("maxWidth").asInt());
    assertEquals(
        AuthServices.LOGIN_1,
        degraded.get("service").get(0).get("profile").asString(),
        "the degraded service, open to everybody, offers the 1.0 login");
    assertFalse(degraded.has("tiles"), "no tiles: they would be cut at full resolution");
    HttpResponse<byte[]> lo =
        server.getBytes("/iiif/image/3/" + id + "-p1-lo/full/max/0/default.jpg");
    assertEquals(200, lo.statusCode());
    java.awt.image.BufferedImage picture =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(lo.body()));
    assertTrue(Math.max(picture.getWidth(), picture.getHeight()) <= max);
    // Open records have no degraded service.
    String open = scanned(3).id();
    assertEquals(404, server.get("/iiif/image/3/" + open + "-p1-lo/info.json").statusCode());

    JsonNode manifest = json(server.get("/iiif/3/" + id + "/manifest"));
    assertEquals(AuthServices.CONTEXT, manifest.get("@context").get(0).asString());
    JsonNode body =
        manifest.get("items").get(0).get("items").get(0).get("items").get(0).get("body");
    assertEquals("AuthProbeService2", body.get("service").get(1).get("type").asString());
    assertEquals(
        AuthServices.LOGIN_1,
        body.get("service").get(0).get("service").get(0).get("profile").asString(),
        "the image service names the Auth 1.0 login service (and no probe: Mirador 4)");

    String get = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + oaiId(id));
    assertTrue(get.contains("<metadata>"), get);
    assertEquals(200, server.get("/records/" + id).statusCode());
    catchUp();
    assertTrue(sparqlAsk(id));
    assertTrue(search(r).contains("/records/" + id));
  }

  @Test
  void levelComesBackFromTheAdminApiAsImported() throws Exception {
    Record r = scanned(4);
    setAccess(r.id(), "restricted-images");
    JsonNode got = json(get("/api/v1/records/" + r.id()));
    assertEquals("restricted-images", got.get("access").asString());
    setAccess(r.id(), "hidden");
    HttpResponse<String> hidden = get("/api/v1/records/" + r.id());
    assertEquals(200, hidden.statusCode(), "the admin API still reads a hidden record");
    assertEquals("hidden", json(hidden).get("access").asString());
    setAccess(r.id(), "open");
    assertFalse(json(get("/api/v1/records/" + r.id())).has("access"), "open is the default");
    ObjectNode bad = (ObjectNode) json(get("/api/v1/records/" + r.id()));
    bad.put("access", "secret");
    HttpResponse<String> refused = put("/api/v1/records/" + r.id(), bad.toString());
    assertEquals(422, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("access"), refused.body());
  }

  // ---- helpers ----

  private static Record scanned(int n) {
    return server.server().catalog().recordsWithScans(n, 1).get(0);
  }

  private static void setAccess(String id, String level) throws Exception {
    ObjectNode body = (ObjectNode) json(get("/api/v1/records/" + id));
    if (level.equals("open")) {
      body.remove("access");
    } else {
      body.put("access", level);
    }
    HttpResponse<String> answer = put("/api/v1/records/" + id, body.toString());
    assertEquals(200, answer.statusCode(), answer.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Authorization", "Bearer " + token)
            .build());
  }

  private static HttpResponse<String> put(String path, String body) throws Exception {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static Instant nextSecond() throws InterruptedException {
    Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Thread.sleep(Math.max(0, next.toEpochMilli() - System.currentTimeMillis()));
    return next;
  }

  private static void catchUp() {
    server.server().derivedStores().follower().catchUpNow();
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return RecordJson.read(response.body());
  }

  private static String oai(String query) throws Exception {
    HttpResponse<String> r = server.get("/oai?" + query);
    assertEquals(200, r.statusCode());
    return r.body();
  }

  private static String oaiId(String id) {
    String any = oai0();
    String prefix = any.substring(0, any.lastIndexOf(':') + 1);
    return URLEncoder.encode(prefix + id, StandardCharsets.UTF_8);
  }

  /** An identifier the repository gives, to learn its prefix. */
  private static String oai0() {
    try {
      String list = oai("verb=ListIdentifiers&metadataPrefix=oai_dc");
      int start = list.indexOf("<identifier>") + "<identifier>".length();
      return list.substring(start, list.indexOf("</identifier>", start));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String headerOf(String xml, String id) {
    int at = xml.indexOf(":" + id + "</identifier>");
    int start = xml.lastIndexOf("<header", at);
    return xml.substring(start, xml.indexOf("</header>", at));
  }

  private static boolean sparqlAsk(String id) throws Exception {
    String query = "ASK { ?s ?p ?o FILTER(STRENDS(STR(?s), \"/" + id + "\")) }";
    HttpResponse<String> r =
        server.get(
            "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
            "Accept",
            "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    return RecordJson.read(r.body()).get("boolean").asBoolean();
  }

  private static String search(Record r) throws Exception {
    HttpResponse<String> page =
        server.get(
            "/search?q=" + URLEncoder.encode("\"" + r.title() + "\"", StandardCharsets.UTF_8));
    assertEquals(200, page.statusCode());
    return page.body();
  }

  private static String sitemaps() throws Exception {
    String index = server.get("/sitemap.xml").body();
    if (!index.contains("<sitemapindex")) {
      return index;
    }
    StringBuilder all = new StringBuilder();
    for (String part : List.of(index.split("<loc>"))) {
      if (part.contains("</loc>")) {
        String url = part.substring(0, part.indexOf("</loc>"));
        all.append(server.get(url.substring(server.baseUrl().length())).body());
      }
    }
    return all.toString();
  }

  /** The newest activity of the stream of all changes that names this record's manifest. */
  private static String lastActivity(String id) throws Exception {
    JsonNode collection = json(server.get("/iiif/discovery/activity/all-changes"));
    String last = collection.get("last").get("id").asString();
    JsonNode page = json(server.get(last.substring(server.baseUrl().length())));
    JsonNode items = page.get("orderedItems");
    for (int i = items.size() - 1; i >= 0; i--) {
      if (items.get(i).get("object").get("id").asString().contains("/" + id + "/")) {
        return items.get(i).toString();
      }
    }
    throw new AssertionError("no activity for " + id + " on the last page");
  }
}
