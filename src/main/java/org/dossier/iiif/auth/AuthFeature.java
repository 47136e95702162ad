package org.dossier.iiif.auth;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.dossier.access.AccessControl;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;

/** The IIIF Authorization Flow 2.0 services under {@code /auth}. */
public final class AuthFeature implements Feature {
  private final AuthResource resource;

  public AuthFeature(Catalog catalog, Settings settings, AccessControl access) {
    this.resource =
        new AuthResource(
            catalog,
            access,
            new LoginFailures(settings.get(Settings.ACCESS_LOGIN_FAILURES_PER_MINUTE)));
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(resource);
    return true;
  }
}
