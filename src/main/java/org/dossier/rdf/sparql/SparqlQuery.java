package org.dossier.rdf.sparql;

import java.util.ArrayList;
import java.util.List;
import org.dossier.rdf.Evaluation;
import org.dossier.rdf.RdfStore;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.BooleanQuery;
import org.eclipse.rdf4j.query.GraphQuery;
import org.eclipse.rdf4j.query.GraphQueryResult;
import org.eclipse.rdf4j.query.MalformedQueryException;
import org.eclipse.rdf4j.query.Query;
import org.eclipse.rdf4j.query.QueryEvaluationException;
import org.eclipse.rdf4j.query.QueryInterruptedException;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQuery;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.query.algebra.Service;
import org.eclipse.rdf4j.query.algebra.helpers.AbstractQueryModelVisitor;
import org.eclipse.rdf4j.query.impl.SimpleDataset;
import org.eclipse.rdf4j.query.parser.ParsedBooleanQuery;
import org.eclipse.rdf4j.query.parser.ParsedGraphQuery;
import org.eclipse.rdf4j.query.parser.ParsedQuery;
import org.eclipse.rdf4j.query.parser.ParsedTupleQuery;
import org.eclipse.rdf4j.query.parser.QueryParserUtil;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryException;

/**
 * One query, parsed and checked at the edge, then evaluated against the store within the time limit
 * into an in-memory answer of at most {@code maxResults} rows or triples, so that a timeout or an
 * oversized answer is reported as an error before any byte of a result is sent.
 */
