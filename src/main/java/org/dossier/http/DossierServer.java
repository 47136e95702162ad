package org.dossier.http;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.iiif.discovery.DiscoveryFeature;
import org.dossier.iiif.image.ImageFeature;
import org.dossier.iiif.presentation.PresentationFeature;
import org.dossier.iiif.search.ContentSearchFeature;
import org.dossier.oai.OaiFeature;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.sparql.SparqlFeature;
import org.dossier.rdf.web.LinkedDataFeature;
import org.dossier.sample.SampleArchive;
import org.dossier.search.SearchIndex;
import org.dossier.urls.Urls;
import org.dossier.web.SiteFeature;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
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
 *   <li>{@link #open}: the catalog opens (an empty one gets the sample archive), then the search
 *       index and the RDF store; each protocol's Jersey feature is built with the real objects it
 *       reads, and the Jersey application takes the place of the 503 handler.
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

  private final Urls urls;
  private final CorsPolicy cors;
  private final DerivedStores stores;
  private volatile Catalog catalog;
  private volatile SampleArchive.Scans scans;

  private DossierServer(
      Settings settings, Server jetty, Handler.Wrapper application, CorsPolicy cors) {
    this.settings = settings;
    this.jetty = jetty;
    this.application = application;
    this.cors = cors;
    this.urls = new Urls(settings.baseUrl(port()));
    this.stores = new DerivedStores(settings);
  }

  /**
   * Starts a server and opens its catalog: {@link #bind} then {@link #open}.
   *
   * @throws ServerStartException when the port cannot be bound or the catalog cannot be opened
   */
  public static DossierServer start(Settings settings) {
    DossierServer server = bind(settings);
    server.open();
    return server;
  }

  /**
   * Listens on the configured port, answering 503 until {@link #open}.
   *
   * @throws ServerStartException when the port cannot be bound
   */
  static DossierServer bind(Settings settings) {
    Server jetty = new Server(HttpLimits.threads(settings));
    ServerConnector connector = HttpLimits.connector(jetty, settings);
    connector.setHost(settings.get(Settings.SERVER_HOST));
    connector.setPort(settings.get(Settings.SERVER_PORT));
    jetty.addConnector(connector);
    HttpLimits.limitConnections(jetty, connector, settings);
    CorsPolicy cors = CorsPolicy.dossier();
    // Dynamic: its handler is replaced while the server runs (by open()).
    Handler.Wrapper application = new Handler.Wrapper(true, new Starting(cors));
    jetty.setHandler(
        new GracefulHandler(
            new RequestGuard(settings, cors, new ExpensiveRequests(settings, cors, application))));
    jetty.setStopTimeout(settings.get(Settings.SERVER_SHUTDOWN_GRACE_SECONDS) * 1000L);
    jetty.setStopAtShutdown(false);
    jetty.setErrorHandler(new ServerErrors(cors));
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
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
      return new DossierServer(settings, jetty, application, cors);
    } catch (IllegalArgumentException e) {
      stopQuietly(jetty);
      throw new ServerStartException("server.base-url: " + e.getMessage());
    }
  }

  /**
   * Opens the catalog and what is derived from it, then serves every protocol. On failure the
   * server is closed.
   *
   * @throws ServerStartException when the catalog or a derived store cannot be opened
   */
  void open() {
    try {
      Catalog c = Catalogs.open(settings);
      catalog = c;
      if (settings.get(Settings.ARCHIVE_LOAD_SAMPLE) && c.isEmpty()) {
        LOG.info("empty catalog: loading the bundled sample archive");
        SampleArchive.load(c, settings);
      }
      // The sample archive's scans, rendered in the background; until each is there its image
      // requests are answered 503 (the image service asks scans::isPending).
      scans = SampleArchive.Scans.startFilling(c, imageStore());
      // Jersey builds the application (most of a second) while the stores catch up.
      JettyHttpContainer[] jersey = new JettyHttpContainer[1];
      stores.open(
          c,
          urls.base(),
          () ->
              jersey[0] = ContainerFactory.createContainer(JettyHttpContainer.class, resources()));
      application.setHandler(jersey[0]);
    } catch (RuntimeException e) {
      close();
      throw e instanceof ServerStartException s ? s : new ServerStartException(e.getMessage());
    }
    LOG.info(
        "Dossier serves {} at {} (catalog: {})",
        settings.get(Settings.ARCHIVE_NAME),
        urls.base(),
        catalog.description());
  }

  /**
   * The Jersey application: each protocol's feature, built with the open catalog and what else it
   * reads.
   */
  private ResourceConfig resources() {
    ResourceConfig config = new ResourceConfig();
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.register(new ServerFeature(catalog, stores, cors));
    config.register(new OaiFeature(catalog, settings, urls));
    config.register(new PresentationFeature(catalog, settings, urls));
    config.register(new ContentSearchFeature(catalog, settings, urls));
    config.register(new DiscoveryFeature(catalog, settings, urls));
    config.register(new ImageFeature(catalog, settings, imageStore(), urls, scans::isPending));
    config.register(new SiteFeature(catalog, stores.searchIndex(), settings, urls));
    config.register(new LinkedDataFeature(catalog, settings, urls, stores.linkedData()));
    config.register(new SparqlFeature(settings, urls, stores.linkedData()));
    return config;
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
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
    return stores.searchIndex();
  }

  /** The RDF store and its projection. */
  public LinkedData linkedData() {
    return stores.linkedData();
  }

  /** The search index, the RDF store and the follower that keeps them in step with the catalog. */
  public DerivedStores derivedStores() {
    return stores;
  }

  /** The sample scans being rendered since start-up. */
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
    stopQuietly(jetty);
    if (scans != null) {
      scans.stop();
    }
    stores.close();
    if (catalog != null) {
      catalog.close();
    }
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
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
