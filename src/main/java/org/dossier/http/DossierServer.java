package org.dossier.http;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dossier.access.AccessControl;
import org.dossier.api.ApiFeature;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.iiif.auth.AuthFeature;
import org.dossier.iiif.discovery.DiscoveryFeature;
import org.dossier.iiif.image.ImageFeature;
import org.dossier.iiif.image.PendingScans;
import org.dossier.iiif.presentation.PresentationFeature;
import org.dossier.iiif.search.ContentSearchFeature;
import org.dossier.logging.LogLines;
import org.dossier.logging.Logging;
import org.dossier.metrics.Metrics;
import org.dossier.oai.OaiFeature;
import org.dossier.projection.ProjectionFollower;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.sparql.SparqlFeature;
import org.dossier.rdf.web.LinkedDataFeature;
import org.dossier.sample.SampleArchive;
import org.dossier.search.SearchIndex;
import org.dossier.storage.Storage;
import org.dossier.urls.Urls;
import org.dossier.web.SiteFeature;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a Dossier server is built, by {@code serve} and by every integration test, and the
 * one place that knows every package. Starting takes two steps:
 *
 * <ol>
 *   <li>{@link #bind}: Jetty listens on the configured host and port (0 picks a free one) and
 *       answers 503 to everything ({@link Starting}; {@code /health} says "starting");
 *   <li>{@link #open}: the catalog opens (an empty one may get the sample archive, see {@link
 *       #start(Settings, boolean)}), then the search index and the RDF store; each protocol's
 *       Jersey feature is built with the real objects it reads, and the Jersey application takes
 *       the place of the 503 handler.
 * </ol>
 *
 * <p>So no resource ever sees a catalog that is not open, and none needs to know how it started.
 */
public final class DossierServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DossierServer.class);

  private final Settings settings;
  private final Server jetty;

  /** Holds {@link Starting} until {@link #open}, then the Jersey application. */
  private final Handler.Wrapper application;

  private final KeepAliveConnections connections;
  private final Urls urls;
  private final CorsPolicy cors;
  private final DerivedStores stores;

  /** Built on a thread of its own while the server binds and the catalog opens. */
  private final CompletableFuture<Metrics> metrics;

  private final ServerConnector metricsConnector;
  private final LogLines accessLog;
  private volatile Catalog catalog;
  private volatile RecordCount records;
  private volatile SampleArchive.Scans scans;
  private volatile Storage storage;

  /** True when the data directory did not exist, or was empty, before this start. */
  private final boolean newDataDir;

  /** True when the sample archive was asked for ({@code serve --sample}). */
  private final boolean sampleAsked;

  private DossierServer(
      Settings settings,
      boolean newDataDir,
      boolean sampleAsked,
      Server jetty,
      Handler.Wrapper application,
      KeepAliveConnections connections,
      CorsPolicy cors,
      Observing observing) {
    this.settings = settings;
    this.newDataDir = newDataDir;
    this.sampleAsked = sampleAsked;
    this.jetty = jetty;
    this.application = application;
    this.connections = connections;
    this.cors = cors;
    this.urls = new Urls(settings.baseUrl(port()));
    this.stores = new DerivedStores(settings);
    this.metrics = observing.metrics();
    this.metricsConnector = observing.connector();
    this.accessLog = observing.accessLog();
  }

  /**
   * What the server observes itself with: its metrics (NONE when metrics.enabled is false), the
   * connector of metrics.port (or null), the access log's output (or null) and Jetty's request log
   * (or null when there are neither metrics nor an access log).
   */
  private record Observing(
      CompletableFuture<Metrics> metrics,
      boolean metricsEnabled,
      ServerConnector connector,
      LogLines accessLog,
      RequestMonitor monitor) {}

  /**
   * Starts a server and opens its catalog: {@link #bind} then {@link #open}.
   *
   * @throws ServerStartException when the port cannot be bound or the catalog cannot be opened
   */
  public static DossierServer start(Settings settings) {
    return start(settings, false);
  }

  /**
   * Starts a server, loading the bundled sample archive into an empty catalog when {@code
   * sampleAsked} ({@code serve --sample}), or else only in demo mode: the catalog is the embedded
   * default (no {@code catalog.url}), the data directory is new (it did not exist or was empty
   * before this start) and {@code archive.load-sample} is true. A PostgreSQL catalog, or a data
   * directory that held anything, never gets the sample unasked.
   *
   * @throws ServerStartException when the port cannot be bound or the catalog cannot be opened
   */
  public static DossierServer start(Settings settings, boolean sampleAsked) {
    DossierServer server = bind(settings, sampleAsked);
    server.open();
    return server;
  }

  /**
   * Listens on the configured port, answering 503 until {@link #open}.
   *
   * @throws ServerStartException when the port cannot be bound
   */
  static DossierServer bind(Settings settings) {
    return bind(settings, false);
  }

  private static DossierServer bind(Settings settings, boolean sampleAsked) {
    Logging.useJson(settings.get(Settings.LOG_FORMAT).equals("json"));
    // Jackson (about 500 classes), which /health and every JSON answer need, loads on another core
    // while Jetty's classes load here and the catalog opens.
    CompletableFuture.runAsync(DossierServer::loadJson, daemon("load-json"));
    avoidPlatformMBeanServer();
    // Looked at before anything (a derived store, the catalog) creates a file there.
    boolean newDataDir = isNewDirectory(settings.dataDir());
    Server jetty = new Server(HttpLimits.threads(settings));
    ServerConnector connector = HttpLimits.connector(jetty, settings);
    connector.setHost(settings.get(Settings.SERVER_HOST));
    connector.setPort(settings.get(Settings.SERVER_PORT));
    long grace = settings.get(Settings.SERVER_SHUTDOWN_GRACE_SECONDS) * 1000L;
    // Jetty's stop would shorten the idle timeout of every connection to this, cutting off a
    // request whose client reads slowly; KeepAliveConnections closes the idle ones instead.
    connector.setShutdownIdleTimeout(Math.max(1, grace));
    jetty.addConnector(connector);
    HttpLimits.limitConnections(jetty, connector, settings);
    TrustedProxies.install(connector, settings);
    String rootPath;
    try {
      // The base URL's path: the port is not needed for it, and a bad base URL stops here.
      rootPath = new Urls(settings.baseUrl(0)).rootPath();
    } catch (IllegalArgumentException e) {
      throw new ServerStartException("server.base-url: " + e.getMessage());
    }
    Observing observing;
    try {
      observing = observe(jetty, settings);
    } catch (IllegalArgumentException e) {
      throw new ServerStartException(e.getMessage());
    }
    CorsPolicy cors = CorsPolicy.dossier();
    // Dynamic: its handler is replaced while the server runs (by open()).
    Handler.Wrapper application = new Handler.Wrapper(true, new Starting(cors));
    Operations operations =
        new Operations(
            observing.metricsEnabled(),
            AddressRanges.parse(settings.get(Settings.METRICS_ALLOW)),
            observing.connector(),
            new ExpensiveRequests(settings, cors, application));
    // The base URL's path taken off first, so that /archive/metrics is /metrics.
    BasePath basePath = new BasePath(rootPath, BasePath.Mode.of(settings), operations);
    observing
        .metrics()
        .thenAccept(
            m -> {
              operations.use(m);
              if (observing.monitor() != null) {
                observing.monitor().use(m);
              }
            });
    // Outermost, so that a request refused during the stop (503) closes its connection too.
    KeepAliveConnections connections =
        new KeepAliveConnections(
            new GracefulHandler(new RequestIds(new RequestGuard(settings, cors, basePath))));
    jetty.setHandler(connections);
    jetty.setStopTimeout(grace);
    jetty.setStopAtShutdown(false);
    jetty.setErrorHandler(new ServerErrors(cors));
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      if (observing.accessLog() != null) {
        observing.accessLog().close();
      }
      if (isBindFailure(e)) {
        throw new ServerStartException(
            "cannot listen on "
                + settings.get(Settings.SERVER_HOST)
                + ":"
                + settings.get(Settings.SERVER_PORT)
                + ": the port is already in use or not allowed ("
                + e.getMessage()
                + ")");
      }
      throw new ServerStartException("cannot start the HTTP server: " + e.getMessage());
    }
    try {
      return new DossierServer(
          settings, newDataDir, sampleAsked, jetty, application, connections, cors, observing);
    } catch (IllegalArgumentException e) {
      stopQuietly(jetty);
      if (observing.accessLog() != null) {
        observing.accessLog().close();
      }
      throw new ServerStartException("server.base-url: " + e.getMessage());
    }
  }

  /**
   * Sets up what the server observes itself with, before it starts: the metrics registry with the
   * thread pool's gauges, the connector of metrics.port, and Jetty's request log, which counts
   * every request and writes the access log.
   *
   * @throws IllegalArgumentException for a metrics.allow that does not parse or an access log file
   *     that cannot be opened
   */
  private static Observing observe(Server jetty, Settings settings) {
    AddressRanges.parse(settings.get(Settings.METRICS_ALLOW));
    boolean enabled = settings.get(Settings.METRICS_ENABLED);
    CompletableFuture<Metrics> metrics = CompletableFuture.completedFuture(Metrics.NONE);
    ServerConnector metricsConnector = null;
    if (enabled) {
      // Loading the metrics classes takes a tenth of a second: it is done beside the start-up.
      QueuedThreadPool threads = (QueuedThreadPool) jetty.getThreadPool();
      metrics =
          CompletableFuture.supplyAsync(() -> newMetrics(threads), daemon("metrics-registry"));
      int port = settings.get(Settings.METRICS_PORT);
      if (port > 0) {
        metricsConnector = HttpLimits.connector(jetty, settings);
        metricsConnector.setName("metrics");
        metricsConnector.setHost(settings.get(Settings.SERVER_HOST));
        metricsConnector.setPort(port);
        jetty.addConnector(metricsConnector);
      }
    }
    LogLines accessLog = null;
    String access = settings.get(Settings.LOG_ACCESS);
    if (access.equals("stdout")) {
      accessLog = LogLines.stdout("access-log");
    } else if (!access.isEmpty() && !access.equals("off")) {
      try {
        accessLog = LogLines.file(Path.of(access), "access-log");
      } catch (IOException | java.nio.file.InvalidPathException e) {
        throw new IllegalArgumentException(
            "log.access: cannot append to " + access + " (" + e.getMessage() + ")");
      }
    }
    RequestMonitor monitor = null;
    if (enabled || accessLog != null) {
      RequestMonitor.Format format =
          settings.get(Settings.LOG_ACCESS_FORMAT).equals("json")
              ? RequestMonitor.Format.JSON
              : RequestMonitor.Format.COMBINED;
      monitor = new RequestMonitor(accessLog, format);
      jetty.setRequestLog(monitor);
    }
    return new Observing(metrics, enabled, metricsConnector, accessLog, monitor);
  }

  /** A registry with the gauges of the HTTP server's thread pool. */
  private static Metrics newMetrics(QueuedThreadPool threads) {
    Metrics metrics = new Metrics(RouteClass.LABELS);
    metrics.gauge(
        "dossier_http_threads",
        "Threads of the HTTP server's pool, by state (busy, idle)",
        java.util.List.of("state"),
        cb -> {
          cb.call(threads.getBusyThreads(), "busy");
          cb.call(threads.getIdleThreads(), "idle");
        });
    metrics.gauge(
        "dossier_http_threads_max",
        "Most threads the HTTP server's pool may have (server.max-threads)",
        java.util.List.of(),
        cb -> cb.call(threads.getMaxThreads()));
    metrics.gauge(
        "dossier_http_queued_jobs",
        "Jobs waiting for a thread of the HTTP server's pool",
        java.util.List.of(),
        cb -> cb.call(threads.getQueueSize()));
    return metrics;
  }

  /** The gauges read from the open catalog and the derived stores. */
  private void observeCatalog(Metrics metrics, RecordCount count) {
    if (!metrics.enabled()) {
      return;
    }
    metrics.gauge(
        "dossier_catalog_records",
        "Records in the catalog (tombstones of deleted records not counted)",
        java.util.List.of(),
        cb -> cb.call(count.get()));
    metrics.gauge(
        "dossier_projection_lag_changes",
        "Change-log entries a derived store has not applied yet, by projection",
        java.util.List.of("projection"),
        cb -> stores.lag().forEach(l -> cb.call(l.changesBehind(), l.name())));
    metrics.gauge(
        "dossier_projection_lag_seconds",
        "How long the oldest change a derived store has not applied has been waiting, by projection",
        java.util.List.of("projection"),
        cb -> stores.lag().forEach(l -> cb.call(l.secondsBehind(), l.name())));
    metrics.gauge(
        "dossier_cluster_writer",
        "1 while this node writes the stores the nodes of a cluster share (it holds the writer"
            + " lease, or is the only node: a SQLite catalog), 0 otherwise",
        java.util.List.of(),
        cb -> {
          var lease = stores.lease();
          cb.call(lease == null || lease.held() ? 1 : 0);
        });
  }

  /**
   * Opens the catalog and what is derived from it, then serves every protocol. On failure the
   * server is closed.
   *
   * @throws ServerStartException when the catalog or a derived store cannot be opened
   */
  void open() {
    long t0 = System.nanoTime();
    // The derived stores' files need no catalog: they open on another core while the catalog
    // opens (and migrates), and Jersey's classes load on a third thread meanwhile.
    CompletableFuture<Void> files =
        CompletableFuture.runAsync(stores::openFiles, daemon("open-stores"));
    CompletableFuture<Void> warm =
        CompletableFuture.runAsync(DossierServer::loadJersey, daemon("load-jersey"));
    long catalogMillis = 0;
    long storesMillis = 0;
    CompletableFuture<Void> sampleLoad = CompletableFuture.completedFuture(null);
    try {
      Catalog c = Catalogs.open(settings);
      catalog = c;
      records = new RecordCount(c);
      observeCatalog(join(metrics), records);
      boolean sample = loadsSample(c);
      if (sample) {
        if (ProjectionFollower.Startup.of(settings) == ProjectionFollower.Startup.BACKGROUND) {
          // The stores need not wait for it: it is imported while they open and Jersey builds
          // the application, and the server turns ready once it is in the catalog.
          sampleLoad =
              CompletableFuture.runAsync(
                  () -> SampleArchive.load(c, settings), daemon("sample-archive"));
        } else {
          SampleArchive.load(c, settings);
        }
      }
      catalogMillis = (System.nanoTime() - t0) / 1_000_000;
      JettyHttpContainer[] jersey = new JettyHttpContainer[1];
      if (ProjectionFollower.Startup.of(settings) == ProjectionFollower.Startup.BACKGROUND) {
        // Nothing waits for the search index and the RDF store: they go on opening (on the thread
        // started above) after ready, and a request that needs one meanwhile waits briefly, then
        // is answered 503 with Retry-After; /health names them while they open.
        stores.joinCluster(c, urls.base(), port());
        stores.openInBackground(c, urls.base());
        jersey[0] = ContainerFactory.createContainer(JettyHttpContainer.class, resources());
        storesMillis = -1;
      } else {
        join(files);
        stores.joinCluster(c, urls.base(), port());
        storesMillis = (System.nanoTime() - t0) / 1_000_000;
        // Jersey builds the application while the stores start following the catalog.
        stores.open(
            c,
            urls.base(),
            () ->
                jersey[0] =
                    ContainerFactory.createContainer(JettyHttpContainer.class, resources()));
      }
      join(sampleLoad);
      // The sample archive's scans, rendered when an image request first needs each (the image
      // service asks through pendingScans()).
      // (Into the bucket with storage.type=s3: storage was opened with the resources, above.)
      scans = SampleArchive.Scans.onDemand(c, storage.scans());
      if (sample
          && ProjectionFollower.Startup.of(settings) == ProjectionFollower.Startup.BACKGROUND) {
        // Loaded beside the stores, which may have looked at the change log before it was in.
        // (With catch-up it was loaded before they opened: a wake now would only make them look
        // again once more, as if something had changed.)
        stores.wake();
      }
      application.setHandler(new AbandonedResponses(jersey[0]));
    } catch (RuntimeException e) {
      // Whatever the other threads opened or write is closed with the rest.
      files.handle((ok, failure) -> null).join();
      sampleLoad.handle((ok, failure) -> null).join();
      close();
      throw e instanceof ServerStartException s ? s : new ServerStartException(e.getMessage());
    } finally {
      warm.handle((ok, failure) -> null);
    }
    LOG.info(
        "Dossier serves {} at {} (catalog: {}); opened in {} ms (catalog {} ms, stores {})",
        settings.get(Settings.ARCHIVE_NAME),
        urls.base(),
        catalog.description(),
        (System.nanoTime() - t0) / 1_000_000,
        catalogMillis,
        storesMillis < 0 ? "opening in the background" : storesMillis + " ms");
  }

  /**
   * Whether this start loads the sample archive into the catalog, which it says in one line of the
   * log: demo mode (the sample goes into a new data directory, or into an empty catalog because
   * {@code --sample} asked) or production mode.
   */
  private boolean loadsSample(Catalog c) {
    boolean embedded = settings.get(Settings.CATALOG_URL).isEmpty();
    if (c.isEmpty()) {
      if (sampleAsked) {
        LOG.info(
            "demo mode: loading the sample archive into the empty catalog {} (--sample)",
            c.description());
        return true;
      }
      if (embedded && newDataDir && settings.get(Settings.ARCHIVE_LOAD_SAMPLE)) {
        LOG.info(
            "demo mode: loading the sample archive into a new data directory {}",
            settings.dataDir().toAbsolutePath());
        return true;
      }
      LOG.info(
          "production mode: catalog {} (empty; import records, or serve --sample for the sample"
              + " archive)",
          c.description());
      return false;
    }
    if (sampleAsked) {
      LOG.info("--sample: the catalog already holds records, the sample archive is not loaded");
    }
    LOG.info("production mode: catalog {} ({} records)", c.description(), c.recordCount());
    return false;
  }

  /** True for a path that does not exist or is an empty directory. */
  private static boolean isNewDirectory(Path dir) {
    if (!java.nio.file.Files.exists(dir)) {
      return true;
    }
    if (!java.nio.file.Files.isDirectory(dir)) {
      return false;
    }
    // A log written into the directory by whoever started the server (serve > data/server.log)
    // was there before the server looked, and is not a sign of an archive in it.
    try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(dir)) {
      return entries.allMatch(
          e -> java.nio.file.Files.isRegularFile(e) && e.getFileName().toString().endsWith(".log"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The sample scans still to be rendered, as the image service sees them. */
  private PendingScans pendingScans() {
    return new PendingScans() {
      @Override
      public boolean isPending(String imagePath) {
        SampleArchive.Scans s = scans;
        return s != null && s.isPending(imagePath);
      }

      @Override
      public void make(String imagePath) throws IOException {
        SampleArchive.Scans s = scans;
        if (s != null) {
          s.render(imagePath);
        }
      }
    };
  }

  /** Waits for a start-up task, rethrowing its failure as it was thrown. */
  private static <T> T join(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  private static java.util.concurrent.Executor daemon(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.start();
    };
  }

  /**
   * Loads the classes of Jersey and HK2 by building an empty application and letting it go: most of
   * the time Jersey takes to build the real one is class loading, which this does on another core
   * while the catalog opens.
   */
  private static void loadJersey() {
    try {
      ResourceConfig empty = new ResourceConfig();
      withoutDiscovery(empty);
      ContainerFactory.createContainer(JettyHttpContainer.class, empty);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("loading Jersey ahead failed; it loads when the application is built", e);
    }
  }

  /** Loads Jackson's classes by writing a small JSON object, as /health does. */
  private static void loadJson() {
    try {
      org.dossier.catalog.RecordJson.write(
          org.dossier.catalog.RecordJson.MAPPER.createObjectNode().put("status", "ok"));
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("loading Jackson ahead failed; it loads when first used", e);
    }
  }

  /**
   * Jetty's thread pool pads its queue to the CPU's cache line, and asks the JVM (through the
   * platform MBean server, which loads some 370 classes and takes a tenth of a second or more)
   * whether object references are compressed, unless {@code
   * org.eclipse.jetty.util.referencesPerCacheLine} says how many fit. They are compressed in any
   * heap below 32 GB (the JVM's default), 4 bytes each: 16 fit in a 64-byte line, otherwise 8. A
   * wrong guess costs padding, never correctness.
   */
  private static void avoidPlatformMBeanServer() {
    String key = "org.eclipse.jetty.util.referencesPerCacheLine";
    if (System.getProperty(key) == null) {
      boolean compressed = Runtime.getRuntime().maxMemory() < (32L << 30) - (1L << 30);
      System.setProperty(key, compressed ? "16" : "8");
    }
  }

  /**
   * Every feature and provider is registered by name: Jersey need not look for more (no WADL, no
   * auto-discovered features, no META-INF/services providers), which saves classes at start-up.
   */
  private static void withoutDiscovery(ResourceConfig config) {
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(org.glassfish.jersey.CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
    config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
  }

  /**
   * The Jersey application: each protocol's feature, built with the open catalog and what else it
   * reads.
   */
  private ResourceConfig resources() {
    ResourceConfig config = new ResourceConfig();
    withoutDiscovery(config);
    config.register(
        new ServerFeature(
            catalog,
            stores,
            cors,
            urls,
            records,
            settings.get(Settings.HEALTH_MAX_LAG_SECONDS),
            java.time.Duration.ofMillis(settings.get(Settings.CATALOG_READ_MAX_STALENESS_MILLIS))));
    Metrics counted = metrics.join();
    config.register(new OaiFeature(catalog, settings, urls, stores.oaiRenditions(), counted));
    config.register(new PresentationFeature(catalog, settings, urls));
    config.register(new ContentSearchFeature(catalog, settings, urls));
    config.register(new DiscoveryFeature(catalog, settings, urls));
    try {
      storage = Storage.open(settings, imageStore());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot open the image storage", e);
    }
    AccessControl access = new AccessControl(catalog, settings, urls, java.time.Clock.systemUTC());
    ImageFeature images =
        new ImageFeature(
            catalog, settings, imageStore(), storage, urls, pendingScans(), counted, access);
    config.register(images);
    config.register(new SiteFeature(catalog, stores::searchIndexForRequest, settings, urls));
    config.register(new LinkedDataFeature(catalog, settings, urls, stores.linkedData()));
    config.register(new SparqlFeature(settings, urls, stores.linkedData(), counted));
    config.register(
        new ApiFeature(
            catalog,
            settings,
            urls,
            stores::wake,
            stores::writesArriving,
            images::buildLater,
            storage.remote() ? storage.scans() : null));
    config.register(new AuthFeature(catalog, settings, access));
    return config;
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /**
   * The port /metrics is served on alone (metrics.port), or -1 when it is served on {@link #port}.
   */
  public int metricsPort() {
    return metricsConnector == null ? -1 : metricsConnector.getLocalPort();
  }

  /** What this server counts for /metrics. */
  public Metrics metrics() {
    return metrics.join();
  }

  /** The public base URL, without a trailing slash. */
  public String baseUrl() {
    return urls.base();
  }

  /** Every public URL of this server. */
  public Urls urls() {
    return urls;
  }

  public Settings settings() {
    return settings;
  }

  public Path dataDir() {
    return settings.dataDir();
  }

  /** The image store: page scan paths in the catalog are relative to it. */
  public Path imageStore() {
    return dataDir().resolve("images");
  }

  /** The catalog, open once {@link #start} has returned. */
  public Catalog catalog() {
    return requireOpen(catalog);
  }

  /** The search index; it follows the catalog's change log. */
  public SearchIndex searchIndex() {
    requireOpen(catalog);
    awaitStores();
    return stores.searchIndex();
  }

  /**
   * Waits (up to two minutes) until the search index and the RDF store, which open after the server
   * turned ready, are open and followed.
   */
  public void awaitStores() {
    try {
      if (!stores.awaitOpen(120_000)) {
        throw new IllegalStateException("the derived stores did not open within 2 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the derived stores opened", e);
    }
  }

  /** The RDF store and its projection. */
  public LinkedData linkedData() {
    return stores.linkedData();
  }

  /** The search index, the RDF store and the follower that keeps them in step with the catalog. */
  public DerivedStores derivedStores() {
    return stores;
  }

  /** The sample scans, rendered when first asked for. */
  public SampleArchive.Scans sampleScans() {
    return requireOpen(scans);
  }

  private static <T> T requireOpen(T part) {
    if (part == null) {
      throw new IllegalStateException("the server has not opened its catalog");
    }
    return part;
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops gracefully: requests in flight finish (up to the grace period), then the catalog closes.
   */
  @Override
  public void close() {
    long t0 = System.nanoTime();
    stopHttp();
    long http = System.nanoTime();
    if (accessLog != null) {
      accessLog.close();
    }
    if (scans != null) {
      scans.stop();
    }
    stores.close();
    if (storage != null) {
      storage.close();
    }
    if (catalog != null) {
      catalog.close();
    }
    LOG.info(
        "stopped: HTTP in {} ms, stores and catalog in {} ms",
        (http - t0) / 1_000_000,
        (System.nanoTime() - http) / 1_000_000);
  }

  /**
   * Stops accepting connections, closes the idle keep-alive ones at once and lets each request in
   * flight finish (up to {@code server.shutdown-grace-seconds}), closing its connection after it.
   */
  private void stopHttp() {
    ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
    if (jetty.isStarted()) {
      connector.shutdown(); // stops accepting; Jetty's stop below waits for the connections
      int busy = connections.closeIdle(connector);
      if (busy > 0) {
        LOG.info("stopping: waiting for {} request(s) in flight", busy);
      }
    }
    stopQuietly(jetty);
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn(
          "HTTP server did not stop cleanly (requests still in flight after the grace period are"
              + " cut off): {}",
          e.toString());
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t instanceof IOException && String.valueOf(t.getMessage()).contains("bind"))) {
        return true;
      }
    }
    return false;
  }

  /** The server could not start; the message says why, for the person who ran it. */
  public static final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerStartException(String message) {
      super(message);
    }
  }
}
