package org.dossier.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.RecordJson;
import org.dossier.projection.Lag;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /health} once the server is ready: 200 while the catalog answers, 503 when it stops
 * answering. (Before the catalog is open, {@link Starting} answers 503 "starting".) The body also
 * shows how far each derived store (projection) is behind the catalog; a store that lags does not
 * make the server unready, since the catalog is what it serves from.
 */
@Path("/health")
public final class HealthResource {
  private final Catalog catalog;
  private final DerivedStores stores;

  /** The live-record count, as of a change-log position: counted again only after a change. */
  private volatile Counted counted = new Counted(-1, 0);

  private record Counted(long seq, long records) {}

  HealthResource(Catalog catalog, DerivedStores stores) {
    this.catalog = catalog;
    this.stores = stores;
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
    body.put("records", records());
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
   * Counting a million records takes the catalog about a second, too long for a probe every few
   * seconds: the count is kept with the change-log position it was taken at (the position read
   * first, so a change committed meanwhile makes the next probe count again).
   */
  private long records() {
    long seq = catalog.lastChangeSeq();
    Counted known = counted;
    if (known.seq() != seq) {
      known = new Counted(seq, catalog.recordCount());
      counted = known;
    }
    return known.records();
  }
}
