package org.dossier.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.RuntimeResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: HTTP errors raised by Jersey keep their status with a one-line message; anything
 * else is logged and answered 500 without a stack trace. Protocols map their own errors first.
 */
final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

  @Context private ExtendedUriInfo uriInfo;

  /** For a 406 (RFC 9110, section 15.5.7): the types the matched resource is served as. */
  private String servedTypes() {
    Set<String> types = new LinkedHashSet<>();
    List<RuntimeResource> matched =
        uriInfo == null ? List.of() : uriInfo.getMatchedRuntimeResources();
    if (!matched.isEmpty()) {
      for (ResourceMethod method : matched.get(0).getResourceMethods()) {
        for (MediaType type : method.getProducedTypes()) {
          if (!type.isWildcardType()) {
            types.add(type.getType() + "/" + type.getSubtype());
          }
        }
      }
    }
    return String.join(", ", types);
  }

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException web) {
      Response original = web.getResponse();
      String reason = original.getStatusInfo().getReasonPhrase();
      String served = original.getStatus() == 406 ? servedTypes() : "";
      return Response.fromResponse(original)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity(
              original.getStatus()
                  + " "
                  + reason
                  + (served.isEmpty() ? "" : ": this resource is served as " + served)
                  + "\n")
          .build();
    }
    LOG.error("request failed", e);
    return Response.serverError()
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity(
            "500 Internal Server Error: the server could not answer this request; it has been logged.\n")
        .build();
  }
}
