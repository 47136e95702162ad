package org.dossier.http;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.iiif.presentation.CollectionResource;
import org.dossier.iiif.presentation.LenientAcceptFilter;
import org.dossier.iiif.presentation.LogoResource;
import org.dossier.iiif.presentation.ManifestResource;
import org.dossier.iiif.presentation.PresentationExceptionMapper;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.web.LinkedDataResources;
import org.dossier.sample.SampleArchive;
import org.dossier.web.CollectionPage;
import org.dossier.web.HomePage;
import org.dossier.web.NotFoundPages;
import org.dossier.web.RecordPage;
import org.dossier.web.SearchPage;
import org.dossier.web.Sitemaps;
import org.dossier.web.StaticFiles;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.glassfish.jersey.jetty.JettyHttpContainerFactory;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a Dossier server is built, by {@code serve} and by every integration test: Jersey on
 * embedded Jetty, bound to the configured host and port (0 picks a free one). {@link #start} binds
 * first, so {@code /health} answers 503 while the catalog opens, then opens the catalog (loading
 * the sample archive into an empty one) and turns ready.
 */
public final class DossierServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DossierServer.class);

  private final Server jetty;
  private final ServerContext context;
  private final SampleArchive.Scans scans;
  private final DerivedStores stores;

  private DossierServer(Server jetty, ServerContext context, SampleArchive.Scans scans, DerivedStores stores) {
    this.jetty = jetty;
    this.context = context;
    this.scans = scans;
    this.stores = stores;
  }

  /**
   * Starts a server and opens its catalog.
   *
   * @throws ServerStartException when the port cannot be bound or the catalog cannot be opened
   */
  public static DossierServer start(Settings settings) {
    ServerContext context = new ServerContext(settings);
    DerivedStores stores = new DerivedStores(settings);
    Server jetty = JettyHttpContainerFactory.createServer(URI.create("http://localhost/"), resources(context, stores), false);
    ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
    connector.setHost(settings.get(Settings.SERVER_HOST));
    connector.setPort(settings.get(Settings.SERVER_PORT));
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(jetty.getHandler());
    jetty.setHandler(graceful);
    jetty.setStopTimeout(settings.get(Settings.SERVER_SHUTDOWN_GRACE_SECONDS) * 1000L);
    jetty.setStopAtShutdown(false);
    jetty.setErrorHandler(new org.dossier.iiif.image.ImageServerErrors());
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      if (isBindFailure(e)) {
        throw new ServerStartException("cannot listen on " + settings.get(Settings.SERVER_HOST) + ":"
            + settings.get(Settings.SERVER_PORT) + ": the port is already in use or not allowed (" + e.getMessage() + ")");
      }
      throw new ServerStartException("cannot start the HTTP server: " + e.getMessage());
    }
    context.baseUrl(settings.baseUrl(connector.getLocalPort()));
    SampleArchive.Scans scans = null;
    Catalog catalog = null;
    try {
      catalog = Catalogs.open(settings);
      if (settings.get(Settings.ARCHIVE_LOAD_SAMPLE) && catalog.isEmpty()) {
        LOG.info("empty catalog: loading the bundled sample archive");
        SampleArchive.load(catalog, settings);
      }
      scans = SampleArchive.Scans.startFilling(catalog, context.imageStore());
      stores.open(catalog, context.baseUrl());
      context.searchIndex(stores.searchIndex());
      context.catalog(catalog);
    } catch (RuntimeException e) {
      stopQuietly(jetty);
      if (scans != null) {
        scans.stop();
      }
      stores.close();
      if (catalog != null) {
        catalog.close();
      }
      throw new ServerStartException(e.getMessage());
    }
    LOG.info("Dossier serves {} at {} (catalog: {})", settings.get(Settings.ARCHIVE_NAME), context.baseUrl(),
        context.catalog().description());
    return new DossierServer(jetty, context, scans, stores);
  }

  static ResourceConfig resources(ServerContext context, DerivedStores stores) {
    ResourceConfig config = new ResourceConfig();
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    // Resources are constructed by Jersey and take the ServerContext in their @Inject constructor.
    config.register(new AbstractBinder() {
      @Override
      protected void configure() {
        bind(context).to(ServerContext.class);
        bind(stores.linkedData()).to(LinkedData.class);
        bind(stores).to(DerivedStores.class);
      }
    });
    config.register(new ReadinessFilter(context));
    config.register(new UnexpectedErrorMapper());
    config.register(HealthResource.class);
    config.register(new CorsFilter(List.of("/iiif/")));
    config.register(new PresentationExceptionMapper());
    config.register(new LenientAcceptFilter());
    config.register(ManifestResource.class);
    config.register(CollectionResource.class);
    config.register(LogoResource.class);
    config.register(org.dossier.iiif.image.ImageResource.class);
    config.register(new org.dossier.iiif.image.ImageErrorMapper());
    config.register(org.dossier.oai.OaiResource.class);
    config.register(org.dossier.oai.OaiExceptionMapper.class);
    config.register(org.dossier.oai.Compression.class);
    // Public pages and the search index (org.dossier.web)
    config.register(HomePage.class);
    config.register(CollectionPage.class);
    config.register(SearchPage.class);
    config.register(RecordPage.class);
    config.register(Sitemaps.class);
    config.register(StaticFiles.class);
    config.register(NotFoundPages.class);
    LinkedDataResources.register(config);
    return config;
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  public String baseUrl() {
    return context.baseUrl();
  }

  public ServerContext context() {
    return context;
  }

  /** The RDF store and its projection. */
  public LinkedData linkedData() {
    return stores.linkedData();
  }

  /** The search index, the RDF store and the follower that keeps them in step with the catalog. */
  public DerivedStores derivedStores() {
    return stores;
  }

  public Path dataDir() {
    return context.dataDir();
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops gracefully: requests in flight finish (up to the grace period), then the catalog closes. */
  @Override
  public void close() {
    stopQuietly(jetty);
    if (scans != null) {
      scans.stop();
    }
    stores.close();
    if (context.isReady()) {
      context.catalog().close();
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
      if (t instanceof BindException || (t instanceof IOException && String.valueOf(t.getMessage()).contains("bind"))) {
        return true;
      }
    }
    return false;
  }

  /** The server could not start; the message says why, for the person who ran it. */
  public static final class ServerStartException extends RuntimeException {
    public ServerStartException(String message) {
      super(message);
    }
  }
}
