package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.testing.HeadlessChromium;
import org.dossier.testing.Nginx;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ProcessingInstruction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dossier behind a real nginx (Debian's package), under the path {@code /archive}, configured as
 * the README's "Behind a reverse proxy, under a path" says: once with a proxy that strips the path
 * and once with one that passes it on, against the same server with the same configuration (base
 * URL {@code http://127.0.0.1:{nginx port}/archive}, {@code server.path-prefix=auto}). nginx's own
 * fixing of {@code Location} headers is turned off, so every URL checked is Dossier's.
 *
 * <p>Through nginx: a full OAI-PMH harvest, a IIIF manifest followed to its image service,
 * info.json and a tile, collections and change discovery, the home page, a document page, a search
 * and a page not found with every link of theirs followed, redirects, the sitemap, RDF and the
 * SPARQL endpoint. No URL may leave the path: each that names this host (any port) must be under
 * {@code http://127.0.0.1:{port}/archive/}.
 *
 * <p>Skipped, saying why, where no nginx is installed.
 */
class NginxProxyIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OAI = "http://www.openarchives.org/OAI/2.0/";
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

  /** How the proxy hands the path on. */
  enum Variant {
    /** {@code proxy_pass http://127.0.0.1:8080/;}: {@code /archive/oai} arrives as {@code /oai}. */
    STRIP("/"),
    /** {@code proxy_pass http://127.0.0.1:8080;}: {@code /archive/oai} arrives as it is. */
    PASS_THROUGH("");

    final String proxyPassPath;

    Variant(String proxyPassPath) {
      this.proxyPassPath = proxyPassPath;
    }
  }

  @TempDir static Path dir;
  static Path nginxBinary;
  static int nginxPort;
  static String origin;
  static String base;
  static TestServer server;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @BeforeAll
  static void startDossier() throws Exception {
    nginxBinary = Nginx.binary().orElse(null);
    Assumptions.assumeTrue(
        nginxBinary != null,
        "no nginx on the PATH nor at /usr/sbin/nginx: install Debian's nginx package to run the"
            + " reverse-proxy test");
    nginxPort = Nginx.freePort();
    origin = "http://127.0.0.1:" + nginxPort;
    base = origin + "/archive";
    server =
        TestServer.start(
            Map.of(
                "server.base-url", base,
                "server.trusted-proxies", "127.0.0.1",
                // Several pages, so that the harvest follows resumption tokens.
                "oai.page-size", "7"));
  }

  @AfterAll
  static void stopDossier() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void everyLinkStaysUnderThePath(Variant variant) throws Exception {
    try (Nginx nginx = startNginx(variant)) {
      try {
        harvest();
        String manifest = iiif();
        pages(manifest);
        redirects();
        sitemap();
        linkedData();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(variant + ": " + e.getMessage() + "\n" + nginx.log(), e);
      }
    }
  }

  /**
   * Headless Chromium opens a document page through nginx: Mirador starts, reads the manifest and
   * asks for tiles, all through the proxy. nginx's access log then holds every request the browser
   * made to this host, and each is under {@code /archive/} and answered without error (but the
   * {@code /favicon.ico} a browser asks any host's root for by itself).
   */
  @Test
  void theViewerLoadsEverythingThroughTheProxy() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.installed(), "Debian's chromium and chromium-driver are not installed");
    try (Nginx nginx = startNginx(Variant.PASS_THROUGH)) {
      String manifest = firstManifest();
      String recordPage = json(manifest).get("homepage").get(0).get("id").asString();
      ChromeDriver browser = HeadlessChromium.start(1200, 900);
      List<String> requests;
      try {
        browser.get(recordPage);
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#viewer.viewer--active .mirador-viewer")));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Pattern tile = Pattern.compile("/archive/iiif/image/3/[^ ]+/default\\.jpg 200");
        do {
          Thread.sleep(500);
          requests = requests(nginx);
        } while (requests.stream().noneMatch(r -> tile.matcher(r).find())
            && System.nanoTime() < deadline);
      } finally {
        browser.quit();
      }
      assertTrue(
          requests.stream().anyMatch(r -> r.startsWith("/archive/iiif/3/") && r.endsWith(" 200")),
          "the viewer asked for its manifest through the proxy: " + requests);
      assertTrue(
          requests.stream()
              .anyMatch(r -> r.matches("/archive/iiif/image/3/\\S+/default\\.jpg 200")),
          "the viewer asked for tiles through the proxy: " + requests);
      List<String> wrong = new ArrayList<>();
      for (String r : requests) {
        boolean favicon = r.startsWith("/favicon.ico ");
        if (!favicon
            && (!r.startsWith("/archive/")
                || Integer.parseInt(r.substring(r.length() - 3)) >= 400)) {
          wrong.add(r);
        }
      }
      assertEquals(List.of(), wrong, "requests outside /archive/ or failing\n" + nginx.log());
    }
  }

  /** The requests in nginx's access log, as "path status". */
  private static List<String> requests(Nginx nginx) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.exists(nginx.accessLog())) {
      return out;
    }
    Matcher m =
        Pattern.compile("\"[A-Z]+ (\\S+) HTTP/[0-9.]+\" (\\d{3}) ")
            .matcher(Files.readString(nginx.accessLog()));
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
  }

  private String firstManifest() throws Exception {
    for (JsonNode item : json(base + "/iiif/3/collection/all").get("items")) {
      if ("Manifest".equals(item.get("type").asString())) {
        return item.get("id").asString();
      }
    }
    throw new AssertionError("no manifest in the collection of every document");
  }

  private Nginx startNginx(Variant variant) throws Exception {
    String location =
        "    gzip on;\n"
            + "    gzip_types text/css text/javascript application/javascript application/json"
            + " application/ld+json text/xml application/xml text/turtle image/svg+xml;\n"
            + "    location /archive/ {\n"
            + "      proxy_pass http://127.0.0.1:"
            + server.server().port()
            + variant.proxyPassPath
            + ";\n"
            // Dossier's own Location headers must be right: nginx is not to rewrite them.
            + "      proxy_redirect off;\n"
            + "      proxy_http_version 1.1;\n"
            + "      proxy_set_header Connection \"\";\n"
            + "      proxy_set_header Host $http_host;\n"
            + "      proxy_set_header X-Forwarded-For $remote_addr;\n"
            + "      proxy_set_header X-Forwarded-Proto $scheme;\n"
            + "      proxy_set_header X-Forwarded-Host $host;\n"
            + "      proxy_set_header X-Request-Id $request_id;\n"
            + "    }\n";
    return Nginx.start(nginxBinary, dir.resolve(variant.name()), nginxPort, location);
  }

  // ---- OAI-PMH ----

  /** ListRecords to its end; every page's stylesheet and request element under the path. */
  private void harvest() throws Exception {
    Set<String> identifiers = new TreeSet<>();
    String url = base + "/oai?verb=ListRecords&metadataPrefix=oai_dc";
    int pages = 0;
    while (url != null) {
      Fetched page = get(url);
      assertEquals(200, page.status(), url);
      Document xml = xml(page.body());
      String stylesheet = stylesheet(xml);
      assertTrue(stylesheet.startsWith("/archive/"), "XSLT href " + stylesheet);
      assertEquals(200, get(origin + stylesheet).status(), stylesheet);
      assertEquals(base + "/oai", text(xml, "request"));
      NodeList ids = xml.getElementsByTagNameNS(OAI, "identifier");
      for (int i = 0; i < ids.getLength(); i++) {
        identifiers.add(ids.item(i).getTextContent());
      }
      everyUrlOfOursUnderBase(allText(xml), url);
      String token = text(xml, "resumptionToken");
      url =
          token == null || token.isEmpty()
              ? null
              : base
                  + "/oai?verb=ListRecords&resumptionToken="
                  + URLEncoder.encode(token, StandardCharsets.UTF_8);
      pages++;
      assertTrue(pages < 100, "the harvest does not end");
    }
    assertTrue(pages > 1, "one page only: no resumption token was followed");
    Document identify = xml(get(base + "/oai?verb=Identify").body());
    assertEquals(base + "/oai", text(identify, "baseURL"));
    // The same records as a harvest straight from Dossier counts.
    Document direct =
        xml(server.getBytes("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc").body());
    Node size =
        ((org.w3c.dom.Element) direct.getElementsByTagNameNS(OAI, "resumptionToken").item(0))
            .getAttributeNode("completeListSize");
    assertEquals(Integer.parseInt(size.getNodeValue()), identifiers.size());
  }

  // ---- IIIF ----

  /** Collections, a manifest, its image service, info.json and a tile; the manifest's URL. */
  private String iiif() throws Exception {
    JsonNode top = json(base + "/iiif/3/collection/top");
    assertEquals(base + "/iiif/3/collection/top", top.get("id").asString());
    String manifestUrl = firstManifest();
    JsonNode manifest = json(manifestUrl);
    assertEquals(manifestUrl, manifest.get("id").asString());
    JsonNode canvas = manifest.get("items").get(0);
    assertTrue(
        canvas.get("id").asString().startsWith(base + "/iiif/3/"), canvas.get("id").asString());
    String service = null;
    for (JsonNode s : canvas.findValues("service")) {
      for (JsonNode entry : s) {
        if (entry.has("type") && "ImageService3".equals(entry.get("type").asString())) {
          service = entry.get("id").asString();
        }
      }
    }
    assertNotNull(service, "no ImageService3 on the first canvas");
    JsonNode info = json(service + "/info.json");
    assertEquals(service, info.get("id").asString());
    int tile = info.get("tiles").get(0).get("width").asInt();
    int w = Math.min(tile, info.get("width").asInt());
    int h = Math.min(tile, info.get("height").asInt());
    Fetched jpeg = get(service + "/0,0," + w + "," + h + "/" + w + "," + h + "/0/default.jpg");
    assertEquals(200, jpeg.status());
    assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
    assertEquals((byte) 0xFF, jpeg.body()[0]);
    assertEquals((byte) 0xD8, jpeg.body()[1]);
    // The image service's base URI redirects to its info.json.
    Fetched redirect = get(service);
    assertEquals(303, redirect.status());
    assertEquals(service + "/info.json", redirect.headers().firstValue("Location").orElseThrow());

    JsonNode stream = json(base + "/iiif/discovery/activity/all-changes");
    JsonNode last = json(stream.get("last").get("id").asString());
    assertTrue(last.get("orderedItems").size() > 0);
    return manifestUrl;
  }

  // ---- pages for people ----

  /** The home page and the manifest's document page: every link under the path, and working. */
  private void pages(String manifestUrl) throws Exception {
    Fetched home = get(base + "/");
    assertEquals(200, home.status());
    assertEquals(
        "gzip",
        home.headers().firstValue("Content-Encoding").orElse(""),
        "nginx's gzip is on for HTML");
    Set<String> links = new LinkedHashSet<>(links(base + "/", home.text()));
    String recordPage = json(manifestUrl).get("homepage").get(0).get("id").asString();
    Fetched record = get(recordPage);
    assertEquals(200, record.status(), recordPage);
    org.jsoup.nodes.Document page = Jsoup.parse(record.text(), recordPage);
    Element viewer = page.getElementById("viewer");
    assertNotNull(viewer, "the document page has no viewer");
    assertEquals(manifestUrl, viewer.attr("data-manifest"));
    links.addAll(links(recordPage, record.text()));
    // A search with its filters and pager, and the page of a document that does not exist.
    Fetched search = get(base + "/search?q=Stalin");
    assertEquals(200, search.status());
    links.addAll(links(base + "/search?q=Stalin", search.text()));
    Fetched missing = get(base + "/records/no-such-document", "Accept", "text/html");
    assertEquals(404, missing.status());
    for (String link : links(base + "/records/no-such-document", missing.text())) {
      if (!link.equals(base + "/records/no-such-document")) { // its "#content", its canonical
        links.add(link);
      }
    }
    assertTrue(links.contains(base + "/static/mirador/mirador.min.js"), links.toString());
    assertTrue(links.contains(base + "/static/viewer.js"), links.toString());
    List<String> broken = new ArrayList<>();
    for (String link : links) {
      Fetched f = get(link);
      if (f.status() >= 400) {
        broken.add(f.status() + " " + link);
      }
    }
    assertEquals(List.of(), broken, "links of the pages that do not work through the proxy");
  }

  /**
   * Every href, src, action and data-manifest of a page, resolved against it: each that names this
   * host must be under the base; those returned are the ones under it (without their fragment).
   */
  private static List<String> links(String pageUrl, String html) {
    org.jsoup.nodes.Document page = Jsoup.parse(html, pageUrl);
    List<String> ours = new ArrayList<>();
    for (String attribute : List.of("href", "src", "action", "data-manifest")) {
      for (Element e : page.select("[" + attribute + "]")) {
        String raw = e.attr(attribute);
        String resolved = e.absUrl(attribute);
        assertFalse(resolved.isEmpty(), attribute + "=\"" + raw + "\" does not resolve");
        URI uri = URI.create(resolved);
        if (isOurs(uri)) {
          assertUnderBase(resolved, pageUrl + ": " + e.tagName() + " " + attribute + "=\"" + raw);
          String noFragment = resolved.replaceFirst("#.*", "");
          ours.add(noFragment);
        } else {
          assertTrue(
              uri.getScheme().equals("http") || uri.getScheme().equals("https"),
              pageUrl + ": " + raw);
        }
      }
    }
    for (Element script : page.select("script[type=application/ld+json]")) {
      everyUrlOfOursUnderBase(strings(JSON.readTree(script.data())), pageUrl + " JSON-LD");
    }
    return ours;
  }

  // ---- redirects and sitemap ----

  private void redirects() throws Exception {
    String record = base + "/records/1950-04-conversation-stalin-kim-il-sung";
    Fetched see = get(base + "/id/record/1950-04-conversation-stalin-kim-il-sung");
    assertEquals(303, see.status());
    assertEquals(record, see.headers().firstValue("Location").orElseThrow());
    // Following it through the proxy reaches the page.
    assertEquals(200, get(record).status());
  }

  private void sitemap() throws Exception {
    Fetched sitemap = get(base + "/sitemap.xml");
    assertEquals(200, sitemap.status());
    Document xml = xml(sitemap.body());
    NodeList locs =
        xml.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
    assertTrue(locs.getLength() > 10, "sitemap lists " + locs.getLength() + " URLs");
    for (int i = 0; i < locs.getLength(); i++) {
      String loc = locs.item(i).getTextContent().strip();
      assertUnderBase(loc, "sitemap");
      assertEquals(200, get(loc).status(), loc);
    }
    Fetched robots = get(base + "/robots.txt");
    assertTrue(robots.text().contains("Sitemap: " + base + "/sitemap.xml"), robots.text());
  }

  // ---- linked data and SPARQL ----

  private void linkedData() throws Exception {
    String record = base + "/records/1950-04-conversation-stalin-kim-il-sung";
    Fetched turtle = get(record, "Accept", "text/turtle");
    assertEquals(200, turtle.status());
    Model model = Rio.parse(new ByteArrayInputStream(turtle.body()), record, RDFFormat.TURTLE);
    assertFalse(model.isEmpty());
    iris(model);
    Fetched voidDocument = get(base + "/.well-known/void", "Accept", "text/turtle");
    assertEquals(200, voidDocument.status());
    Model description =
        Rio.parse(new ByteArrayInputStream(voidDocument.body()), base, RDFFormat.TURTLE);
    Set<String> iris = iris(description);
    assertTrue(iris.contains(base + "/sparql"), iris.toString());
    // The endpoint's page and the dumps' page: links under the path, and working.
    for (String pageUrl : List.of(base + "/sparql", base + "/dumps/")) {
      Fetched page = get(pageUrl, "Accept", "text/html");
      assertEquals(200, page.status(), pageUrl);
      for (String link : links(pageUrl, page.text())) {
        if (!link.contains("/dumps/") || link.endsWith("/dumps/")) {
          assertTrue(get(link).status() < 400, link);
        }
      }
    }
    String query =
        "SELECT ?s WHERE { ?s a <http://www.europeana.eu/schemas/edm/ProvidedCHO> } LIMIT 5";
    Fetched answer =
        send(
            HttpRequest.newBuilder(URI.create(base + "/sparql"))
                .header("Content-Type", "application/sparql-query")
                .header("Accept", "application/sparql-results+json")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(query))
                .build());
    assertEquals(200, answer.status(), answer.text());
    List<String> values = strings(JSON.readTree(answer.text()));
    assertTrue(
        values.stream().anyMatch(v -> v.startsWith(base + "/id/record/")), values.toString());
    everyUrlOfOursUnderBase(values, "SPARQL results");
  }

  /** Every IRI of a model; those of this host must be under the base. */
  private static Set<String> iris(Model model) {
    Set<String> iris = new TreeSet<>();
    for (Statement s : model) {
      for (Value v : List.of(s.getSubject(), s.getPredicate(), s.getObject())) {
        if (v instanceof IRI iri) {
          iris.add(iri.stringValue());
        }
      }
    }
    everyUrlOfOursUnderBase(new ArrayList<>(iris), "RDF");
    return iris;
  }

  // ---- checks ----

  private static boolean isOurs(URI uri) {
    String host = uri.getHost();
    return host != null
        && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
  }

  private static void assertUnderBase(String url, String where) {
    if (!url.equals(base) && !url.startsWith(base + "/")) {
      fail("leaves " + base + "/: " + url + " (" + where + ")");
    }
  }

  /** Checks every value that is a URL naming this host. */
  private static void everyUrlOfOursUnderBase(List<String> values, String where) {
    for (String v : values) {
      if (v.startsWith("http://") || v.startsWith("https://")) {
        URI uri;
        try {
          uri = URI.create(v.strip());
        } catch (IllegalArgumentException e) {
          continue; // text that starts like a URL and is none
        }
        if (isOurs(uri)) {
          assertUnderBase(v.strip(), where);
        }
      }
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node, out);
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isString()) {
      out.add(node.asString());
    }
    for (JsonNode child : node) {
      collect(child, out);
    }
  }

  private static List<String> allText(Node node) {
    List<String> out = new ArrayList<>();
    if (node.getNodeType() == Node.TEXT_NODE) {
      out.add(node.getNodeValue());
    }
    if (node.getAttributes() != null) {
      for (int i = 0; i < node.getAttributes().getLength(); i++) {
        out.add(node.getAttributes().item(i).getNodeValue());
      }
    }
    for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
      out.addAll(allText(c));
    }
    return out;
  }

  private static String stylesheet(Document xml) {
    for (Node n = xml.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof ProcessingInstruction pi && pi.getTarget().equals("xml-stylesheet")) {
        Matcher m = HREF.matcher(pi.getData());
        assertTrue(m.find(), pi.getData());
        return m.group(1);
      }
    }
    throw new AssertionError("no xml-stylesheet processing instruction");
  }

  private static String text(Document xml, String oaiElement) {
    Node n = xml.getElementsByTagNameNS(OAI, oaiElement).item(0);
    return n == null ? null : n.getTextContent().strip();
  }

  private static Document xml(byte[] body) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
  }

  // ---- HTTP through nginx ----

  /** A response with its body decoded from gzip when nginx (or Dossier) compressed it. */
  record Fetched(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private JsonNode json(String url) throws Exception {
    Fetched f = get(url, "Accept", "application/ld+json");
    assertEquals(200, f.status(), url);
    JsonNode node = JSON.readTree(f.text());
    everyUrlOfOursUnderBase(strings(node), url);
    return node;
  }

  private Fetched get(String url, String... headers) throws Exception {
    assertTrue(url.startsWith(origin + "/"), "not through nginx: " + url);
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return send(r.GET().build());
  }

  private Fetched send(HttpRequest request) throws Exception {
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = r.body();
    if ("gzip".equalsIgnoreCase(r.headers().firstValue("Content-Encoding").orElse(""))) {
      body = gunzip(body);
    }
    return new Fetched(r.statusCode(), r.headers(), body);
  }

  private static byte[] gunzip(byte[] gzipped) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }
}
