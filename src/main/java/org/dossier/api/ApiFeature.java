package org.dossier.api;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Duration;
import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.ingest.Importer;
import org.dossier.storage.ObjectStore;
import org.dossier.urls.Urls;

/**
 * The admin API as one Jersey feature: its resources, the token check, CORS for the origins
 * configured, problem documents for every error under {@code /api}, and the audit log.
 */
public final class ApiFeature implements Feature {
  /** Every resource class of the API (the route tests compare it with the classes that exist). */
  public static final List<Class<?>> RESOURCES =
      List.of(
          RecordsResource.class,
          CollectionsResource.class,
          ImportsResource.class,
          ChangesResource.class,
          OpenApiResource.class,
          PageImageResource.class);

  private final Catalog catalog;
  private final Settings settings;
  private final Urls urls;
  private final Runnable changed;
  private final Runnable writesArriving;
  private final PageImageResource.ScansWritten scansWritten;
  private final ObjectStore remoteScans;

  /**
   * @param changed called after each commit, to wake whatever follows the change log
   */
  public ApiFeature(Catalog catalog, Settings settings, Urls urls, Runnable changed) {
    this(catalog, settings, urls, changed, PageImageResource.ScansWritten.NONE);
  }

  /**
   * @param scansWritten told of each page scan the API wrote, once committed (to build its pyramid)
   */
  public ApiFeature(
      Catalog catalog,
      Settings settings,
      Urls urls,
      Runnable changed,
      PageImageResource.ScansWritten scansWritten) {
    this(catalog, settings, urls, changed, () -> {}, scansWritten, null);
  }

  /**
   * @param remoteScans the scan store when it is object storage (storage.type=s3): uploaded scans
   *     go to it and imports read the scans' headers from it; null for the data directory's images/
   * @param writesArriving called after each single write (a PUT or DELETE), before {@code changed}
   *     is called once the writes pause
   */
  public ApiFeature(
      Catalog catalog,
      Settings settings,
      Urls urls,
      Runnable changed,
      Runnable writesArriving,
      PageImageResource.ScansWritten scansWritten,
      ObjectStore remoteScans) {
    this.catalog = catalog;
    this.settings = settings;
    this.urls = urls;
    this.changed = changed;
    this.writesArriving = writesArriving;
    this.scansWritten = scansWritten;
    this.remoteScans = remoteScans;
  }

  @Override
  public boolean configure(FeatureContext context) {
    Importer importer =
        new Importer(
            catalog,
            settings.dataDir().resolve("images"),
            settings.get(Settings.ARCHIVE_DEFAULT_RIGHTS),
            null);
    if (remoteScans != null) {
      importer.scansIn(remoteScans);
    }
    Api api = new Api(catalog, importer, urls, changed, writesArriving);
    context.register(new RecordsResource(api));
    context.register(new CollectionsResource(api));
    context.register(new ImportsResource(api));
    context.register(new ChangesResource(api));
    context.register(new OpenApiResource(urls));
    context.register(
        new PageImageResource(
            api,
            new ScanUploads(
                settings.dataDir().resolve("images"),
                remoteScans,
                settings.get(Settings.API_MAX_UPLOAD_MB) * 1_048_576L,
                settings.get(Settings.IIIF_IMAGE_MAX_SOURCE_PIXELS)),
            scansWritten,
            remoteScans != null || "local".equals(settings.get(Settings.STORAGE_TYPE))));
    context.register(
        new Authenticator(
            new TokenCheck(
                catalog.apiTokens(),
                Duration.ofSeconds(settings.get(Settings.API_TOKEN_CACHE_SECONDS))),
            new FailureLimiter(
                settings.get(Settings.API_AUTH_FAILURES_PER_MINUTE),
                com.github.benmanes.caffeine.cache.Ticker.systemTicker())));
    context.register(new ApiCors(settings.get(Settings.API_CORS_ORIGINS)));
    context.register(new ProblemResponses());
    context.register(new AuditLog(catalog.apiTokens()));
    context.register(new UnreadBodies(settings.get(Settings.API_MAX_UPLOAD_MB) * 1_048_576L));
    return true;
  }
}
