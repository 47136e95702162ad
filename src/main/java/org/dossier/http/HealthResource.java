package org.dossier.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.ClusterLease;
import org.dossier.catalog.ReadReplica;
import org.dossier.catalog.RecordJson;
import org.dossier.projection.Lag;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /health} once the server is ready: 200 while the catalog answers, 503 when it stops
 * answering. (Before the catalog is open, {@link Starting} answers 503 "starting".) The body also
 * shows how far each derived store (projection) is behind the catalog; a store that lags does not
 * make this summary fail, since the catalog is what it serves from, but {@code /health/ready}
 * answers 503 once one lags longer than health.max-lag-seconds.
 */
@Path("/health")
public final class HealthResource {
  private final Catalog catalog;
  private final DerivedStores stores;

  private final RecordCount records;
  private final long maxLagSeconds;

  /**
   * @param maxLagSeconds how long a change may wait for a derived store before the server is not
   *     ready (health.max-lag-seconds)
   */
  HealthResource(Catalog catalog, DerivedStores stores, RecordCount records, long maxLagSeconds) {
    this.catalog = catalog;
    this.stores = stores;
    this.records = records;
    this.maxLagSeconds = maxLagSeconds;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    ObjectNode body = RecordJson.MAPPER.createObjectNode();
    if (!catalog.ping()) {
      body.put("status", "catalog unavailable");
      return Response.status(503).header("Retry-After", "5").entity(RecordJson.write(body)).build();
    }
    body.put("status", "ok");
    body.put("catalog", catalog.dialect().name().toLowerCase(java.util.Locale.ROOT));
    body.put("records", records.get());
    ReadReplica replica = catalog.replica();
    if (replica != null) {
      ReadReplica.Status st = replica.status();
      ObjectNode r =
          body.putObject("replica")
              .put("usable", st.usable())
              .put("behindMillis", st.behindMillis())
              .put("replicaReads", st.replicaReads())
              .put("primaryReads", st.primaryReads());
      if (st.problem() != null) {
        r.put("problem", st.problem());
      }
    }
    ClusterLease lease = stores.lease();
    if (lease != null) {
      body.putObject("cluster").put("node", lease.node()).put("writer", lease.held());
    }
    // Stores that open after the server turned ready: their requests wait briefly, then get 503.
    java.util.List<String> opening = stores.opening();
    if (!opening.isEmpty()) {
      opening.forEach(body.putArray("opening")::add);
    }
    if (stores.failure() != null) {
      body.put("storesError", "a derived store could not be opened (the server's log says why)");
    }
    ArrayNode projections = body.putArray("projections");
    for (Lag lag : stores.lag()) {
      ObjectNode p =
          projections
              .addObject()
              .put("name", lag.name())
              .put("appliedSeq", lag.appliedSeq())
              .put("catalogSeq", lag.catalogSeq())
              .put("changesBehind", lag.changesBehind())
              .put("secondsBehind", lag.secondsBehind());
      if (lag.error() != null) {
        p.put("error", lag.error());
      }
    }
    return Response.ok(RecordJson.write(body)).header("Cache-Control", "no-store").build();
  }

  /**
   * {@code GET /health/ready}: 200 when the catalog answers and every derived store is within
   * health.max-lag-seconds of it; otherwise 503 with the reasons, so that a load balancer sends
   * requests elsewhere meanwhile. ({@code /health/live} is answered before the application, by
   * {@link Operations}.)
   */
  @GET
  @Path("ready")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ready() {
    ObjectNode body = RecordJson.MAPPER.createObjectNode();
    ArrayNode reasons = RecordJson.MAPPER.createArrayNode();
    if (!catalog.ping()) {
      reasons.add("the catalog does not answer");
    } else {
      for (String name : stores.opening()) {
        reasons.add(name + " is still opening");
      }
      if (stores.failure() != null) {
        reasons.add("a derived store could not be opened (the server's log says why)");
      }
      for (Lag lag : stores.lag()) {
        if (lag.secondsBehind() > maxLagSeconds) {
          reasons.add(
              lag.name()
                  + " is "
                  + lag.changesBehind()
                  + " change(s) and "
                  + lag.secondsBehind()
                  + " s behind the catalog (health.max-lag-seconds="
                  + maxLagSeconds
                  + ")"
                  + (lag.error() == null ? "" : ": " + lag.error()));
        }
      }
    }
    body.put("status", reasons.isEmpty() ? "ready" : "not ready");
    if (!reasons.isEmpty()) {
      body.set("reasons", reasons);
      return Response.status(503)
          .header("Retry-After", "5")
          .header("Cache-Control", "no-store")
          .entity(RecordJson.write(body))
          .build();
    }
    return Response.ok(RecordJson.write(body)).header("Cache-Control", "no-store").build();
  }
}
