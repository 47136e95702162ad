package org.dossier.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.Instant;
import org.dossier.catalog.ApiTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every write the admin API was asked for with a valid token, however it ended: a row of
 * {@code api_audit} (time, token name, action, record or collection id, result) and a line in the
 * log ({@code org.dossier.api.audit}). Token values never appear, only their names.
 */
final class AuditLog implements ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger("org.dossier.api.audit");

  /** The request property a resource sets to add to the result (an import's counts). */
  static final String DETAIL = "org.dossier.api.audit-detail";

  private final ApiTokens store;

  AuditLog(ApiTokens store) {
    this.store = store;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object token = request.getProperty(Authenticator.TOKEN_NAME);
    String method = request.getMethod();
    if (token == null
        || method.equals(HttpMethod.GET)
        || method.equals(HttpMethod.HEAD)
        || method.equals(HttpMethod.OPTIONS)) {
      return;
    }
    String path = ApiPaths.path(request);
    String action = method + " " + kind(path);
    String target = request.getUriInfo().getPathParameters().getFirst("id");
    Object detail = request.getProperty(DETAIL);
    String result = response.getStatus() + (detail == null ? "" : " " + detail);
    LOG.info("token={} action={} target={} result={}", token, action, target, result);
    try {
      store.audit(new ApiTokens.AuditEntry(Instant.now(), (String) token, action, target, result));
    } catch (RuntimeException e) {
      LOG.error("the audit log could not be written: {}", e.toString());
    }
  }

  private static String kind(String path) {
    String rest =
        path.startsWith(org.dossier.urls.Urls.API + "/")
            ? path.substring(org.dossier.urls.Urls.API.length() + 1)
            : path;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    if (first.equals("records") && rest.endsWith("/image")) {
      return "page image";
    }
    return switch (first) {
      case "records" -> "record";
      case "collections" -> "collection";
      case "imports" -> "import";
      default -> path;
    };
  }
}