final class SparqlQuery {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SparqlQuery.class);

  /** The query forms, as the answer formats group them. */
  enum Form {
    TUPLE,
    BOOLEAN,
    GRAPH
  }

  private final SparqlRequest request;
  private final String baseUri;
  private final Form form;

  private SparqlQuery(SparqlRequest request, String baseUri, Form form) {
    this.request = request;
    this.baseUri = baseUri;
    this.form = form;
  }

  /**
   * Parses the query of a request.
   *
   * @throws SparqlException 400 with the parser's message for a malformed query, 403 for an update
   */
  static SparqlQuery parse(SparqlRequest request, String baseUri) {
    ParsedQuery parsed;
    try {
      parsed = QueryParserUtil.parseQuery(QueryLanguage.SPARQL, request.query(), baseUri);
    } catch (MalformedQueryException e) {
      if (isUpdate(request.query(), baseUri)) {
        throw SparqlRequest.readOnly();
      }
      throw new SparqlException(
          SparqlError.MALFORMED_QUERY, "the query is not valid SPARQL 1.1: " + e.getMessage());
    }
    boolean[] federated = {false};
    parsed
        .getTupleExpr()
        .visit(
            new AbstractQueryModelVisitor<RuntimeException>() {
              @Override
              public void meet(Service node) {
                federated[0] = true;
              }
            });
    if (federated[0]) {
      throw new SparqlException(
          SparqlError.FEDERATION_REFUSED,
          "SERVICE (federated query) is not available on this endpoint; query the other endpoint yourself");
    }
    Form form;
    if (parsed instanceof ParsedTupleQuery) {
      form = Form.TUPLE;
    } else if (parsed instanceof ParsedBooleanQuery) {
      form = Form.BOOLEAN;
    } else if (parsed instanceof ParsedGraphQuery) {
      form = Form.GRAPH;
    } else {
      throw new SparqlException(SparqlError.MALFORMED_QUERY, "unsupported query form");
    }
    return new SparqlQuery(request, baseUri, form);
  }

  private static boolean isUpdate(String text, String baseUri) {
    try {
      QueryParserUtil.parseUpdate(QueryLanguage.SPARQL, text, baseUri);
      return true;
    } catch (MalformedQueryException | IllegalArgumentException e) {
      return false;
    }
  }

  Form form() {
    return form;
  }

  /** A SELECT answer held in memory. */
  record Table(List<String> names, List<BindingSet> rows) {}

  /** A CONSTRUCT or DESCRIBE answer held in memory. */
  record Graph(List<Statement> statements) {}

  Table table(RdfStore store, int timeoutSeconds, int maxResults) {
    return run(
        store,
        timeoutSeconds,
        c -> {
          TupleQuery q = (TupleQuery) prepare(c, timeoutSeconds);
          try (TupleQueryResult r = q.evaluate()) {
            List<BindingSet> rows = new ArrayList<>();
            for (BindingSet b : r) {
              if (rows.size() == maxResults) {
                throw tooMany(maxResults, "rows");
              }
              rows.add(b);
            }
            return new Table(r.getBindingNames(), rows);
          }
        });
  }

  boolean ask(RdfStore store, int timeoutSeconds) {
    return run(store, timeoutSeconds, c -> ((BooleanQuery) prepare(c, timeoutSeconds)).evaluate());
  }

  Graph graph(RdfStore store, int timeoutSeconds, int maxResults) {
    return run(
        store,
        timeoutSeconds,
        c -> {
          GraphQuery q = (GraphQuery) prepare(c, timeoutSeconds);
          try (GraphQueryResult r = q.evaluate()) {
            List<Statement> statements = new ArrayList<>();
            for (Statement s : r) {
              if (statements.size() == maxResults) {
                throw tooMany(maxResults, "triples");
              }
              statements.add(s);
            }
            return new Graph(statements);
          }
        });
  }

  private Query prepare(RepositoryConnection c, int timeoutSeconds) {
    Query q = c.prepareQuery(QueryLanguage.SPARQL, request.query(), baseUri);
    q.setMaxExecutionTime(timeoutSeconds);
    // 2.1.4: a dataset given by the protocol takes the place of any FROM / FROM NAMED of the query.
    if (!request.defaultGraphs().isEmpty() || !request.namedGraphs().isEmpty()) {
      SimpleDataset dataset = new SimpleDataset();
      SimpleValueFactory vf = SimpleValueFactory.getInstance();
      for (String g : request.defaultGraphs()) {
        dataset.addDefaultGraph(vf.createIRI(checkedIri(g, "default-graph-uri")));
      }
      for (String g : request.namedGraphs()) {
        dataset.addNamedGraph(vf.createIRI(checkedIri(g, "named-graph-uri")));
      }
      q.setDataset(dataset);
    }
    return q;
  }

  private static String checkedIri(String text, String parameter) {
    try {
      if (!java.net.URI.create(text).isAbsolute()) {
        throw new IllegalArgumentException("not absolute");
      }
      return text;
    } catch (IllegalArgumentException e) {
      throw new SparqlException(
          SparqlError.BAD_REQUEST, parameter + " '" + text + "' is not an absolute IRI");
    }
  }

  private interface Work<T> {
    T run(RepositoryConnection c);
  }

  @SuppressWarnings("try") // the deadline is in force while open; nothing reads it here
  private <T> T run(RdfStore store, int timeoutSeconds, Work<T> work) {
    // The deadline reaches the statement reads of an aggregation, which rdf4j's own maximum
    // execution time (set on the query as well, for remote stores) does not stop.
    try (Evaluation.Deadline deadline = Evaluation.deadline(timeoutSeconds);
        RepositoryConnection c = store.connection()) {
      return work.run(c);
    } catch (QueryInterruptedException e) {
      throw timeout(timeoutSeconds);
    } catch (QueryEvaluationException | RepositoryException e) {
      if (isInterruption(e)) {
        throw timeout(timeoutSeconds);
      }
      // What the store says may name its files, hosts or internals: logged, never shown.
      if (e instanceof RepositoryException || isUnreachable(e)) {
        LOG.warn("SPARQL: the RDF store could not answer", e);
        throw new SparqlException(
            SparqlError.STORE_UNAVAILABLE, "the RDF store cannot answer now; try again shortly");
      }
      LOG.error("SPARQL: the query failed in the store", e);
      throw new SparqlException(
          SparqlError.STORE_FAILED, "the query could not be evaluated; the error has been logged");
    }
  }

  /** A remote store that cannot be reached (refused, reset, unknown host): worth a retry later. */
  private static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInterruption(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // a remote store that does not answer in time: the client's read times out
      if (t instanceof QueryInterruptedException
          || t instanceof InterruptedException
          || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static SparqlException timeout(int seconds) {
    return new SparqlException(
        SparqlError.TIMEOUT,
        "the query ran for longer than "
            + seconds
            + " s, the limit of this endpoint, and was stopped. Narrow it (more specific patterns, LIMIT) or use the dumps under /dumps/.");
  }

  private static SparqlException tooMany(int max, String what) {
    return new SparqlException(
        SparqlError.TOO_MANY_RESULTS,
        "the answer has more than "
            + max
            + " "
            + what
            + ", the limit of this endpoint. Add LIMIT (and OFFSET to page through it) or use the dumps under /dumps/.");
  }
}
