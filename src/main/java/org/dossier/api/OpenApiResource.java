package org.dossier.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.dossier.catalog.RecordJson;
import org.dossier.urls.Urls;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 description of the admin API ({@code openapi.json} beside this class), with this
 * server's own address as its server URL. Readable without a token while the API is on.
 */
@Path(ApiPaths.OPENAPI)
public final class OpenApiResource {
  /** Where the document is on the class path. */
  public static final String RESOURCE = "/org/dossier/api/openapi.json";

  private final Urls urls;

  /** Read and completed on the first request: nothing of it is needed at start-up. */
  private volatile String document;

  OpenApiResource(Urls urls) {
    this.urls = urls;
  }

  private String document() {
    String d = document;
    if (d != null) {
      return d;
    }
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      ObjectNode doc = (ObjectNode) RecordJson.MAPPER.readTree(in);
      doc.putArray("servers").addObject().put("url", urls.url(Urls.API));
      d = RecordJson.write(doc);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
    document = d;
    return d;
  }

  @GET
  @Produces(Api.JSON)
  public Response get() {
    return Response.ok(document()).header("Cache-Control", "no-cache").build();
  }
}
