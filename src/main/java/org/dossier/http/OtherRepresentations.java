package org.dossier.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.dossier.catalog.Catalog;
import org.dossier.urls.Routes;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The answer for a URL served by several protocols (the site's page and the linked-data description
 * of {@code /records/{id}} and {@code /collections/{id}}) when the client accepts none of their
 * types: 404 when the thing does not exist, whatever the {@code Accept}; otherwise 406 listing the
 * types that are served (RFC 9110, section 15.5.7). It produces any type at the lowest server
 * quality, so it is chosen only when no protocol's representation is acceptable.
 */
public abstract class OtherRepresentations {
  private final Predicate<String> exists;
  @Context private ExtendedUriInfo uriInfo;

  OtherRepresentations(Predicate<String> exists) {
    this.exists = exists;
  }

  @GET
  @Produces("*/*;qs=0.001")
  public Response none(@PathParam("id") String id) {
    if (!exists.test(id)) {
      return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE).entity("404 Not Found\n").build();
    }
    return Response.status(406)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity(
            "406 Not Acceptable: this resource is served as "
                + String.join(", ", servedTypes())
                + "\n")
        .build();
  }

  /** The types the other resource methods of this URL produce, in the order they declare them. */
  private Set<String> servedTypes() {
    Set<String> types = new LinkedHashSet<>();
    Resource resource = uriInfo.getMatchedModelResource();
    if (resource != null) {
      for (ResourceMethod method : resource.getResourceMethods()) {
        for (MediaType type : method.getProducedTypes()) {
          if (!type.isWildcardType()) {
            types.add(type.getType() + "/" + type.getSubtype());
          }
        }
      }
    }
    return types;
  }

  /** {@code /records/{id}}. */
  @Path(Routes.RECORD)
  public static final class Records extends OtherRepresentations {
    Records(Catalog catalog) {
      super(id -> catalog.record(id).isPresent());
    }
  }

  /** {@code /collections/{id}}. */
  @Path(Routes.COLLECTION)
  public static final class Collections extends OtherRepresentations {
    Collections(Catalog catalog) {
      super(id -> catalog.collection(id).isPresent());
    }
  }
}
