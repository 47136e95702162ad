package org.dossier.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.dossier.urls.Urls;

/** Which requests are the admin API's: every path under {@code /api}, known or not. */
final class ApiPaths {
  private ApiPaths() {}

  /** The OpenAPI document, readable without a token. */
  static final String OPENAPI = Urls.API + "/openapi.json";

  /** The request's path from the server's root, with its leading slash. */
  static String path(ContainerRequestContext request) {
    return "/" + request.getUriInfo().getPath();
  }

  static boolean isApi(ContainerRequestContext request) {
    return isApi(path(request));
  }

  static boolean isApi(String path) {
    return path.equals("/api") || path.startsWith("/api/");
  }
}
