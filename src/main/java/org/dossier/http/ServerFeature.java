package org.dossier.http;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.dossier.catalog.Catalog;

/**
 * What the server adds around every protocol: the health probe, the one CORS policy, and the
 * last-resort error mapping that protocols fall back on.
 */
final class ServerFeature implements Feature {
  private final Catalog catalog;
  private final CorsPolicy cors;

  ServerFeature(Catalog catalog, CorsPolicy cors) {
    this.catalog = catalog;
    this.cors = cors;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new HealthResource(catalog));
    context.register(new CorsFilter(cors));
    context.register(new UnexpectedErrorMapper());
    return true;
  }
}
