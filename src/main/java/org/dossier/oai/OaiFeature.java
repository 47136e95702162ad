package org.dossier.oai;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.urls.Urls;

/**
 * The OAI-PMH endpoint as one Jersey feature: its resource, the mapper that turns protocol errors
 * into OAI-PMH documents, and the response compression Identify announces. The server builds it
 * once the catalog is open, with everything the endpoint reads.
 */
public final class OaiFeature implements Feature {
  private final OaiRepository repository;
  private final Metrics metrics;

  /**
   * @param renditions the projection that renders records ahead of requests; null renders every
   *     record on its request
   * @param metrics counts the pages served and the records in them
   */
  public OaiFeature(
      Catalog catalog, Settings settings, Urls urls, OaiRenditions renditions, Metrics metrics) {
    this.repository =
        new OaiRepository(catalog, urls, settings, renditions, Clock.systemUTC(), metrics);
    this.metrics = metrics;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new OaiResource(repository, metrics));
    context.register(new OaiExceptionMapper(repository.urls));
    context.register(Compression.class);
    return true;
  }
}
