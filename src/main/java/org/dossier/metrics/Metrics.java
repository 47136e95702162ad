package org.dossier.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The counters of one server, in a registry of its own (tests run several servers in one JVM). The
 * protocols count what only they know (OAI-PMH pages and records, images read from a pyramid or
 * computed, pyramid builds, SPARQL queries and timeouts); the HTTP layer counts every request by
 * route class and status, with its latency, once it is complete. {@link #NONE} counts nothing, for
 * a server run with metrics.enabled=false and for tests that build a feature alone.
 *
 * <p>Per request the cost is an array look-up and two lock-free increments: the data point of each
 * route class and status is resolved once and kept.
 */
public final class Metrics {
  /** Upper bounds (seconds) of the latency histograms: a stored tile takes about a millisecond. */
  private static final double[] LATENCY_BOUNDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  private static final int STATUSES = 600;

  /** Counts nothing. (After the constants its constructor reads.) */
  public static final Metrics NONE = new Metrics(List.of("other"), false);

  private final boolean enabled;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<String> routes;
  private final Counter requests;
  private final AtomicReferenceArray<CounterDataPoint> requestPoints;
  private final DistributionDataPoint[] latencies;
  private final Counter rejected;
  private final CounterDataPoint[] oaiPages = new CounterDataPoint[OaiVerb.values().length];
  private final CounterDataPoint[] oaiRecords = new CounterDataPoint[OaiVerb.values().length];
  private final CounterDataPoint readAheadServed;
  private final CounterDataPoint readAheadDropped;
  private final CounterDataPoint pyramidImages;
  private final CounterDataPoint computedImages;
  private final CounterDataPoint pyramidBuilds;
  private final Counter searches;
  private final CounterDataPoint sparqlQueries;
  private final CounterDataPoint sparqlTimeouts;
  private volatile boolean jvmRegistered;

  /** The OAI-PMH verbs, as they are named in the labels. */
  public enum OaiVerb {
    Identify,
    ListMetadataFormats,
    ListSets,
    GetRecord,
    ListIdentifiers,
    ListRecords
  }

  /**
   * @param routes the names of the route classes requests are counted by; {@link #request} takes an
   *     index into this list
   */
  public Metrics(List<String> routes) {
    this(routes, true);
  }

  private Metrics(List<String> routes, boolean enabled) {
    this.enabled = enabled;
    this.routes = List.copyOf(routes);
    requests =
        Counter.builder()
            .name("dossier_http_requests")
            .help("HTTP requests answered, by route class and status")
            .labelNames("route", "status")
            .withoutExemplars()
            .register(registry);
    requestPoints = new AtomicReferenceArray<>(this.routes.size() * STATUSES);
    Histogram latency =
        Histogram.builder()
            .name("dossier_http_request_duration_seconds")
            .help("Time from the start of a request to its last byte written, by route class")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(LATENCY_BOUNDS)
            .withoutExemplars()
            .register(registry);
    latencies = new DistributionDataPoint[this.routes.size()];
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = latency.labelValues(this.routes.get(i));
    }
    rejected =
        Counter.builder()
            .name("dossier_http_rejected")
            .help(
                "Requests refused before they were served, by reason: too_large (413),"
                    + " uri_too_long (414), headers_too_large (431), busy (503), rate_limited (429)")
            .labelNames("reason")
            .withoutExemplars()
            .register(registry);
    for (String reason :
        List.of("too_large", "uri_too_long", "headers_too_large", "busy", "rate_limited")) {
      rejected.labelValues(reason);
    }
    Counter pages =
        Counter.builder()
            .name("dossier_oai_pages")
            .help("OAI-PMH responses served without an error, by verb")
            .labelNames("verb")
            .withoutExemplars()
            .register(registry);
    Counter records =
        Counter.builder()
            .name("dossier_oai_records")
            .help(
                "Records (GetRecord, ListRecords) and headers (ListIdentifiers) in OAI-PMH"
                    + " responses, by verb")
            .labelNames("verb")
            .withoutExemplars()
            .register(registry);
    for (OaiVerb verb : OaiVerb.values()) {
      oaiPages[verb.ordinal()] = pages.labelValues(verb.name());
      oaiRecords[verb.ordinal()] = records.labelValues(verb.name());
    }
    Counter readAhead =
        Counter.builder()
            .name("dossier_oai_read_ahead_pages")
            .help(
                "ListRecords pages read ahead while the harvester read the one before: served, or"
                    + " dropped because the catalog changed meanwhile")
            .labelNames("outcome")
            .withoutExemplars()
            .register(registry);
    readAheadServed = readAhead.labelValues("served");
    readAheadDropped = readAhead.labelValues("dropped");
    Counter images =
        Counter.builder()
            .name("dossier_iiif_images")
            .help(
                "IIIF Image API images served: read from a pyramid (tiles and listed sizes) or"
                    + " computed from the scan")
            .labelNames("source")
            .withoutExemplars()
            .register(registry);
    pyramidImages = images.labelValues("pyramid");
    computedImages = images.labelValues("computed");
    pyramidBuilds =
        Counter.builder()
            .name("dossier_iiif_pyramid_builds")
            .help("Image pyramids built from page scans")
            .withoutExemplars()
            .register(registry);
    searches =
        Counter.builder()
            .name("dossier_search_queries")
            .help(
                "Searches answered, by kind: site (the search page), content (IIIF Content Search),"
                    + " autocomplete")
            .labelNames("kind")
            .withoutExemplars()
            .register(registry);
    for (String kind : List.of("site", "content", "autocomplete")) {
      searches.labelValues(kind);
    }
    sparqlQueries =
        Counter.builder()
            .name("dossier_sparql_queries")
            .help("SPARQL queries evaluated")
            .withoutExemplars()
            .register(registry);
    sparqlTimeouts =
        Counter.builder()
            .name("dossier_sparql_timeouts")
            .help("SPARQL queries stopped at sparql.timeout-seconds")
            .withoutExemplars()
            .register(registry);
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * One complete HTTP request.
   *
   * @param route an index into the route classes this was built with
   * @param status the response status
   * @param nanos how long it took
   */
  public void request(int route, int status, long nanos) {
    if (!enabled) {
      return;
    }
    int code = status >= 100 && status < STATUSES ? status : 0;
    int slot = route * STATUSES + code;
    CounterDataPoint point = requestPoints.getPlain(slot);
    if (point == null) {
      // The same labels always give the same data point: a race only looks it up twice.
      point = requests.labelValues(routes.get(route), Integer.toString(code));
      requestPoints.setRelease(slot, point);
    }
    point.inc();
    latencies[route].observe(nanos / 1e9);
    String reason =
        switch (status) {
          case 413 -> "too_large";
          case 414 -> "uri_too_long";
          case 431 -> "headers_too_large";
          case 503 -> "busy";
          case 429 -> "rate_limited";
          default -> null;
        };
    if (reason != null) {
      rejected.labelValues(reason).inc();
    }
  }

  /** One OAI-PMH response without an error, of {@code items} records or headers. */
  public void oaiPage(OaiVerb verb, int items) {
    if (enabled) {
      oaiPages[verb.ordinal()].inc();
      if (items > 0) {
        oaiRecords[verb.ordinal()].inc(items);
      }
    }
  }

  /**
   * A ListRecords page read ahead: served, or dropped (the catalog changed, or the read failed).
   */
  public void oaiReadAhead(boolean served) {
    if (enabled) {
      (served ? readAheadServed : readAheadDropped).inc();
    }
  }

  /** One IIIF image served, read from a pyramid or computed. */
  public void image(boolean fromPyramid) {
    if (enabled) {
      (fromPyramid ? pyramidImages : computedImages).inc();
    }
  }

  public void pyramidBuilt() {
    if (enabled) {
      pyramidBuilds.inc();
    }
  }

  /** One search answered: kind site, content or autocomplete. */
  public void search(String kind) {
    if (enabled) {
      searches.labelValues(kind).inc();
    }
  }

  public void sparqlQuery() {
    if (enabled) {
      sparqlQueries.inc();
    }
  }

  public void sparqlTimeout() {
    if (enabled) {
      sparqlTimeouts.inc();
    }
  }

  /**
   * A gauge whose values are read when /metrics is scraped.
   *
   * @param callback gives each value with its label values (as many as {@code labelNames})
   */
  public void gauge(
      String name,
      String help,
      List<String> labelNames,
      Consumer<GaugeWithCallback.Callback> callback) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames.toArray(String[]::new))
        .callback(callback)
        .register(registry);
  }

  /** The content type of {@link #scrape}. */
  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  /**
   * Writes every metric in the Prometheus text format. The JVM's metrics are registered at the
   * first scrape, not at start-up, which they would slow.
   */
  public void scrape(OutputStream out) throws IOException {
    if (!jvmRegistered) {
      synchronized (this) {
        if (!jvmRegistered) {
          JvmMetrics.builder().register(registry);
          jvmRegistered = true;
        }
      }
    }
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
  }
}
