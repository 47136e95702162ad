package org.dossier.oai;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dossier.oai.xml.pmh.OAIPMH;
import org.dossier.urls.Urls;

/**
 * Turns an {@link OaiException} into its wire form: an OAI-PMH document with one {@code <error>}
 * per failure, HTTP 200 (section 3.1.2.1: protocol errors are not HTTP errors).
 */
final class OaiExceptionMapper implements ExceptionMapper<OaiException> {
  private final Urls urls;

  OaiExceptionMapper(Urls urls) {
    this.urls = urls;
  }

  @Override
  public Response toResponse(OaiException e) {
    OAIPMH response =
        OaiResponses.error(e, Instant.now().truncatedTo(ChronoUnit.SECONDS), urls.oai());
    StreamingOutput body = out -> OaiResponses.write(response, urls.oaiStylesheetPath(), out);
    return Response.ok(body, OaiResponses.MEDIA_TYPE).build();
  }
}
