package org.dossier.rdf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.catalog.Position;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.projection.Projection;
import org.dossier.projection.ProjectionFollower;
import org.dossier.rdf.RdfStore.State;
import org.dossier.urls.ThingKind;
import org.eclipse.rdf4j.common.transaction.IsolationLevels;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the RDF store a projection of the catalog: one named graph per record (named by the
 * record's URI) and one per collection, person, place, subject and document type. It applies the
 * catalog's change log from the last sequence the store remembers, a batch per transaction, each
 * change by writing the record's current state; so applying a change twice does no harm, and a
 * store caught up change by change holds the same triples as one {@link #rebuild() rebuilt} at
 * once.
 *
 * <p>As a {@link Projection} it is driven by the server's follower; {@link #catchUp()} drives it
 * once on the calling thread. Batches never overlap (they and {@link #openToReaders} hold this
 * object's monitor), which is what lets the isolation of a batch depend on whether anyone reads the
 * store yet: see {@link #begin}. Closing it closes the store.
 */
public final class Projector implements Projection<Projector.Fetched> {
  private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

  /** Change-log entries per batch when no follower drives the projector. */
  static final int BATCH = 2000;

  /** Shared graphs known to be in the store, so that a batch need not write them again; bounded. */
  private static final int KNOWN_LIMIT = 200_000;

  private final Catalog catalog;
  private final RdfStore store;
  private final RecordRdf mapping;
  private final Uris uris;
  private final Set<IRI> known = new HashSet<>();

  /** The sequence the store reflects; -1 until read from the store. */
  private volatile long applied = -1;

  private final Object stateLock = new Object();

  /** Records written by batches so far (a catch-up's result is the difference). */
  private volatile long recordsApplied;

  private volatile ProjectionFollower follower;

  public Projector(Catalog catalog, RdfStore store, RecordRdf mapping) {
    this.catalog = catalog;
    this.store = store;
    this.mapping = mapping;
    this.uris = mapping.uris();
  }

  /** What one catch-up or rebuild did. */
  public record Result(long changes, long records, long seq) {}

  @Override
  public String name() {
    return "rdf";
  }

  /**
   * The last change-log sequence the store reflects. The first call reads the store's progress,
   * which is cheap: a store projected for another base URL counts as empty (sequence 0, so its lag
   * is the whole change log), and is emptied by the first batch written, on the follower's thread,
   * never on the way to readiness.
   */
  @Override
  public long appliedSeq() {
    long seq = applied;
    if (seq >= 0) {
      return seq;
    }
    synchronized (stateLock) {
      if (applied < 0) {
        applied = start();
      }
      return applied;
    }
  }

  /**
   * True while the store holds a projection still to be emptied: another base URL's, or one a
   * killed process left.
   */
  private volatile boolean stale;

  private long start() {
    try (RepositoryConnection c = store.connection()) {
      State state = store.state(c);
      if (state.seq() > 0 && store.closedUncleanly()) {
        LOG.warn(
            "the RDF store was not closed by the process that had it open (killed?), and may name"
                + " values it never stored: projecting it again from the catalog in the"
                + " background");
        stale = true;
        return 0;
      }
      if (state.seq() == 0 || state.base().equals(uris.base())) {
        return state.seq();
      }
      LOG.info(
          "the RDF store was projected for {}, now serving {}: projecting it again in the"
              + " background",
          state.base(),
          uris.base());
      stale = true;
      return 0;
    }
  }

  /** Empties a stale store (see {@link #stale}); the first batch after start does it. */
  private void emptyIfStale() {
    if (!stale) {
      return;
    }
    long t0 = System.nanoTime();
    try (RepositoryConnection c = store.connection()) {
      begin(c);
      c.clear();
      store.state(c, new State(0, uris.base()));
      c.commit();
    }
    stale = false;
    LOG.info(
        "emptied the RDF store, to be projected again, in {} ms",
        (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public void followedBy(ProjectionFollower follower) {
    this.follower = follower;
  }

  /**
   * Applies every change-log entry after the one the store remembers, on the calling thread (the
   * next batch is read from the catalog and mapped on another while the store writes this one). A
   * store projected for another base URL is rebuilt.
   */
  public Result catchUp() {
    ProjectionFollower f = follower;
    if (f != null) {
      // Its lane's catch-up, run here: the follower keeps two from overlapping.
      long records = recordsApplied;
      long changes = f.catchUpNow(this);
      return new Result(changes, recordsApplied - records, appliedSeq());
    }
    synchronized (this) {
      // Read the progress again: another process may have moved the store on since.
      synchronized (stateLock) {
        applied = -1;
      }
      long records = recordsApplied;
      long changes = ProjectionFollower.catchUp(catalog, this, BATCH);
      return new Result(changes, recordsApplied - records, appliedSeq());
    }
  }

  /** One batch of the change log, with the current state of its records, already mapped to RDF. */
  public record Fetched(
      long seq,
      int changes,
      Set<String> recordIds,
      Set<String> collectionIds,
      Map<String, Mapped> models) {}

  /** A record mapped to RDF, and the things it names. */
  record Mapped(Model model, Set<RecordRdf.Link> links) {
    Mapped(RecordRdf mapping, Record r) {
      this(mapping.record(r), RecordRdf.links(r));
    }
  }

  @Override
  public Fetched read(Catalog catalog, List<Change> batch) {
    Set<String> recordIds = new LinkedHashSet<>();
    Set<String> collectionIds = new LinkedHashSet<>();
    for (Change change : batch) {
      switch (change.entity()) {
        case RECORD -> recordIds.add(change.id());
        case COLLECTION -> collectionIds.add(change.id());
        case STREAM -> {
          // a refresh marker: the re-issued entries that follow it say what to write
        }
      }
    }
    Map<String, Mapped> models = new HashMap<>();
    for (Record r : catalog.records(recordIds)) {
      if (!r.deleted()) {
        models.put(r.id(), new Mapped(mapping, r));
      }
    }
    return new Fetched(
        batch.get(batch.size() - 1).seq(), batch.size(), recordIds, collectionIds, models);
  }

  /**
   * Writes one batch, in its own transactions. The cache of shared graphs lives until the follower
   * has no more to give: another process may change the store between two catch-ups.
   */
  @Override
  public synchronized void apply(Fetched batch, boolean more) {
    emptyIfStale();
    write(batch);
    applied = batch.seq();
    recordsApplied += batch.recordIds().size();
    if (!more) {
      known.clear();
    }
  }

  /**
   * A remote store (Fuseki, an RDF4J Server) is one for the whole cluster, written by the node that
   * holds the writer lease; a store in the data directory is the node's own.
   */
  @Override
  public boolean sharedByCluster() {
    return store.kind() == RdfStore.Kind.SPARQL || store.kind() == RdfStore.Kind.RDF4J;
  }

  /** Forgets the progress and the shared graphs it knew: another node wrote the store since. */
  @Override
  public synchronized void reload() {
    synchronized (stateLock) {
      applied = -1;
      stale = false;
    }
    known.clear();
  }

  /** From now on queries read the store: batches are isolated from them (see {@link #begin}). */
  @Override
  public synchronized void openToReaders() {
    store.share();
  }

  @Override
  public void rebuild(Catalog catalog) {
    rebuild();
  }

  /** Closes the store, after the batch being written if any. */
  @Override
  public synchronized void close() {
    store.close();
  }

  /**
   * Writes one batch, then drops the graphs of things no record names any more and records the
   * sequence.
   */
  private void write(Fetched f) {
    try (RepositoryConnection c = store.connection()) {
      begin(c);
      Batch b = new Batch(c);
      // Reads first, writes after: a read inside a transaction with pending writes costs a merge.
      Map<String, Before> before = b.before(f.recordIds());
      for (String id : f.collectionIds()) {
        b.collection(id, catalog.collection(id));
      }
      for (String id : f.recordIds()) {
        b.record(id, f.models().get(id), before.get(id));
      }
      c.commit();
      if (!b.emptied.isEmpty()) {
        removeWhatIsLeft(c, b.emptied);
      }
      // Whether a thing is still named is asked after the commit, when every record graph of the
      // batch is in place: a remote store does not show a transaction its own pending writes.
      // The sequence is recorded with this second step, so a crash between the two repeats the
      // batch.
      c.begin();
      for (IRI thing : b.unnamed) {
        ThingKind kind = uris.parse(thing.stringValue()).orElseThrow().kind();
        if (!c.hasStatement(null, RecordRdf.linkPredicate(kind), thing, false)) {
          store.clear(c, thing);
          known.remove(thing);
        }
      }
      store.state(c, new State(f.seq(), uris.base()));
      c.commit();
    } catch (RuntimeException e) {
      known.clear();
      throw e;
    }
  }

  /**
   * How often a deleted record's graph is removed again before the batch fails (and is retried).
   */
  static final int REMOVALS = 3;

  /**
   * Reads again, after the batch's commit, the graphs of the records it deleted or hid, and removes
   * whatever is still there. rdf4j's LMDB store (5.2), written beside concurrent readers, was seen
   * to commit a batch with its updates applied and none of its deletions: in {@code bench soak} at
   * 100,000 records, all 195 records deleted in one importer round of six stayed in the store, in
   * every index, after a restart too, while the other rounds' deletions were applied. Our batch had
   * asked for their removal (the graph read in the transaction, every statement removed), so the
   * check is made where the fault shows: a fresh read of the committed store. A graph that stays
   * after {@link #REMOVALS} attempts fails the batch, which the follower then retries, so the
   * progress is never recorded past a deletion the store does not reflect.
   */
  private void removeWhatIsLeft(RepositoryConnection c, Set<IRI> graphs) {
    Set<IRI> check = graphs;
    for (int attempt = 1; ; attempt++) {
      Set<IRI> still = new LinkedHashSet<>();
      List<Statement> left = new ArrayList<>();
      for (IRI graph : check) {
        List<Statement> statements = store.graph(c, graph);
        if (!statements.isEmpty()) {
          still.add(graph);
          left.addAll(statements);
        }
      }
      if (still.isEmpty()) {
        return;
      }
      if (attempt > REMOVALS) {
        throw new IllegalStateException(
            "the RDF store still describes "
                + still.size()
                + " deleted record(s) after "
                + REMOVALS
                + " removals, such as "
                + still.iterator().next());
      }
      LOG.warn(
          "the RDF store still described {} of the {} record(s) its batch deleted ({} statements,"
              + " such as {}); removing them again (attempt {})",
          still.size(),
          graphs.size(),
          left.size(),
          still.iterator().next(),
          attempt);
      begin(c);
      c.remove(left);
      c.commit();
      check = still;
    }
  }

  /**
   * Empties the store and projects the whole catalog anew. Changes committed while it runs are
   * applied by the next catch-up, since the sequence recorded is the one read before listing.
   */
  public synchronized Result rebuild() {
    long seq = catalog.lastChangeSeq();
    known.clear();
    stale = false;
    synchronized (stateLock) {
      applied = -1;
    }
    try (RepositoryConnection c = store.connection()) {
      c.begin();
      c.clear();
      store.state(c, new State(0, uris.base()));
      c.commit();
    }
    long records = 0;
    try (RepositoryConnection c = store.connection()) {
      c.begin();
      Batch b = new Batch(c);
      for (ArchiveCollection collection : catalog.collections()) {
        b.collection(collection.id(), Optional.of(collection));
      }
      c.commit();
    }
    Position after = null;
    while (true) {
      List<Record> page = catalog.list(Selection.ALL, after, BATCH);
      if (page.isEmpty()) {
        break;
      }
      try (RepositoryConnection c = store.connection()) {
        begin(c);
        Batch b = new Batch(c);
        for (Record r : page) {
          if (!r.deleted()) {
            b.record(r.id(), new Mapped(mapping, r), null);
            records++;
          }
        }
        c.commit();
      }
      after = Position.after(page.get(page.size() - 1));
    }
    try (RepositoryConnection c = store.connection()) {
      c.begin();
      store.state(c, new State(seq, uris.base()));
      c.commit();
    }
    applied = seq;
    return new Result(0, records, seq);
  }

  /**
   * Starts the write transaction of a batch. An LMDB store that nothing else reads yet (a command's
   * store, or the server's before it answers queries) writes it without isolation: the statements
   * go straight into LMDB's write transaction instead of being gathered in memory first, which
   * about halves the cost of a batch, and the batch is still committed whole or not at all. Once
   * queries may read the store ({@link RdfStore#share}), batches are isolated: rdf4j's LMDB store
   * can crash the process when read transactions run beside a write without isolation.
   */
  private void begin(RepositoryConnection c) {
    if (store.kind() == RdfStore.Kind.LMDB && !store.shared()) {
      c.begin(IsolationLevels.NONE);
    } else {
      c.begin();
    }
  }

  private static final org.eclipse.rdf4j.model.ValueFactory TRIPLES =
      org.eclipse.rdf4j.model.impl.SimpleValueFactory.getInstance();

  /** A statement without its graph, to compare what a record's graph holds with what it should. */
  private static Statement triple(Statement st) {
    return st.getContext() == null
        ? st
        : TRIPLES.createStatement(st.getSubject(), st.getPredicate(), st.getObject());
  }

  /** A record graph as it was before a batch: its statements and the things it names. */
  private record Before(List<Statement> statements, List<Uris.Thing> links) {}

  /** The writes of one transaction; remembers which shared graphs it wrote already. */
  private final class Batch {
    private final RepositoryConnection c;

    /** Things some record of the batch stopped naming: their graphs go if no record names them. */
    final Set<IRI> unnamed = new LinkedHashSet<>();

    /** Graphs of records the batch deleted or hid: read again once it is committed. */
    final Set<IRI> emptied = new LinkedHashSet<>();

    Batch(RepositoryConnection c) {
      this.c = c;
    }

    void collection(String id, Optional<ArchiveCollection> collection) {
      IRI graph = uris.graph(ThingKind.COLLECTION, ThingKind.COLLECTION.key(id));
      store.clear(c, graph);
      collection.ifPresent(coll -> c.add(mapping.collection(coll), graph));
    }

    /** Each record's graph as it is before the batch changes it, and the things it names. */
    Map<String, Before> before(Set<String> ids) {
      Map<String, Before> all = new java.util.HashMap<>();
      for (String id : ids) {
        IRI rec = uris.record(id);
        List<Statement> statements = new ArrayList<>();
        List<Uris.Thing> links = new ArrayList<>();
        for (Statement s : store.graph(c, uris.graph(ThingKind.RECORD, ThingKind.RECORD.key(id)))) {
          statements.add(s);
          Value o = s.getObject();
          if (s.getSubject().equals(rec) && o.isIRI()) {
            uris.parse(o.stringValue())
                .filter(t -> t.kind() != ThingKind.RECORD && t.kind() != ThingKind.COLLECTION)
                .filter(t -> RecordRdf.linkPredicate(t.kind()).equals(s.getPredicate()))
                .ifPresent(links::add);
          }
        }
        all.put(id, new Before(statements, links));
      }
      return all;
    }

    /**
     * Replaces a record's graph by its current state (null for a tombstone), writes the graphs of
     * the things it names, and notes the things it no longer names.
     *
     * @param before what {@link #before} found, or null when the record is known to have no graph
     *     yet (a rebuild)
     */
    void record(String id, Mapped mapped, Before before) {
      IRI graph = uris.graph(ThingKind.RECORD, ThingKind.RECORD.key(id));
      List<Uris.Thing> linked = List.of();
      Model added = mapped == null ? null : mapped.model();
      if (before != null) {
        linked = before.links();
        if (store.kind() == RdfStore.Kind.SPARQL || mapped == null) {
          // A deleted record's graph is cleared by the store itself, whatever was read before.
          store.clear(c, graph);
          if (mapped == null && !sharedByCluster() && store.kind() != RdfStore.Kind.SPARQL) {
            emptied.add(graph);
          }
        } else if (!before.statements().isEmpty()) {
          // Only what changed is written: the statements the new version no longer has are
          // removed, and only those it adds are added. (Removing a statement and adding it again
          // in one transaction, beside readers, left rdf4j's LMDB store with the statement in
          // some of its indexes only, where no later removal reached it: the soak benchmark found
          // deleted records still described.) It also writes far less for a small change.
          Set<Statement> wanted = new HashSet<>();
          for (Statement st : mapped.model()) {
            wanted.add(triple(st));
          }
          Set<Statement> kept = new HashSet<>();
          List<Statement> gone = new ArrayList<>();
          for (Statement st : before.statements()) {
            Statement t = triple(st);
            if (wanted.contains(t)) {
              kept.add(t);
            } else {
              gone.add(st);
            }
          }
          if (!gone.isEmpty()) {
            c.remove(gone);
          }
          if (!kept.isEmpty()) {
            added = new org.eclipse.rdf4j.model.impl.LinkedHashModel();
            for (Statement st : mapped.model()) {
              if (!kept.contains(triple(st))) {
                added.add(st);
              }
            }
          }
        }
      }
      Set<IRI> now = new HashSet<>();
      if (mapped != null) {
        if (!added.isEmpty()) {
          c.add(added, graph);
        }
        for (RecordRdf.Link link : mapped.links()) {
          IRI thing = link.iri(uris);
          now.add(thing);
          if (!known.contains(thing)) {
            c.add(mapping.entity(link.kind(), link.name()), thing);
            if (known.size() >= KNOWN_LIMIT) {
              known.clear();
            }
            known.add(thing);
          }
        }
      }
      for (Uris.Thing gone : linked) {
        IRI thing = uris.thing(gone.kind(), gone.key());
        if (!now.contains(thing)) {
          unnamed.add(thing);
        }
      }
    }
  }
}
