package org.dossier.rdf.sparql;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dossier.config.Settings;
import org.dossier.metrics.Metrics;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.RdfStore;
import org.dossier.rdf.Vocab;
import org.dossier.rdf.web.RdfFormat;
import org.dossier.urls.Urls;
import org.eclipse.rdf4j.model.Namespace;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.resultio.BooleanQueryResultFormat;
import org.eclipse.rdf4j.query.resultio.QueryResultIO;
import org.eclipse.rdf4j.query.resultio.TupleQueryResultFormat;
import org.eclipse.rdf4j.query.resultio.TupleQueryResultWriter;
import org.eclipse.rdf4j.rio.RDFWriter;

/**
 * {@code /sparql}: the query operation of the SPARQL 1.1 Protocol over the RDF store, read-only.
 * The default graph is the union of all graphs of the store (one per record, collection, person,
 * place, subject and type). A GET without a query shows a page describing the endpoint.
 */
@Path("/sparql")
public final class SparqlResource {
  private final LinkedData linkedData;
  private final Settings settings;
  private final Urls urls;

  /** Queries evaluated now: at most sparql.max-concurrent. */
  private final Semaphore running;

  private final Metrics metrics;

  SparqlResource(LinkedData linkedData, Settings settings, Urls urls, Metrics metrics) {
    this.metrics = metrics;
    this.linkedData = linkedData;
    this.settings = settings;
    this.urls = urls;
    this.running = new Semaphore(settings.get(Settings.SPARQL_MAX_CONCURRENT));
    this.answers = new KeptAnswers<>(settings.get(Settings.SPARQL_CACHE_BYTES), Kept::query);
  }

  /** Largest answer kept. */
  static final int MAX_KEPT_BYTES = 1 << 20;

  /** A query as asked for: its text, dataset and the answer's type. */
  private record Kept(SparqlRequest request, MediaType type) {
    String query() {
      return request.query();
    }
  }

  /** Answers kept until the store changes (sparql.cache-bytes), by query, dataset and type. */
  private final KeptAnswers<Kept> answers;

  @GET
  public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
    SparqlRequest request = SparqlRequest.fromGet(uri.getQueryParameters());
    if (request == null) {
      return Response.ok((StreamingOutput) out -> EndpointPage.render(settings, urls, out))
          .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
          .build();
    }
    return answer(request, headers.getAcceptableMediaTypes());
  }

  @POST
  public Response post(
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream in)
      throws IOException {
    int max = settings.get(Settings.SPARQL_MAX_BODY_BYTES);
    byte[] body = in == null ? new byte[0] : in.readNBytes(max + 1);
    if (body.length > max) {
      throw new SparqlException(
          SparqlError.TOO_LARGE, "the request body is larger than " + max + " bytes");
    }
    SparqlRequest request = SparqlRequest.fromPost(contentType, body, uri.getQueryParameters());
    return answer(request, headers.getAcceptableMediaTypes());
  }

  private Response answer(SparqlRequest request, List<MediaType> acceptable) {
    // Parsed before it waits for a turn: a query that cannot be read is refused (400) at once.
    SparqlQuery query = SparqlQuery.parse(request, urls.sparql());
    ResultFormat.Offer<?> offer = offer(query.form(), acceptable);
    RdfStore store = linkedData.store();
    // The version is read before the store is: an answer kept is never older than its version.
    long version = store.version();
    Kept key = version < 0 ? null : new Kept(request, offer.type());
    byte[] kept = answers.get(key, version);
    if (kept != null) {
      metrics.sparqlQuery();
      return ok(offer.type(), kept);
    }
    if (!turn(running, settings.get(Settings.SPARQL_WAIT_SECONDS))) {
      throw new SparqlException(
          SparqlError.BUSY,
          "the endpoint is answering as many queries as it may at once; try again shortly");
    }
    try {
      metrics.sparqlQuery();
      // Another client may have asked the same while this one waited for its turn.
      byte[] body = answers.get(key, version);
      if (body == null) {
        body = evaluate(store, query, offer);
        if (body.length <= MAX_KEPT_BYTES) {
          answers.put(key, version, body);
        }
      }
      return ok(offer.type(), body);
    } catch (SparqlException e) {
      if (e.error() == SparqlError.TIMEOUT) {
        metrics.sparqlTimeout();
      }
      throw e;
    } finally {
      running.release();
    }
  }

  /** A place among the queries evaluated at once, waited for at most this long. */
  private static boolean turn(Semaphore places, int waitSeconds) {
    try {
      return places.tryAcquire(waitSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The format the answer will have, chosen before the query runs (406 at once). */
  private static ResultFormat.Offer<?> offer(SparqlQuery.Form form, List<MediaType> acceptable) {
    return switch (form) {
      case TUPLE -> chosen(acceptable, ResultFormat.TUPLE, "SELECT");
      case BOOLEAN -> chosen(acceptable, ResultFormat.BOOLEAN, "ASK");
      case GRAPH -> chosen(acceptable, ResultFormat.GRAPH, "CONSTRUCT and DESCRIBE");
    };
  }

  /**
   * Runs the query and writes its answer in the format chosen for its form ({@link #offer}). The
   * answer is bounded (sparql.max-results), so it is written whole before it is sent: it can then
   * be kept, and a failure while writing is still answered as an error rather than a cut-off body.
   */
  private byte[] evaluate(RdfStore store, SparqlQuery query, ResultFormat.Offer<?> offer) {
    int timeout = settings.get(Settings.SPARQL_TIMEOUT_SECONDS);
    int max = settings.get(Settings.SPARQL_MAX_RESULTS);
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    switch (query.form()) {
      case TUPLE -> {
        SparqlQuery.Table table = query.table(store, timeout, max);
        TupleQueryResultWriter w =
            QueryResultIO.createTupleWriter((TupleQueryResultFormat) offer.format(), out);
        w.startQueryResult(table.names());
        for (BindingSet row : table.rows()) {
          w.handleSolution(row);
        }
        w.endQueryResult();
      }
      case BOOLEAN -> {
        boolean answer = query.ask(store, timeout);
        QueryResultIO.createBooleanWriter((BooleanQueryResultFormat) offer.format(), out)
            .handleBoolean(answer);
      }
      case GRAPH -> {
        SparqlQuery.Graph graph = query.graph(store, timeout, max);
        RDFWriter w = ((RdfFormat) offer.format()).writer(out, false);
        graph.statements().forEach(w::handleStatement);
        w.endRDF();
      }
    }
    return out.toByteArray();
  }

  private static <F> ResultFormat.Offer<F> chosen(
      List<MediaType> acceptable, List<ResultFormat.Offer<F>> offers, String form) {
    return ResultFormat.choose(acceptable, offers)
        .orElseThrow(
            () ->
                new SparqlException(
                    SparqlError.NOT_ACCEPTABLE,
                    form + " answers are available as " + ResultFormat.names(offers)));
  }

  private static Response ok(MediaType type, byte[] body) {
    MediaType withCharset =
        type.getType().equals("text")
                || type.getSubtype().endsWith("xml")
                || type.getSubtype().endsWith("json")
            ? type.withCharset("utf-8")
            : type;
    return Response.ok(body, withCharset).header("Vary", "Accept").build();
  }

  /** The prefixes the endpoint page suggests. */
  static List<Namespace> prefixes() {
    return Vocab.NAMESPACES;
  }
}
