package org.dossier.rdf.sparql;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.dossier.rdf.web.RdfFormat;
import org.eclipse.rdf4j.query.resultio.BooleanQueryResultFormat;
import org.eclipse.rdf4j.query.resultio.TupleQueryResultFormat;

/**
 * The answer formats of the endpoint by query form, chosen by {@code Accept} (SPARQL 1.1 Protocol
 * 2.1.6): SELECT as SPARQL JSON, XML, CSV or TSV; ASK as JSON or XML; CONSTRUCT and DESCRIBE as
 * Turtle, JSON-LD, RDF/XML or N-Triples. The first of each list is the default.
 */
final class ResultFormat {
  private ResultFormat() {}

  /** A media type a client may ask for, and the format that answers it. */
  record Offer<F>(MediaType type, F format) {}

  static final List<Offer<TupleQueryResultFormat>> TUPLE =
      List.of(
          offer("application/sparql-results+json", TupleQueryResultFormat.JSON),
          offer("application/sparql-results+xml", TupleQueryResultFormat.SPARQL),
          offer("text/csv", TupleQueryResultFormat.CSV),
          offer("text/tab-separated-values", TupleQueryResultFormat.TSV),
          offer("application/json", TupleQueryResultFormat.JSON),
          offer("application/xml", TupleQueryResultFormat.SPARQL),
          offer("text/xml", TupleQueryResultFormat.SPARQL));

  static final List<Offer<BooleanQueryResultFormat>> BOOLEAN =
      List.of(
          offer("application/sparql-results+json", BooleanQueryResultFormat.JSON),
          offer("application/sparql-results+xml", BooleanQueryResultFormat.SPARQL),
          offer("application/json", BooleanQueryResultFormat.JSON),
          offer("application/xml", BooleanQueryResultFormat.SPARQL),
          offer("text/xml", BooleanQueryResultFormat.SPARQL));

  static final List<Offer<RdfFormat>> GRAPH =
      List.of(
          offer("text/turtle", RdfFormat.TURTLE),
          offer("application/ld+json", RdfFormat.JSONLD),
          offer("application/rdf+xml", RdfFormat.RDFXML),
          offer("application/n-triples", RdfFormat.NTRIPLES),
          offer("text/plain", RdfFormat.NTRIPLES),
          offer("application/x-turtle", RdfFormat.TURTLE));

  private static <F> Offer<F> offer(String type, F format) {
    return new Offer<>(MediaType.valueOf(type), format);
  }

  /**
   * The offer that best meets the acceptable types, which come sorted by preference (quality, then
   * specificity); a wildcard takes the default.
   */
  static <F> Optional<Offer<F>> choose(List<MediaType> acceptable, List<Offer<F>> offers) {
    if (acceptable.isEmpty()) {
      return Optional.of(offers.get(0));
    }
    for (MediaType wanted : acceptable) {
      if ("0".equals(wanted.getParameters().get("q"))
          || "0.0".equals(wanted.getParameters().get("q"))) {
        continue;
      }
      for (Offer<F> offer : offers) {
        if (wanted.isCompatible(offer.type())) {
          return Optional.of(offer);
        }
      }
    }
    return Optional.empty();
  }

  static String names(List<? extends Offer<?>> offers) {
    return String.join(", ", offers.stream().map(o -> o.type().toString()).distinct().toList());
  }
}
