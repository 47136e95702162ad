package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.config.Settings;
import org.dossier.projection.Lag;
import org.dossier.projection.ProjectionFollower;
import org.dossier.rdf.Projector;
import org.dossier.rdf.RdfStore;
import org.dossier.rdf.RecordRdf;
import org.dossier.rdf.Uris;
import org.dossier.rdf.Vocab;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchQuery;
import org.dossier.testing.Fixtures;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real search index and RDF store (LMDB) under one follower of a real catalog, as a server and
 * the commands open them.
 */
class DerivedStoresTest {
  static final String BASE = "http://archive.example.org";
  @TempDir Path dir;
  Catalog catalog;
  int written;

  @BeforeEach
  void open() {
    catalog = Catalog.openSqlite(dir, 2);
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  Settings settings(String... pairs) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                Settings.DATA_DIR.key(),
                dir.toString(),
                // Lanes move when woken or at start: the tests decide when.
                Settings.PROJECTION_POLL_MILLIS.key(),
                "3600000",
                // Opened stores are current unless a test asks for the background start.
                Settings.PROJECTION_STARTUP.key(),
                "catch-up"));
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return Settings.load(null, Map.of(), values);
  }

  /**
   * Writes n new records titled "Okapi report", in one transaction: change-log entries written+1 ..
   * written+n.
   */
  void write(int n) {
    try (CatalogWriter w = catalog.writer()) {
      for (int i = 0; i < n; i++) {
        w.put(
            Fixtures.record(String.format("r%05d", ++written))
                .title("Okapi report " + written)
                .build());
      }
      w.commit();
    }
  }

  static long records(RdfStore store) {
    try (RepositoryConnection c = store.connection()) {
      return c.getStatements(null, RDF.TYPE, Vocab.EDM_PROVIDED_CHO, false).stream().count();
    }
  }

  static long rdfSeq(RdfStore store) {
    try (RepositoryConnection c = store.connection()) {
      return store.state(c).seq();
    }
  }

  @Test
  void oneFollowerKeepsTheSearchIndexAndTheRdfStoreInStep() {
    write(3);
    try (DerivedStores stores = new DerivedStores(settings())) {
      stores.open(catalog, BASE);
      assertEquals(List.of("search", "rdf", "oai"), stores.lag().stream().map(Lag::name).toList());
      // The start does not wait for the OAI renditions: requests render what they lack.
      assertTrue(stores.follower().awaitCurrent(stores.oaiRenditions(), 100));
      assertTrue(
          stores.lag().stream().allMatch(l -> l.appliedSeq() == 3 && l.current()),
          stores.lag().toString());
      assertEquals(3, stores.searchIndex().search(SearchQuery.words("okapi", 10)).total());

      write(2);
      try (CatalogWriter w = catalog.writer()) {
        w.delete("r00001");
        w.commit();
      }
      assertTrue(
          stores.lag().stream().allMatch(l -> l.changesBehind() == 3),
          "the lag shows: " + stores.lag());
      ProjectionFollower follower = stores.follower();
      assertTrue(
          stores.searchIndex().catchUpIfSmall(catalog, 100), "a page wakes the follower and waits");
      assertTrue(follower.awaitCurrent(stores.linkedData().projector(), 100));
      assertEquals(4, stores.searchIndex().search(SearchQuery.words("okapi", 10)).total());
      assertEquals(4, records(stores.linkedData().store()));
      Uris uris = stores.linkedData().uris();
      try (RepositoryConnection c = stores.linkedData().store().connection()) {
        assertFalse(
            c.hasStatement(uris.record("r00001"), null, null, false),
            "the deleted record's graph is gone");
        assertTrue(c.hasStatement(uris.record("r00005"), null, null, false));
      }
      assertTrue(follower.awaitCurrent(stores.oaiRenditions(), 100));
      assertTrue(stores.lag().stream().allMatch(Lag::current), stores.lag().toString());
    }
  }

  /**
   * Closing while both stores catch up a backlog: each lane finishes its batch and no thread is
   * interrupted, so both stores reopen cleanly, at a batch boundary, holding exactly the records of
   * the batches they applied, and catch up the rest from there.
   */
  @Test
  void closingDuringACatchUpLeavesBothStoresWholeAtABatchBoundary() throws Exception {
    write(5000);
    Settings settings =
        settings(
            Settings.PROJECTION_BATCH_SIZE.key(),
            "100",
            Settings.PROJECTION_STARTUP.key(),
            "background");
    DerivedStores stores = new DerivedStores(settings);
    stores.open(catalog, BASE);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (stores.linkedData().projector().appliedSeq() == 0) {
      assertTrue(
          System.nanoTime() < deadline, "the RDF store applied a first batch within a minute");
      Thread.sleep(5);
    }
    List<Lag> atClose = stores.lag();
    assertTrue(
        atClose.stream().anyMatch(l -> l.changesBehind() > 0),
        "closed during the catch-up: " + atClose);
    stores.close();

    try (SearchIndex index = SearchIndex.open(dir.resolve("search"))) {
      long seq = index.appliedSeq();
      assertEquals(0, seq % 100, "the index committed whole batches: " + seq);
      assertEquals(seq, index.size(), "the index holds the records of the batches it committed");
      index.catchUp(catalog);
      assertEquals(5000, index.size());
    }
    try (RdfStore store = RdfStore.open(settings)) {
      long seq = rdfSeq(store);
      assertTrue(seq > 0 && seq % 100 == 0, "the RDF store applied whole batches: " + seq);
      assertEquals(
          seq, records(store), "the RDF store holds the records of the batches it applied");
      new Projector(catalog, store, new RecordRdf(new Uris(BASE), "Test Archive")).catchUp();
      assertEquals(5000, records(store));
    }
  }

  @Test
  void commandsCatchUpTheStoresTheyCanTakeAndRebuildThem() {
    write(4);
    Settings settings = settings();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DerivedStores.catchUp(settings, catalog, new PrintStream(out, true, StandardCharsets.UTF_8));
    String said = out.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("search: applied 4 change(s), up to change 4"), said);
    assertTrue(said.contains("rdf: applied 4 change(s), up to change 4"), said);

    try (CatalogWriter w = catalog.writer()) {
      w.delete("r00002");
      w.commit();
    }
    out.reset();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertTrue(
        DerivedStores.rebuild(
            settings,
            catalog,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)),
        err.toString(StandardCharsets.UTF_8));
    said = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        said.contains("rebuilt: search, up to change 5")
            && said.contains("rebuilt: rdf, up to change 5"),
        said);
    try (SearchIndex index = SearchIndex.open(dir.resolve("search"))) {
      assertEquals(3, index.size());
    }
    try (RdfStore store = RdfStore.open(settings)) {
      assertEquals(3, records(store));
    }
  }

  /**
   * The case that once deleted a running server's index: an RDF store without a lock (memory), so
   * only the search index's own lock stands between a rebuild and the server's files.
   */
  @Test
  void aRebuildWhileAServerHoldsTheStoresChangesNothing() throws Exception {
    write(6);
    Settings settings = settings(Settings.RDF_STORE.key(), "memory");
    try (DerivedStores server = new DerivedStores(settings)) {
      server.open(catalog, BASE);
      Map<String, String> files = files(dir.resolve("search"));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertFalse(
          DerivedStores.rebuild(
              settings,
              catalog,
              new PrintStream(
                  java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8)));
      assertTrue(
          err.toString(StandardCharsets.UTF_8).contains("is in use by another Dossier process"),
          err.toString(StandardCharsets.UTF_8));
      assertEquals(
          files, files(dir.resolve("search")), "no file of the index was deleted or changed");
      assertEquals(6, server.searchIndex().search(SearchQuery.words("okapi", 10)).total());
      write(1);
      assertTrue(
          server.searchIndex().catchUpIfSmall(catalog, 10),
          "the server's index still takes changes");
      assertEquals(7, server.searchIndex().size());
    }
  }

  /**
   * Each file of a directory with a digest of its content (a rebuilt index has new segment ids).
   */
  static Map<String, String> files(Path directory) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    try (var list = Files.list(directory)) {
      for (Path p : list.toList()) {
        byte[] digest =
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        digests.put(p.getFileName().toString(), java.util.HexFormat.of().formatHex(digest));
      }
    }
    return digests;
  }
}
