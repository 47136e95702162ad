package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.config.Settings;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.junit.jupiter.api.Test;

/** The projection into rdf4j's LMDB store in the data directory, the default. */
class LmdbProjectionTest extends ProjectionContract {
  Settings settings() {
    return Settings.load(null, Map.of(), Map.of("data.dir", dir.toString(), "rdf.store", "lmdb"));
  }

  @Override
  RdfStore newStore() {
    return RdfStore.open(settings());
  }

  @Test
  void theProgressSurvivesAReopenAndTheStoreIsHeldByOneProcess() {
    put(record("a", "Alpha", List.of("Stalin"), List.of()));
    long seq = projector.catchUp().seq();
    assertThrows(RdfStore.StoreLockedException.class, () -> RdfStore.open(settings()));
    store.close();
    store = RdfStore.open(settings());
    try (RepositoryConnection c = store.connection()) {
      assertEquals(seq, store.state(c).seq());
    }
    assertEquals(
        0, new Projector(catalog, store, new RecordRdf(uris, "Test Archive")).catchUp().changes());
  }

  @Test
  void aStoreThatAKilledProcessLeftOpenIsProjectedAgainFromTheCatalog() throws Exception {
    put(record("a", "Alpha", List.of("Stalin"), List.of()));
    projector.catchUp();
    java.nio.file.Path mark = dir.resolve("rdf").resolve("lmdb").resolve(RdfStore.OPEN_MARK);
    assertTrue(java.nio.file.Files.exists(mark), "marked open while open");
    store.close();
    assertFalse(java.nio.file.Files.exists(mark), "unmarked when closed");

    store = RdfStore.open(settings());
    assertFalse(store.closedUncleanly());
    Projector reopened = new Projector(catalog, store, new RecordRdf(uris, "Test Archive"));
    assertEquals(catalog.lastChangeSeq(), reopened.appliedSeq(), "a clean close keeps progress");
    Set<String> projected = quads(store);
    // The process is killed: the store is closed here only to let this process open it again,
    // and the mark that the closing removed is put back, as a killed process leaves it.
    store.close();
    java.nio.file.Files.writeString(mark, "12345");
    put(record("b", "Beta", List.of(), List.of("Pyongyang")));
    store = RdfStore.open(settings());
    assertTrue(store.closedUncleanly());
    Projector afterKill = new Projector(catalog, store, new RecordRdf(uris, "Test Archive"));
    assertEquals(0, afterKill.appliedSeq(), "everything is projected again");
    assertEquals(catalog.lastChangeSeq(), afterKill.catchUp().seq());
    Set<String> again = quads(store);
    assertTrue(again.containsAll(projected), "record a, projected again");
    assertTrue(again.stream().anyMatch(q -> q.contains("Beta")), again.toString());
  }

  @Test
  void theStoreWritesOnTheCommittingThreadWithoutAWriterThreadOfItsOwn() throws Exception {
    var sail = ((org.eclipse.rdf4j.repository.sail.SailRepository) store.repository()).getSail();
    assertTrue(
        RdfStore.writesOnCommittingThread((org.eclipse.rdf4j.sail.lmdb.LmdbStore) sail),
        "rdf4j's LMDB store still has the switch, and it is off");
    // A batch written as a server writes (isolated from readers) starts no thread of the store's:
    // the writes are the projector's own.
    store.share();
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    put(record("a", "Alpha", List.of("Stalin"), List.of()));
    projector.catchUp();
    java.util.Set<String> started = new java.util.TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(t) && t.getName().startsWith("pool-")) {
        started.add(t.getName());
      }
    }
    assertEquals(java.util.Set.of(), started);
  }

  @org.junit.jupiter.api.Test
  void queriesSeeWholeBatchesWhileTheProjectionWrites() throws Exception {
    super.queriesSeeWholeBatchesWhileTheProjectionWrites();
  }
}
