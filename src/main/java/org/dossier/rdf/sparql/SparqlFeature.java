package org.dossier.rdf.sparql;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.rdf.LinkedData;
import org.dossier.urls.Urls;

/**
 * The SPARQL endpoint as one Jersey feature: {@code /sparql} over the open RDF store, and its error
 * answers.
 */
public final class SparqlFeature implements Feature {
  private final Settings settings;
  private final Urls urls;
  private final LinkedData linkedData;
  private final Metrics metrics;

  /**
   * @param linkedData the open RDF store the endpoint queries
   * @param metrics counts the queries evaluated and those stopped at the timeout
   */
  public SparqlFeature(Settings settings, Urls urls, LinkedData linkedData, Metrics metrics) {
    this.settings = settings;
    this.urls = urls;
    this.linkedData = linkedData;
    this.metrics = metrics;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new SparqlResource(linkedData, settings, urls, metrics));
    context.register(new SparqlErrorMapper());
    return true;
  }
}
