package org.dossier.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;

/**
 * Makes every error under {@code /api} a problem document: the API's own ({@link ApiProblem}), and
 * those Jersey or the server's last-resort mapper answer (an unknown path, a method or media type
 * the route does not take, an unexpected failure), whose one line of text becomes the detail.
 */
final class ProblemResponses implements ContainerResponseFilter, ExceptionMapper<ApiProblem> {

  @Override
  public jakarta.ws.rs.core.Response toResponse(ApiProblem problem) {
    return problem.toResponse();
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!ApiPaths.isApi(request) || response.getStatus() < 400) {
      return;
    }
    MediaType type = response.getMediaType();
    if (type != null && ApiProblem.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype())) {
      return;
    }
    String detail = null;
    if (response.getEntity() instanceof String text) {
      // "405 Method Not Allowed\n" or "406 Not Acceptable: this resource is served as ..."
      int colon = text.indexOf(": ");
      detail = colon < 0 ? null : text.substring(colon + 2).strip();
    }
    int status = response.getStatus();
    response.setEntity(
        ApiProblem.document(status, "about:blank", detail, List.of(), Map.of()),
        new java.lang.annotation.Annotation[0],
        MediaType.valueOf(ApiProblem.MEDIA_TYPE));
    response.getHeaders().putSingle("Cache-Control", "no-store");
  }
}
