package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.memory.MemoryStore;
import org.junit.jupiter.api.Test;

class TotalOrderTest {
  private static final ValueFactory VF = SimpleValueFactory.getInstance();

  /** Dates of the archive's three precisions, and other kinds of term, in a random order. */
  private static List<Value> mixed(Random random, int n) {
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int year = 1945 + random.nextInt(47);
      int month = 1 + random.nextInt(12);
      values.add(
          switch (random.nextInt(8)) {
            case 0 -> VF.createLiteral(String.format("%04d", year), XSD.GYEAR);
            case 1 -> VF.createLiteral(String.format("%04d-%02d", year, month), XSD.GYEARMONTH);
            case 2 -> VF.createLiteral(random.nextInt(1000));
            case 3 -> VF.createLiteral(random.nextDouble() * 1000);
            case 4 -> VF.createLiteral("word " + random.nextInt(100), "en");
            case 5 -> VF.createIRI("https://example.org/" + random.nextInt(100));
            default ->
                VF.createLiteral(
                    String.format("%04d-%02d-%02d", year, month, 1 + random.nextInt(28)), XSD.DATE);
          });
    }
    return values;
  }

  @Test
  void theOrderIsTransitiveAndAntisymmetricOverMixedKinds() {
    TotalOrder order = new TotalOrder();
    List<Value> values = mixed(new Random(3), 300);
    for (Value a : values) {
      for (Value b : values) {
        assertEquals(
            Integer.signum(order.compare(a, b)), -Integer.signum(order.compare(b, a)), a + " " + b);
        if (order.compare(a, b) < 0) {
          for (int k = 0; k < 20; k++) {
            Value c = values.get(k);
            if (order.compare(b, c) < 0) {
              assertTrue(order.compare(a, c) < 0, a + " < " + b + " < " + c);
            }
          }
        }
      }
    }
  }

  @Test
  void orderByOverDatesOfMixedPrecisionSortsThemChronologically() {
    MemoryStore store = new MemoryStore();
    store.setEvaluationStrategyFactory(new Evaluation.Factory(store.getFederatedServiceResolver()));
    SailRepository repository = new SailRepository(store);
    try (RepositoryConnection c = repository.getConnection()) {
      IRI date = VF.createIRI("http://purl.org/dc/terms/date");
      Random random = new Random(5);
      int n = 5_000;
      for (int i = 0; i < n; i++) {
        int year = 1945 + random.nextInt(47);
        int month = 1 + random.nextInt(12);
        Literal d =
            switch (random.nextInt(3)) {
              case 0 -> VF.createLiteral(String.format("%04d", year), XSD.GYEAR);
              case 1 -> VF.createLiteral(String.format("%04d-%02d", year, month), XSD.GYEARMONTH);
              default ->
                  VF.createLiteral(
                      String.format("%04d-%02d-%02d", year, month, 1 + random.nextInt(28)),
                      XSD.DATE);
            };
        c.add(VF.createIRI("https://example.org/r" + i), date, d);
      }
      List<String> sorted = new ArrayList<>();
      try (TupleQueryResult r =
          c.prepareTupleQuery(
                  "SELECT ?d WHERE { ?r <http://purl.org/dc/terms/date> ?d } ORDER BY ?d")
              .evaluate()) {
        for (BindingSet b : r) {
          sorted.add(b.getValue("d").stringValue());
        }
      }
      assertEquals(n, sorted.size());
      List<String> expected = new ArrayList<>(sorted);
      expected.sort(null);
      assertEquals(expected, sorted, "ISO dates of any precision, in chronological order");
    } finally {
      repository.shutDown();
    }
  }
}
