package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dossier.catalog.ArchiveDate;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Change;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordText;
import org.dossier.testing.Fixtures;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.memory.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projection's behaviour, the same for every kind of store: each implementation gives a fresh,
 * empty store. Compared through SPARQL, so that a remote store is read the same way as a local one.
 */
abstract class ProjectionContract {
  static final String BASE = "http://archive.example.org";
  @TempDir Path dir;
  Catalog catalog;
  RdfStore store;
  Projector projector;
  final Uris uris = new Uris(BASE);

  /** A fresh, empty store of the kind under test. */
  abstract RdfStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    catalog = Catalog.openSqlite(dir, 2);
    store = newStore();
    projector = new Projector(catalog, store, new RecordRdf(uris, "Test Archive"));
  }

  @AfterEach
  void close() {
    store.close();
    catalog.close();
  }

  static Record record(
      String id, String title, List<String> people, List<String> places, String... collections) {
    return new Record(
        id,
        title,
        ArchiveDate.parse("1950-04"),
        "Summary of " + id,
        "telegram",
        List.of("en"),
        people,
        places,
        List.of("Korean War"),
        "Source " + id,
        null,
        "http://rightsstatements.org/vocab/InC/1.0/",
        List.of(collections),
        List.of(
            new Page("t/" + id + "-1.jpg", 100, 140, "p. 1"),
            new Page("t/" + id + "-2.jpg", 100, 140, null)),
        null,
        false);
  }

  void put(Record... records) {
    try (CatalogWriter w = catalog.writer()) {
      if (!w.hasCollection("c1")) {
        w.put(Fixtures.collection("c1"));
      }
      for (Record r : records) {
        w.put(r);
      }
      w.commit();
    }
  }

  void delete(String id) {
    try (CatalogWriter w = catalog.writer()) {
      assertTrue(w.delete(id));
      w.commit();
    }
  }

  /** Every quad of the store except the projection's bookkeeping, in a canonical order. */
  static Set<String> quads(RdfStore store) {
    Set<String> quads = new TreeSet<>();
    try (RepositoryConnection c = store.connection();
        TupleQueryResult r =
            c.prepareTupleQuery(
                    QueryLanguage.SPARQL,
                    "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <urn:dossier:projection>) }")
                .evaluate()) {
      for (BindingSet b : r) {
        quads.add(
            b.getValue("g")
                + " "
                + b.getValue("s")
                + " "
                + b.getValue("p")
                + " "
                + b.getValue("o"));
      }
    }
    return quads;
  }

  boolean has(IRI s, IRI p, org.eclipse.rdf4j.model.Value o) {
    try (RepositoryConnection c = store.connection()) {
      return c.prepareBooleanQuery(
              QueryLanguage.SPARQL,
              "ASK { GRAPH ?g { " + nt(s) + " " + nt(p) + " " + nt(o) + " } }")
          .evaluate();
    }
  }

  boolean graphExists(IRI g) {
    try (RepositoryConnection c = store.connection()) {
      return c.prepareBooleanQuery(QueryLanguage.SPARQL, "ASK { GRAPH " + nt(g) + " { ?s ?p ?o } }")
          .evaluate();
    }
  }

  static String nt(org.eclipse.rdf4j.model.Value v) {
    return org.eclipse.rdf4j.rio.helpers.NTriplesUtil.toNTriplesString(v);
  }

  /**
   * Queries run while the projection writes to a store shared with them, are not held up by it, and
   * see the store as it was after some whole batch: never a batch half written.
   */
  void queriesSeeWholeBatchesWhileTheProjectionWrites() throws Exception {
    store.share();
    int n = 5 * Projector.BATCH;
    Record[] records = new Record[n];
    for (int i = 0; i < n; i++) {
      records[i] =
          record(
              "r" + i,
              "Record " + i,
              List.of("Person " + (i % 50)),
              List.of("Place " + (i % 7)),
              "c1");
    }
    put(records);
    // The record counts a reader may see: those after each batch of the change log.
    Set<Long> boundaries = new TreeSet<>(List.of(0L));
    long seen = 0;
    for (List<Change> batch = catalog.changesSince(0, Projector.BATCH);
        !batch.isEmpty();
        batch = catalog.changesSince(batch.get(batch.size() - 1).seq(), Projector.BATCH)) {
      seen += batch.stream().filter(ch -> ch.entity() == Change.Entity.RECORD).count();
      boundaries.add(seen);
    }
    java.util.concurrent.CompletableFuture<Projector.Result> writing =
        java.util.concurrent.CompletableFuture.supplyAsync(projector::catchUp);
    List<Long> counts = new java.util.ArrayList<>();
    while (!writing.isDone()) {
      try (RepositoryConnection c = store.connection();
          TupleQueryResult r =
              c.prepareTupleQuery(
                      QueryLanguage.SPARQL,
                      "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <http://www.europeana.eu/schemas/edm/ProvidedCHO> }")
                  .evaluate()) {
        long count = ((org.eclipse.rdf4j.model.Literal) r.next().getValue("n")).longValue();
        if (!writing.isDone()) {
          counts.add(count);
        }
      }
    }
    assertEquals(n, writing.get().records());
    assertTrue(
        counts.stream().anyMatch(c -> c > 0 && c < n),
        "some query was answered between two batches, not only before or after the writing: "
            + counts);
    for (long count : counts) {
      assertTrue(
          boundaries.contains(count),
          count + " records seen: not the state after a whole batch " + boundaries);
    }
  }

  @Test
  void everyRecordGetsAGraphAndTheThingsItNamesGraphsOfTheirOwn() {
    put(
        record("a", "Alpha", List.of("Kim Il Sung", "Stalin"), List.of("Pyongyang"), "c1"),
        record("b", "Beta", List.of("Kim Il Sung"), List.of(), "c1"));
    Projector.Result r = projector.catchUp();
    assertEquals(2, r.records());
    assertTrue(graphExists(uris.record("a")));
    assertTrue(graphExists(uris.person("Stalin")));
    assertTrue(graphExists(uris.place("Pyongyang")));
    assertTrue(graphExists(uris.subject("Korean War")));
    assertTrue(graphExists(uris.type("telegram")));
    assertTrue(graphExists(uris.collection("c1")));
    assertTrue(
        has(uris.person("Kim Il Sung"), SKOS.PREF_LABEL, Vocab.VF.createLiteral("Kim Il Sung")));
    assertEquals(0, projector.catchUp().changes(), "a second catch-up has nothing to do");
  }

  @Test
  void triplesFollowUpdatesAndDeletions() {
    put(
        record("a", "Alpha", List.of("Kim Il Sung", "Stalin"), List.of("Pyongyang"), "c1"),
        record("b", "Beta", List.of("Kim Il Sung"), List.of("Moscow"), "c1"));
    projector.catchUp();
    put(record("a", "Alpha, revised", List.of("Kim Il Sung"), List.of("Pyongyang")));
    projector.catchUp();
    assertTrue(has(uris.record("a"), DCTERMS.TITLE, Vocab.VF.createLiteral("Alpha, revised")));
    assertFalse(has(uris.record("a"), DCTERMS.TITLE, Vocab.VF.createLiteral("Alpha")));
    assertFalse(has(uris.record("a"), DCTERMS.IS_PART_OF, uris.collection("c1")));
    assertFalse(graphExists(uris.person("Stalin")), "no record names Stalin any more");
    assertTrue(graphExists(uris.person("Kim Il Sung")));
    delete("b");
    projector.catchUp();
    assertFalse(graphExists(uris.record("b")));
    assertFalse(graphExists(uris.place("Moscow")));
    assertTrue(graphExists(uris.person("Kim Il Sung")), "record a still names him");
    delete("a");
    projector.catchUp();
    assertFalse(graphExists(uris.person("Kim Il Sung")));
    assertFalse(graphExists(uris.type("telegram")));
    assertTrue(graphExists(uris.collection("c1")), "collections stay while the catalog has them");
  }

  /** True when the store says anything about {@code s}, in any graph. */
  boolean described(IRI s) {
    try (RepositoryConnection c = store.connection()) {
      return c.prepareBooleanQuery(QueryLanguage.SPARQL, "ASK { GRAPH ?g { " + nt(s) + " ?p ?o } }")
          .evaluate();
    }
  }

  void putWithTexts(Record r, RecordText... texts) {
    try (CatalogWriter w = catalog.writer()) {
      if (!w.hasCollection("c1")) {
        w.put(Fixtures.collection("c1"));
      }
      w.put(r, List.of(texts), List.of());
      w.commit();
    }
  }

  @Test
  void aRecordsTextsAreLinkedResourcesThatFollowItsTextSet() {
    Record a = record("a", "Alpha", List.of("Stalin"), List.of(), "c1");
    RecordText transcript = new RecordText("transcript", "ru", "Товарищ Сталин");
    putWithTexts(a, transcript);
    projector.catchUp();
    IRI ru = uris.recordText("a", "transcript", "ru");
    IRI en = uris.recordText("a", "translation", "en");
    IRI aggregation = Vocab.VF.createIRI(uris.record("a").stringValue() + "#aggregation");
    assertTrue(has(aggregation, Vocab.EDM_HAS_VIEW, ru));
    assertTrue(has(uris.record("a"), DCTERMS.HAS_FORMAT, ru));
    assertTrue(has(ru, DCTERMS.LANGUAGE, Vocab.VF.createLiteral("ru")));
    assertTrue(has(ru, DCTERMS.FORMAT, Vocab.VF.createLiteral("text/plain")));
    assertFalse(described(en));

    // A translation is imported: both texts are linked now.
    putWithTexts(a, transcript, new RecordText("translation", "en", "Comrade Stalin"));
    projector.catchUp();
    assertTrue(has(ru, DCTERMS.TYPE, Vocab.VF.createLiteral("transcript")));
    assertTrue(has(en, DCTERMS.TYPE, Vocab.VF.createLiteral("translation")));
    assertTrue(has(uris.record("a"), Vocab.SCHEMA_WORK_TRANSLATION, en));
    assertTrue(has(en, Vocab.SCHEMA_TRANSLATION_OF_WORK, uris.record("a")));
    assertTrue(has(aggregation, Vocab.EDM_HAS_VIEW, en));
    assertTrue(
        has(en, DCTERMS.EXTENT, Vocab.VF.createLiteral("Comrade Stalin".length() + " characters")));

    // The transcript is withdrawn: nothing is said about it any more.
    putWithTexts(a, new RecordText("translation", "en", "Comrade Stalin"));
    projector.catchUp();
    assertFalse(described(ru), "the withdrawn transcript's triples are gone");
    assertFalse(has(aggregation, Vocab.EDM_HAS_VIEW, ru));
    assertTrue(described(en));
    delete("a");
    projector.catchUp();
    assertFalse(described(en), "a deleted record's texts go with it");
  }

  @Test
  void aRebuiltStoreHoldsTheSameTriplesAsOneUpdatedChangeByChange() {
    put(
        record("a", "Alpha", List.of("Kim Il Sung", "Stalin"), List.of("Pyongyang"), "c1"),
        record("b", "Beta", List.of("Kim Il Sung"), List.of("Moscow"), "c1"),
        record("c", "Gamma", List.of("Mao Zedong"), List.of("Beijing")));
    projector.catchUp();
    put(record("a", "Alpha 2", List.of("Kim Il Sung"), List.of("Pyongyang", "Seoul"), "c1"));
    projector.catchUp();
    delete("c");
    put(record("d", "Delta", List.of("Stalin"), List.of()));
    projector.catchUp();
    putWithTexts(
        record("b", "Beta", List.of("Kim Il Sung"), List.of("Moscow"), "c1"),
        new RecordText("transcript", "ko", "김일성"),
        new RecordText("translation", "en", "Kim Il Sung"));
    projector.catchUp();
    Set<String> incremental = quads(store);

    RdfStore fresh =
        RdfStore.of(RdfStore.Kind.MEMORY, new SailRepository(new MemoryStore()), "memory");
    try {
      new Projector(catalog, fresh, new RecordRdf(uris, "Test Archive")).rebuild();
      assertEquals(quads(fresh), incremental);
    } finally {
      fresh.close();
    }
    projector.rebuild();
    assertEquals(incremental, quads(store), "rebuilding in place gives the same triples too");
  }

  @Test
  void theStoreRemembersHowFarItGot() {
    put(record("a", "Alpha", List.of("Stalin"), List.of()));
    Projector.Result r = projector.catchUp();
    try (RepositoryConnection c = store.connection()) {
      assertEquals(new RdfStore.State(r.seq(), BASE), store.state(c));
    }
    assertEquals(catalog.lastChangeSeq(), r.seq());
  }

  @Test
  void aStoreProjectedForAnotherBaseUrlIsRebuilt() {
    put(record("a", "Alpha", List.of("Stalin"), List.of()));
    projector.catchUp();
    Uris moved = new Uris("https://moved.example.org");
    new Projector(catalog, store, new RecordRdf(moved, "Test Archive")).catchUp();
    assertTrue(graphExists(moved.record("a")));
    assertFalse(graphExists(uris.record("a")));
  }
}
