package org.dossier.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.dossier.catalog.Change;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog's change log, oldest first, for a client that keeps in step: it asks for the changes
 * after the last sequence number it saw and follows {@code next} until a page comes back empty.
 */
@Path(Urls.API + "/changes")
public final class ChangesResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final Api api;

  ChangesResource(Api api) {
    this.api = api;
  }

  @GET
  @Produces(Api.JSON)
  public Response get(@QueryParam("since") String since, @QueryParam("limit") String limit) {
    long after = number("since", since, 0, 0, Long.MAX_VALUE);
    int size = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    List<Change> changes = api.catalog.changesSince(after, size);
    ObjectNode answer = RecordJson.MAPPER.createObjectNode();
    ArrayNode list = answer.putArray("changes");
    long last = after;
    for (Change c : changes) {
      list.addObject()
          .put("seq", c.seq())
          .put("entity", c.entity().name().toLowerCase(Locale.ROOT))
          .put("id", c.id())
          .put("kind", c.operation().name().toLowerCase(Locale.ROOT))
          .put("time", c.datestamp().toString());
      last = c.seq();
    }
    answer.put("next", api.urls.apiChanges(last, size));
    return Response.ok(RecordJson.write(answer))
        .header("Link", "<" + api.urls.apiChanges(last, size) + ">; rel=\"next\"")
        .header("Cache-Control", "no-cache")
        .build();
  }

  private static long number(String name, String text, long fallback, long min, long max) {
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiProblem.of(
        400, name + " is a whole number from " + min + " to " + max + ", not '" + text + "'");
  }
}
