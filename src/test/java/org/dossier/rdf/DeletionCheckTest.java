package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.testing.Fixtures;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.SailConnection;
import org.eclipse.rdf4j.sail.SailException;
import org.eclipse.rdf4j.sail.helpers.SailConnectionWrapper;
import org.eclipse.rdf4j.sail.helpers.SailWrapper;
import org.eclipse.rdf4j.sail.memory.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deletion the store committed without applying, as rdf4j's LMDB store did under {@code bench
 * soak} (a whole batch's deleted records left described), is found by reading the committed store
 * again and removed before the batch's progress is recorded. The fault is played by rdf4j's own
 * memory store behind a wrapper that drops, while armed, the removals of one graph's statements.
 */
class DeletionCheckTest {
  @TempDir Path dir;
  Catalog catalog;
  Dropping sail;
  RdfStore store;
  Projector projector;
  final Uris uris = new Uris(ProjectionContract.BASE);

  @BeforeEach
  void open() {
    catalog = Catalog.openSqlite(dir, 2);
    sail = new Dropping();
    store =
        RdfStore.of(RdfStore.Kind.MEMORY, new SailRepository(sail), "memory, dropping removals");
    projector = new Projector(catalog, store, new RecordRdf(uris, "Test Archive"));
    try (CatalogWriter w = catalog.writer()) {
      w.put(Fixtures.collection("c1"));
      w.put(ProjectionContract.record("a", "Alpha", List.of("Stalin"), List.of(), "c1"));
      w.put(ProjectionContract.record("b", "Beta", List.of("Mao"), List.of("Beijing"), "c1"));
      w.commit();
    }
    projector.catchUp();
    store.share();
  }

  @AfterEach
  void close() {
    store.close();
    catalog.close();
  }

  @Test
  void aDeletionTheStoreCommittedWithoutApplyingIsRemovedAgainBeforeTheBatchCounts() {
    IRI b = uris.record("b");
    sail.drop(b, 1);
    delete("b");
    projector.catchUp();
    assertEquals(1, sail.dropped, "the batch's own removal of b's graph was dropped");
    assertFalse(described(b), "b's graph was read again after the commit and removed");
    assertTrue(described(uris.record("a")));
    assertEquals(catalog.lastChangeSeq(), progress());
  }

  @Test
  void aDeletionTheStoreKeepsDroppingFailsTheBatchWhichIsAppliedOnceTheStoreTakesIt() {
    IRI b = uris.record("b");
    long before = progress();
    sail.drop(b, Projector.REMOVALS + 1);
    delete("b");
    assertThrows(IllegalStateException.class, projector::catchUp);
    assertTrue(described(b));
    assertEquals(before, progress(), "no progress recorded past a deletion the store lacks");
    projector.catchUp();
    assertFalse(described(b));
    assertEquals(catalog.lastChangeSeq(), progress());
  }

  void delete(String id) {
    try (CatalogWriter w = catalog.writer()) {
      assertTrue(w.delete(id));
      w.commit();
    }
  }

  boolean described(IRI s) {
    try (RepositoryConnection c = store.connection()) {
      return c.hasStatement(s, null, null, false);
    }
  }

  long progress() {
    try (RepositoryConnection c = store.connection()) {
      return store.state(c).seq();
    }
  }

  /** rdf4j's memory store, dropping the removals of one graph's statements in some transactions. */
  static final class Dropping extends SailWrapper {
    private IRI graph;
    private int transactions;
    int dropped;

    Dropping() {
      super(new MemoryStore());
    }

    /**
     * Drops every removal from {@code graph} in the next {@code transactions} that remove from it.
     */
    synchronized void drop(IRI graph, int transactions) {
      this.graph = graph;
      this.transactions = transactions;
    }

    synchronized boolean dropping(Resource... contexts) {
      return transactions > 0 && Arrays.asList(contexts).contains(graph);
    }

    @Override
    public SailConnection getConnection() throws SailException {
      return new SailConnectionWrapper(super.getConnection()) {
        private boolean droppedHere;

        @Override
        public void removeStatements(Resource s, IRI p, Value o, Resource... contexts)
            throws SailException {
          if (dropping(contexts)) {
            droppedHere = true;
            return;
          }
          super.removeStatements(s, p, o, contexts);
        }

        @Override
        public void commit() throws SailException {
          super.commit();
          if (droppedHere) {
            droppedHere = false;
            synchronized (Dropping.this) {
              transactions--;
              dropped++;
            }
          }
        }
      };
    }
  }
}
