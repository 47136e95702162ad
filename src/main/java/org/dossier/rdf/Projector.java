package org.dossier.rdf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;
import org.dossier.catalog.Position;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;
import org.dossier.rdf.RdfStore.State;
import org.dossier.rdf.Uris.Kind;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the RDF store a projection of the catalog: one named graph per record (named by the
 * record's URI) and one per collection, person, place, subject and document type. It applies the
 * catalog's change log from the last sequence the store remembers, a batch per transaction, each
 * change by writing the record's current state; so applying a change twice does no harm, and a
 * store caught up change by change holds the same triples as one {@link #rebuild() rebuilt} at once.
 */
public final class Projector {
  private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
  private static final int BATCH = 1000;

  private final Catalog catalog;
  private final RdfStore store;
  private final RecordRdf mapping;
  private final Uris uris;

  public Projector(Catalog catalog, RdfStore store, RecordRdf mapping) {
    this.catalog = catalog;
    this.store = store;
    this.mapping = mapping;
    this.uris = mapping.uris();
  }

  /** What one catch-up or rebuild did. */
  public record Result(long changes, long records, long seq) {}

  /**
   * Applies every change-log entry after the one the store remembers. A store projected for
   * another base URL is rebuilt, since every URI in it would be wrong.
   */
  public synchronized Result catchUp() {
    State state;
    try (RepositoryConnection c = store.connection()) {
      state = store.state(c);
    }
    if (state.seq() > 0 && !state.base().equals(uris.base())) {
      LOG.info("the RDF store was projected for {}, now serving {}: rebuilding it", state.base(), uris.base());
      return rebuild();
    }
    long seq = state.seq();
    long changes = 0;
    long records = 0;
    while (true) {
      List<Change> batch = catalog.changesSince(seq, BATCH);
      if (batch.isEmpty()) {
        return new Result(changes, records, seq);
      }
      Set<String> recordIds = new LinkedHashSet<>();
      Set<String> collectionIds = new LinkedHashSet<>();
      for (Change change : batch) {
        (change.entity() == Change.Entity.RECORD ? recordIds : collectionIds).add(change.id());
      }
      seq = batch.get(batch.size() - 1).seq();
      Map<String, Record> current = catalog.records(recordIds).stream()
          .collect(Collectors.toMap(Record::id, Function.identity()));
      try (RepositoryConnection c = store.connection()) {
        c.begin();
        Batch b = new Batch(c);
        for (String id : collectionIds) {
          b.collection(id, catalog.collection(id));
        }
        for (String id : recordIds) {
          b.record(id, Optional.ofNullable(current.get(id)).filter(r -> !r.deleted()), true);
        }
        c.commit();
        // Whether a thing is still named is asked after the commit, when every record graph of the
        // batch is in place: a remote store does not show a transaction its own pending writes.
        // The sequence is recorded with this second step, so a crash between the two repeats the batch.
        c.begin();
        for (IRI thing : b.unnamed) {
          Kind kind = uris.parse(thing.stringValue()).orElseThrow().kind();
          if (!c.hasStatement(null, RecordRdf.linkPredicate(kind), thing, false)) {
            store.clear(c, thing);
          }
        }
        store.state(c, new State(seq, uris.base()));
        c.commit();
      }
      changes += batch.size();
      records += recordIds.size();
    }
  }

  /**
   * Empties the store and projects the whole catalog anew. Changes committed while it runs are
   * applied by the next catch-up, since the sequence recorded is the one read before listing.
   */
  public synchronized Result rebuild() {
    long seq = catalog.lastChangeSeq();
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
        c.begin();
        Batch b = new Batch(c);
        for (Record r : page) {
          if (!r.deleted()) {
            b.record(r.id(), Optional.of(r), false);
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
    return new Result(0, records, seq);
  }

  /** The writes of one transaction; remembers which shared graphs it wrote already. */
  private final class Batch {
    private final RepositoryConnection c;
    private final Set<IRI> written = new HashSet<>();
    /** Things some record of the batch stopped naming: their graphs go if no record names them. */
    final Set<IRI> unnamed = new LinkedHashSet<>();

    Batch(RepositoryConnection c) {
      this.c = c;
    }

    void collection(String id, Optional<ArchiveCollection> collection) {
      IRI graph = uris.graph(Kind.COLLECTION, id);
      store.clear(c, graph);
      collection.ifPresent(coll -> c.add(mapping.collection(coll), graph));
    }

    /**
     * Replaces a record's graph by its current state (none for a tombstone), writes the graphs of
     * the things it names, and notes the things it no longer names.
     *
     * @param mayExist false when the record is known to have no graph yet (a rebuild)
     */
    void record(String id, Optional<Record> record, boolean mayExist) {
      IRI graph = uris.graph(Kind.RECORD, id);
      List<Uris.Thing> before = new ArrayList<>();
      if (mayExist) {
        try (RepositoryResult<Statement> old = c.getStatements(uris.record(id), null, null, false, graph)) {
          for (Statement s : old) {
            Value o = s.getObject();
            if (o.isIRI()) {
              uris.parse(o.stringValue())
                  .filter(t -> t.kind() != Kind.RECORD && t.kind() != Kind.COLLECTION)
                  .filter(t -> RecordRdf.linkPredicate(t.kind()).equals(s.getPredicate()))
                  .ifPresent(before::add);
            }
          }
        }
        store.clear(c, graph);
      }
      Set<IRI> now = new HashSet<>();
      if (record.isPresent()) {
        Record r = record.get();
        c.add(mapping.record(r), graph);
        for (RecordRdf.Link link : RecordRdf.links(r)) {
          IRI thing = link.iri(uris);
          now.add(thing);
          if (written.add(thing)) {
            c.add(mapping.entity(link.kind(), link.name()), thing);
          }
        }
      }
      for (Uris.Thing gone : before) {
        IRI thing = uris.thing(gone.kind(), gone.key());
        if (!now.contains(thing)) {
          unnamed.add(thing);
        }
      }
    }
  }
}
