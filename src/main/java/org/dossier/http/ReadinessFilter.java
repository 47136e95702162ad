package org.dossier.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Answers 503 with Retry-After to every request but {@code /health} while the catalog is opening. */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class ReadinessFilter implements ContainerRequestFilter {
  private final ServerContext context;

  ReadinessFilter(ServerContext context) {
    this.context = context;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!context.isReady() && !request.getUriInfo().getPath().equals("health")) {
      request.abortWith(Response.status(503).header("Retry-After", "1").type(MediaType.TEXT_PLAIN_TYPE)
          .entity("Dossier is starting: the catalog is being opened. Try again in a moment.\n").build());
    }
  }
}
