package org.dossier.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Duration;
import org.dossier.catalog.ReadReplica;
import org.dossier.urls.Urls;

/**
 * Which requests may read the catalog from its streaming replica (catalog.read-url): GET and HEAD
 * of the public routes, within the configured staleness. The admin API reads its own writes and
 * /health reports the primary, so both always read the primary. Set anew for each request (threads
 * are reused) and cleared when the response leaves the filters; what is read while the body is
 * written (streamed lists) is read from the primary.
 */
@PreMatching
final class ReplicaReads implements ContainerRequestFilter, ContainerResponseFilter {
  private final Duration maxStaleness;

  ReplicaReads(Duration maxStaleness) {
    this.maxStaleness = maxStaleness;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String method = request.getMethod();
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    boolean safe = method.equals("GET") || method.equals("HEAD");
    if (safe && !path.startsWith(Urls.API.substring(1)) && !path.startsWith("health")) {
      ReadReplica.allow(maxStaleness);
    } else {
      ReadReplica.clear();
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    ReadReplica.clear();
  }
}
