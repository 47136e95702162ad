package org.dossier.http;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.dossier.catalog.Catalog;
import org.dossier.urls.Urls;

/**
 * What the server adds around every protocol: the public base URL as every request's base URI, the
 * health probe, the one CORS policy, content negotiation headers read as RFC 9110 says, the answer
 * for URLs several protocols share when none of their types is acceptable, and the last-resort
 * error mapping that protocols fall back on.
 */
final class ServerFeature implements Feature {
  private final Catalog catalog;
  private final DerivedStores stores;
  private final CorsPolicy cors;
  private final Urls urls;
  private final RecordCount records;
  private final long maxLagSeconds;
  private final java.time.Duration replicaStaleness;

  ServerFeature(
      Catalog catalog,
      DerivedStores stores,
      CorsPolicy cors,
      Urls urls,
      RecordCount records,
      long maxLagSeconds,
      java.time.Duration replicaStaleness) {
    this.catalog = catalog;
    this.stores = stores;
    this.cors = cors;
    this.urls = urls;
    this.records = records;
    this.maxLagSeconds = maxLagSeconds;
    this.replicaStaleness = replicaStaleness;
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new PublicBaseUri(urls));
    context.register(new HealthResource(catalog, stores, records, maxLagSeconds));
    context.register(new CorsFilter(cors));
    context.register(new NegotiationHeaders());
    context.register(new OtherRepresentations.Records(catalog));
    context.register(new OtherRepresentations.Collections(catalog));
    context.register(new CatalogUnavailableMapper());
    context.register(new UnexpectedErrorMapper());
    if (catalog.replica() != null) {
      context.register(new ReplicaReads(replicaStaleness));
    }
    return true;
  }
}
