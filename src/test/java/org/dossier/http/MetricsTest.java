package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.Fixtures;
import org.dossier.testing.PrometheusText;
import org.dossier.testing.RawHttp;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/**
 * /metrics on a real server, read with a strict parser of the Prometheus text format: the counters
 * rise by exactly the requests made, and /metrics is served only where the settings say.
 */
class MetricsTest {
  private static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(Map.of("server.max-uri-length", "256"));
    BufferedImage scan = new BufferedImage(1200, 900, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = scan.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 600, 450);
    g.dispose();
    Path file = server.dataDir().resolve("images/test/metrics.png");
    Files.createDirectories(file.getParent());
    ImageIO.write(scan, "png", file.toFile());
    try (CatalogWriter writer = server.server().catalog().writer()) {
      writer.put(
          Fixtures.record("metrics").pages(new Page("test/metrics.png", 1200, 900, null)).build());
      writer.commit();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static PrometheusText scrape(TestServer server) throws IOException, InterruptedException {
    HttpResponse<String> r = server.get("/metrics");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(
        r.headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("text/plain; version=0.0.4"),
        r.headers().toString());
    return PrometheusText.parse(r.body());
  }

  /**
   * The HTTP metrics are counted when a request is complete, just after its last byte is sent: a
   * scrape right after an answer may come a moment before its count.
   */
  static PrometheusText scrapeUntil(
      TestServer server, String name, double atLeast, String... labels) throws Exception {
    PrometheusText m = scrape(server);
    for (int i = 0; i < 50 && m.value(name, labels) < atLeast; i++) {
      Thread.sleep(20);
      m = scrape(server);
    }
    return m;
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  /**
   * The Prometheus project's own Python client (Debian's python3-prometheus-client, which .ci/run
   * installs) reads the whole exposition, and finds every sample the test reader finds, with the
   * same value.
   */
  @Test
  void theExpositionIsReadAlikeByThePrometheusProjectsOwnParser() throws Exception {
    server.get("/oai?verb=Identify");
    HttpResponse<String> r = server.get("/metrics");
    assertEquals(200, r.statusCode());
    String script =
        String.join(
            "\n",
            "import sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in family.samples:",
            "        labels = ','.join(k + '=' + v for k, v in sorted(s.labels.items()))",
            "        v = float(s.value)",
            "        text = 'NaN' if v != v else repr(v).replace('inf', 'Infinity')",
            "        print(s.name + '{' + labels + '} ' + text)");
    Process python =
        new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
    try (var in = python.getOutputStream()) {
      in.write(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String out =
        new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, python.waitFor(), out);
    Map<String, Double> theirs = new java.util.TreeMap<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        int space = line.lastIndexOf(' ');
        theirs.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    Map<String, Double> ours = new java.util.TreeMap<>();
    for (PrometheusText.Sample sample : PrometheusText.parse(r.body()).samples()) {
      StringBuilder key = new StringBuilder(sample.name()).append('{');
      new java.util.TreeMap<>(sample.labels())
          .forEach(
              (k, v) -> {
                if (key.charAt(key.length() - 1) != '{') {
                  key.append(',');
                }
                key.append(k).append('=').append(v);
              });
      ours.put(key.append('}').toString(), sample.value());
    }
    assertTrue(theirs.size() > 50, out);
    assertEquals(theirs.keySet(), ours.keySet());
    for (var e : theirs.entrySet()) {
      double v = e.getValue();
      assertEquals(
          v, ours.get(e.getKey()), Double.isFinite(v) ? 1e-9 * Math.abs(v) : 0, e.getKey());
    }
  }

  @Test
  void oaiRequestsAreCountedByRouteStatusAndVerb() throws Exception {
    PrometheusText before = scrape(server);
    for (int i = 0; i < 7; i++) {
      assertEquals(200, server.get("/oai?verb=Identify").statusCode());
    }
    HttpResponse<String> list = server.get("/oai?verb=ListRecords&metadataPrefix=oai_dc");
    assertEquals(200, list.statusCode());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc =
        factory
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    list.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    int records = doc.getElementsByTagNameNS(OAI_NS, "record").getLength();
    assertTrue(records > 0, "the sample archive has records");
    assertEquals(200, server.get("/oai?verb=NoSuchVerb").statusCode(), "an OAI-PMH error page");

    String[] oai200 = {"route", "oai", "status", "200"};
    PrometheusText after =
        scrapeUntil(
            server,
            "dossier_http_requests_total",
            before.value("dossier_http_requests_total", oai200) + 9,
            oai200);
    assertEquals(9, delta(before, after, "dossier_http_requests_total", oai200));
    assertEquals(
        9, delta(before, after, "dossier_http_request_duration_seconds_count", "route", "oai"));
    assertEquals(7, delta(before, after, "dossier_oai_pages_total", "verb", "Identify"));
    assertEquals(1, delta(before, after, "dossier_oai_pages_total", "verb", "ListRecords"));
    assertEquals(records, delta(before, after, "dossier_oai_records_total", "verb", "ListRecords"));
    double pages = 0;
    for (PrometheusText.Sample s : after.samples()) {
      if (s.name().equals("dossier_oai_pages_total")) {
        pages += s.value() - before.value(s.name(), "verb", s.labels().get("verb"));
      }
    }
    assertEquals(8, pages, "the error page is not an OAI-PMH page served");
    assertEquals(
        "histogram", after.type("dossier_http_request_duration_seconds"), "latency is a histogram");
    assertEquals("counter", after.type("dossier_http_requests_total"));
  }

  @Test
  void imagesAreCountedAsReadFromThePyramidOrComputed() throws Exception {
    PrometheusText before = scrape(server);
    assertEquals(200, server.get("/iiif/image/3/metrics-p1/info.json").statusCode());
    for (String tile :
        new String[] {"0,0,512,512/512,", "512,0,512,512/512,", "0,512,512,388/512,"}) {
      HttpResponse<byte[]> r =
          server.getBytes("/iiif/image/3/metrics-p1/" + tile + "/0/default.jpg");
      assertEquals(200, r.statusCode(), tile);
    }
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> r = server.getBytes("/iiif/image/3/metrics-p1/full/300,/90/default.jpg");
      assertEquals(200, r.statusCode());
    }
    String[] image200 = {"route", "iiif-image", "status", "200"};
    PrometheusText after =
        scrapeUntil(
            server,
            "dossier_http_requests_total",
            before.value("dossier_http_requests_total", image200) + 6,
            image200);
    assertEquals(6, delta(before, after, "dossier_http_requests_total", image200));
    assertEquals(1, delta(before, after, "dossier_iiif_pyramid_builds_total"));
    assertEquals(3, delta(before, after, "dossier_iiif_images_total", "source", "pyramid"));
    assertEquals(2, delta(before, after, "dossier_iiif_images_total", "source", "computed"));
  }

  @Test
  void refusedRequestsAreCountedByReason() throws Exception {
    PrometheusText before = scrape(server);
    HttpResponse<String> tooLong = server.get("/records/" + "x".repeat(300));
    assertEquals(414, tooLong.statusCode());
    // A head larger than server.max-header-bytes: refused by Jetty itself, before any handler.
    try (RawHttp raw = new RawHttp(server.server().port())) {
      raw.send(
          "GET /oai?verb=Identify HTTP/1.1\r\nHost: localhost\r\nX-Filler: "
              + "y".repeat(10_000)
              + "\r\n\r\n");
      assertEquals(431, raw.read().status());
    }
    String[] headers = {"reason", "headers_too_large"};
    PrometheusText after =
        scrapeUntil(
            server,
            "dossier_http_rejected_total",
            before.value("dossier_http_rejected_total", headers) + 1,
            headers);
    assertEquals(1, delta(before, after, "dossier_http_rejected_total", "reason", "uri_too_long"));
    assertEquals(1, delta(before, after, "dossier_http_rejected_total", headers));
    assertEquals(
        1, delta(before, after, "dossier_http_requests_total", "route", "site", "status", "414"));
    assertEquals(0, delta(before, after, "dossier_http_rejected_total", "reason", "busy"));
  }

  @Test
  void searchesAndSparqlQueriesAreCounted() throws Exception {
    PrometheusText before = scrape(server);
    assertEquals(200, server.get("/search?q=telegram").statusCode());
    assertEquals(
        200,
        server
            .get(
                "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
                "Accept", "application/sparql-results+json")
            .statusCode());
    String[] sparql = {"route", "sparql", "status", "200"};
    PrometheusText after =
        scrapeUntil(
            server,
            "dossier_http_requests_total",
            before.value("dossier_http_requests_total", sparql) + 1,
            sparql);
    assertEquals(1, delta(before, after, "dossier_search_queries_total", "kind", "site"));
    assertEquals(1, delta(before, after, "dossier_sparql_queries_total"));
    assertEquals(0, delta(before, after, "dossier_sparql_timeouts_total"));
  }

  @Test
  void catalogProjectionThreadAndJvmGaugesAreExposed() throws Exception {
    JsonNode health = RecordJson.read(server.get("/health").body());
    PrometheusText m = scrape(server);
    assertEquals(health.get("records").asLong(), m.value("dossier_catalog_records"));
    assertTrue(health.get("projections").size() > 0);
    for (JsonNode p : health.get("projections")) {
      String name = p.get("name").asString();
      assertTrue(m.has("dossier_projection_lag_changes", "projection", name), name);
      assertTrue(m.has("dossier_projection_lag_seconds", "projection", name), name);
    }
    assertEquals(200, m.value("dossier_http_threads_max"), "server.max-threads");
    assertTrue(m.value("dossier_http_threads", "state", "busy") >= 1, "the scrape's own thread");
    assertTrue(m.has("dossier_http_threads", "state", "idle"));
    assertTrue(m.has("dossier_http_queued_jobs"));
    assertTrue(m.value("jvm_memory_used_bytes", "area", "heap") > 0, "JVM metrics");
    assertTrue(m.has("jvm_threads_current"));
  }

  @Test
  void metricsAreServedOnlyToTheAllowedAddresses() throws Exception {
    try (TestServer other =
        TestServer.start(Map.of("metrics.allow", "192.0.2.0/24, 2001:db8::/32"))) {
      HttpResponse<String> refused = other.get("/metrics");
      assertEquals(403, refused.statusCode(), "127.0.0.1 is not in metrics.allow");
      assertTrue(!refused.body().contains("dossier_"), refused.body());
      assertEquals(200, other.get("/oai?verb=Identify").statusCode());
    }
  }

  @Test
  void metricsPortServesMetricsAloneAndTheServerPortNone() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (TestServer other = TestServer.start(Map.of("metrics.port", Integer.toString(port)))) {
      assertEquals(port, other.server().metricsPort());
      assertEquals(404, other.get("/metrics").statusCode(), "not on the server's port");
      for (int i = 0; i < 3; i++) {
        assertEquals(200, other.get("/oai?verb=Identify").statusCode());
      }
      HttpResponse<String> onPort = metricsPort(other, port, "/metrics");
      assertEquals(200, onPort.statusCode());
      PrometheusText m = PrometheusText.parse(onPort.body());
      for (int i = 0; i < 50; i++) {
        if (m.value("dossier_oai_pages_total", "verb", "Identify") == 3) {
          break;
        }
        Thread.sleep(20);
        m = PrometheusText.parse(metricsPort(other, port, "/metrics").body());
      }
      assertEquals(3, m.value("dossier_oai_pages_total", "verb", "Identify"));
      assertEquals(404, metricsPort(other, port, "/oai?verb=Identify").statusCode());
    }
  }

  @Test
  void disabledMetricsAreNotServed() throws Exception {
    try (TestServer other = TestServer.start(Map.of("metrics.enabled", "false"))) {
      assertEquals(404, other.get("/metrics").statusCode());
      assertEquals(200, other.get("/health/live").statusCode());
    }
  }

  private static HttpResponse<String> metricsPort(TestServer server, int port, String path)
      throws IOException, InterruptedException {
    return server
        .client()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
