package org.dossier.oai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dossier.metrics.Metrics;
import org.dossier.oai.xml.pmh.OAIPMH;

/**
 * {@code /oai}: the OAI-PMH 2.0 endpoint, GET with a query string or POST with a form (section
 * 3.1.1), and {@code /oai/oai2.xsl}, the stylesheet every response names so that browsers show it
 * as a page. Protocol errors are answered with HTTP 200 (section 3.1.2.1) by {@link
 * OaiExceptionMapper}.
 */
@Path("/oai")
public final class OaiResource {
  private final OaiRepository repository;

  @Context private HttpHeaders headers;

  private final Metrics metrics;

  OaiResource(OaiRepository repository, Metrics metrics) {
    this.repository = repository;
    this.metrics = metrics;
  }

  @GET
  @Produces(OaiResponses.MEDIA_TYPE)
  @Compressed
  public Response get(@Context UriInfo uri) {
    return answer(uri.getQueryParameters());
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(OaiResponses.MEDIA_TYPE)
  @Compressed
  public Response post(MultivaluedMap<String, String> form) {
    return answer(form);
  }

  /** Section 3.1.1.2: a POST must carry its arguments as application/x-www-form-urlencoded. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(OaiResponses.MEDIA_TYPE)
  public Response postOtherwise() {
    throw OaiError.BAD_ARGUMENT.exception(
        "POST requests must send their arguments as application/x-www-form-urlencoded.");
  }

  @GET
  @Path("oai2.xsl")
  @Produces("text/xsl; charset=UTF-8")
  public Response stylesheet() {
    InputStream xsl = OaiResource.class.getResourceAsStream("oai2.xsl");
    return Response.ok(xsl).header("Cache-Control", "public, max-age=86400").build();
  }

  private Response answer(Map<String, List<String>> arguments) {
    Instant now = repository.now();
    OaiRequest request = OaiRequest.parse(arguments);
    OAIPMH response = OaiResponses.envelope(now, repository.urls.oai(), request);
    // Records rendered ahead are stored deflated too: a compressed list copies them as they are
    // (the response's Content-Encoding then tells Compression to leave it alone).
    String coding = Compression.choose(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
    OaiResponses.Rendered rendered;
    try {
      rendered = repository.answer(request, now, response, coding != null);
    } catch (OaiException e) {
      throw e.answering(request);
    }
    count(request.verb(), response, rendered);
    String stylesheet = repository.urls.oaiStylesheetPath();
    // Only records rendered ahead are written compressed here; anything else is left to
    // Compression.
    String written = rendered == null ? null : coding;
    StreamingOutput body = out -> OaiResponses.write(response, rendered, stylesheet, written, out);
    Response.ResponseBuilder ok = Response.ok(body);
    return written == null ? ok.build() : ok.header(HttpHeaders.CONTENT_ENCODING, written).build();
  }

  /** One page without an error in the metrics, with the records or headers it holds. */
  private void count(Verb verb, OAIPMH response, OaiResponses.Rendered rendered) {
    if (!metrics.enabled()) {
      return;
    }
    int items = 0;
    if (rendered != null) {
      items = rendered.records().size();
    } else if (response.getListRecords() != null) {
      items = response.getListRecords().getRecords().size();
    } else if (response.getListIdentifiers() != null) {
      items = response.getListIdentifiers().getHeaders().size();
    } else if (response.getGetRecord() != null) {
      items = 1;
    }
    Metrics.OaiVerb counted =
        switch (verb) {
          case IDENTIFY -> Metrics.OaiVerb.Identify;
          case LIST_METADATA_FORMATS -> Metrics.OaiVerb.ListMetadataFormats;
          case LIST_SETS -> Metrics.OaiVerb.ListSets;
          case GET_RECORD -> Metrics.OaiVerb.GetRecord;
          case LIST_IDENTIFIERS -> Metrics.OaiVerb.ListIdentifiers;
          case LIST_RECORDS -> Metrics.OaiVerb.ListRecords;
        };
    metrics.oaiPage(counted, items);
  }
}
