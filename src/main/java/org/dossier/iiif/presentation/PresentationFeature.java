package org.dossier.iiif.presentation;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.urls.Urls;

/**
 * The Presentation API as one Jersey feature: manifests, collections and the logo, the lenient
 * reading of {@code Accept} on their URLs, and the JSON form of their errors. One document service,
 * built from the configuration, serves every resource.
 */
public final class PresentationFeature implements Feature {
  private final PresentationService service;

  public PresentationFeature(Catalog catalog, Settings settings, Urls urls) {
    this.service = new PresentationService(catalog, settings, urls);
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new ManifestResource(service));
    context.register(new CollectionResource(service));
    context.register(new LogoResource());
    context.register(new LenientAcceptFilter());
    context.register(new PresentationExceptionMapper());
    return true;
  }
}
