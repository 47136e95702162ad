package org.dossier.oai;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dossier.http.ServerContext;
import org.dossier.oai.xml.pmh.OAIPMH;

/**
 * Turns an {@link OaiException} into its wire form: an OAI-PMH document with one {@code <error>}
 * per failure, HTTP 200 (section 3.1.2.1: protocol errors are not HTTP errors).
 */
@Provider
@Singleton
public final class OaiExceptionMapper implements ExceptionMapper<OaiException> {
  private final ServerContext context;

  @Inject
  public OaiExceptionMapper(ServerContext context) {
    this.context = context;
  }

  @Override
  public Response toResponse(OaiException e) {
    Links links = new Links(context.baseUrl());
    OAIPMH response = OaiResponses.error(e, Instant.now().truncatedTo(ChronoUnit.SECONDS), links.oaiEndpoint());
    StreamingOutput body = out -> OaiResponses.write(response, links.stylesheetPath(), out);
    return Response.ok(body, OaiResponses.MEDIA_TYPE).build();
  }
}
