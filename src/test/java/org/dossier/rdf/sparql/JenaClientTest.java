package org.dossier.rdf.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A third-party client, Apache Jena's ARQ, queries /sparql over HTTP and gets the answers a direct
 * query of the repository gives.
 */
class JenaClientTest {
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static final List<String> QUERIES =
      List.of(
          "SELECT ?r ?title ?date WHERE { ?r <http://purl.org/dc/terms/title> ?title ; <http://purl.org/dc/terms/date> ?date } ORDER BY ?r",
          "SELECT ?name (COUNT(?r) AS ?n) WHERE { ?r <http://schema.org/mentions> ?p . ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } GROUP BY ?name ORDER BY DESC(?n) ?name",
          "SELECT ?page ?w ?h WHERE { ?page a <http://www.europeana.eu/schemas/edm/WebResource> ; <http://www.ebu.ch/metadata/ontologies/ebucore/ebucore#width> ?w ; <http://www.ebu.ch/metadata/ontologies/ebucore/ebucore#height> ?h } ORDER BY ?page",
          "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g");

  @Test
  void jenaOverHttpGetsTheSameAnswersAsTheRepository() {
    String endpoint = "http://127.0.0.1:" + server.server().port() + "/sparql";
    for (String q : QUERIES) {
      List<Map<String, String>> viaJena = new ArrayList<>();
      try (QueryExecutionHTTP exec = QueryExecutionHTTP.service(endpoint).query(q).build()) {
        ResultSet rs = exec.execSelect();
        while (rs.hasNext()) {
          QuerySolution s = rs.next();
          Map<String, String> row = new HashMap<>();
          s.varNames().forEachRemaining(v -> row.put(v, jena(s.get(v))));
          viaJena.add(row);
        }
      }
      List<Map<String, String>> direct = new ArrayList<>();
      try (RepositoryConnection c = server.server().linkedData().store().connection();
          TupleQueryResult r = c.prepareTupleQuery(QueryLanguage.SPARQL, q).evaluate()) {
        for (BindingSet b : r) {
          Map<String, String> row = new HashMap<>();
          b.forEach(binding -> row.put(binding.getName(), rdf4j(binding.getValue())));
          direct.add(row);
        }
      }
      assertFalse(direct.isEmpty(), q);
      assertEquals(direct, viaJena, q);
    }
  }

  @Test
  void jenaReadsAskAndConstructAnswers() {
    String endpoint = "http://127.0.0.1:" + server.server().port() + "/sparql";
    try (QueryExecutionHTTP exec =
        QueryExecutionHTTP.service(endpoint)
            .query("ASK { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> \"Stalin\" }")
            .build()) {
      assertTrue(exec.execAsk());
    }
    try (QueryExecutionHTTP exec =
        QueryExecutionHTTP.service(endpoint)
            .query(
                "CONSTRUCT { ?p a <http://schema.org/Person> } WHERE { ?p a <http://schema.org/Person> }")
            .build()) {
      long people = exec.execConstruct().size();
      try (RepositoryConnection c = server.server().linkedData().store().connection()) {
        assertEquals(
            c
                .getStatements(
                    null,
                    org.eclipse.rdf4j.model.vocabulary.RDF.TYPE,
                    org.dossier.rdf.Vocab.SCHEMA_PERSON,
                    false)
                .stream()
                .count(),
            people);
      }
    }
  }

  private static String jena(RDFNode n) {
    if (n.isURIResource()) {
      return "<" + n.asResource().getURI() + ">";
    }
    Literal l = n.asLiteral();
    return "\""
        + l.getLexicalForm()
        + "\"^^"
        + l.getDatatypeURI()
        + (l.getLanguage().isEmpty() ? "" : "@" + l.getLanguage());
  }

  private static String rdf4j(Value v) {
    if (v.isIRI()) {
      return "<" + v.stringValue() + ">";
    }
    org.eclipse.rdf4j.model.Literal l = (org.eclipse.rdf4j.model.Literal) v;
    return "\""
        + l.getLabel()
        + "\"^^"
        + l.getDatatype().stringValue()
        + l.getLanguage().map(x -> "@" + x).orElse("");
  }
}
