package org.dossier.rdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dossier.config.Settings;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryException;
import org.eclipse.rdf4j.repository.RepositoryResult;
import org.eclipse.rdf4j.repository.http.HTTPRepository;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.repository.sparql.SPARQLRepository;
import org.eclipse.rdf4j.sail.SailLockedException;
import org.eclipse.rdf4j.sail.lmdb.LmdbStore;
import org.eclipse.rdf4j.sail.lmdb.config.LmdbStoreConfig;
import org.eclipse.rdf4j.sail.memory.MemoryStore;
import org.eclipse.rdf4j.sail.nativerdf.NativeStore;

/**
 * The rdf4j repository the catalog is projected into, chosen by {@code rdf.store}: an LMDB or
 * native store in the data directory, an in-memory store, or a remote store (an RDF4J Server
 * repository, or any SPARQL 1.1 Query+Update endpoint). The store also remembers how far the
 * projection got: the last change-log sequence applied and the base URL its URIs were built from.
 */
public final class RdfStore implements AutoCloseable {

  /** What {@code rdf.store} may name. */
  public enum Kind {
    LMDB,
    NATIVE,
    MEMORY,
    SPARQL,
    RDF4J;

    static Kind parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "rdf.store: '" + text + "' is not one of lmdb, native, memory, sparql, rdf4j");
      }
    }
  }

  /**
   * The indexes of the local stores: by subject, by predicate-object and by object (SPARQL DESCRIBE
   * in rdf4j looks at the statements pointing at a resource too). None leads with the graph: every
   * graph Dossier writes is rooted in the thing it is named after, so {@link #graph} reads one by
   * following subjects from its name.
   */
  static final String INDEXES = "spoc,posc,ospc";

  /** Where the projection's progress lives when the store has no namespaces to keep it in. */
  static final IRI META_GRAPH = Vocab.VF.createIRI("urn:dossier:projection");

  private static final IRI META_SEQ = Vocab.VF.createIRI("urn:dossier:projection:seq");
  private static final IRI META_BASE = Vocab.VF.createIRI("urn:dossier:projection:base");
  private static final String NS_SEQ = "dossier-projection-seq";
  private static final String NS_BASE = "dossier-projection-base";

  private final Kind kind;
  private final Repository repository;
  private final String description;
  private volatile boolean shared;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Commits seen so far; -1 for a store others may write too (a remote one), whose are not. */
  private final java.util.concurrent.atomic.AtomicLong version;

  /**
   * A local store's mark of being open ({@code open} in its directory), removed when it is closed;
   * null for other stores.
   */
  private final Path openMark;

  private final boolean closedUncleanly;

  private RdfStore(Kind kind, Repository repository, String description) {
    this(kind, repository, description, null, false);
  }

  private RdfStore(
      Kind kind,
      Repository repository,
      String description,
      Path openMark,
      boolean closedUncleanly) {
    this.openMark = openMark;
    this.closedUncleanly = closedUncleanly;
    this.kind = kind;
    this.repository = repository;
    this.description = description;
    if (repository instanceof SailRepository sr
        && sr.getSail() instanceof org.eclipse.rdf4j.sail.NotifyingSail sail) {
      // The store tells after each commit that changed statements, whoever wrote.
      version = new java.util.concurrent.atomic.AtomicLong();
      sail.addSailChangedListener(e -> version.incrementAndGet());
    } else {
      version = new java.util.concurrent.atomic.AtomicLong(-1);
    }
  }

  /**
   * A number that changes after every commit that changed the store, for answers kept until the
   * data changes (read it before reading the store: an answer is never older than its number); -1
   * for a store whose changes this process does not see (a remote one).
   */
  public long version() {
    return version.get();
  }

  /**
   * Opens the store the settings name.
   *
   * @throws StoreLockedException when a local store is held by another process (a running server)
   * @throws IllegalArgumentException for a setting that names no usable store
   */
  public static RdfStore open(Settings settings) {
    Kind kind = Kind.parse(settings.get(Settings.RDF_STORE));
    String url = settings.get(Settings.RDF_STORE_URL);
    Repository repository;
    String description;
    Path localDir = null;
    switch (kind) {
      case LMDB, NATIVE -> {
        Path dir =
            settings
                .dataDir()
                .resolve("rdf")
                .resolve(kind.name().toLowerCase(Locale.ROOT))
                .toAbsolutePath();
        try {
          Files.createDirectories(dir);
        } catch (java.io.IOException e) {
          throw new IllegalStateException(
              "cannot create the RDF store directory " + dir + ": " + e.getMessage(), e);
        }
        localDir = dir;
        if (kind == Kind.LMDB) {
          // LWJGL unpacks LMDB's native library; keep it beside the store unless told otherwise,
          // so a temporary directory mounted noexec does not stop the server.
          if (System.getProperty("org.lwjgl.system.SharedLibraryExtractPath") == null) {
            System.setProperty(
                "org.lwjgl.system.SharedLibraryExtractPath",
                dir.getParent().resolve("native-lib").toString());
          }
          LmdbStoreConfig config = new LmdbStoreConfig(INDEXES);
          // Start the memory maps large rather than grow them step by step: a map is address space,
          // and the file only grows by the pages written. Each growth is a moment when rdf4j's
          // LMDB store makes readers beside the writer fail and retry ("Invalid argument"); with
          // these sizes a catalog of a few hundred thousand records never needs one.
          config.setValueDBSize(4L << 30);
          config.setTripleDBSize(16L << 30);
          // No value eviction. By default the store frees the ids of values no statement uses any
          // more (60 s after their last statement went) and gives them to new values, while its
          // in-memory caches of value ids live on. Under a long mixed load a few record graphs
          // deleted by a committed batch stayed in the files yet read as empty in the running
          // process, as a stale id would make them (see README, bench soak). Values no longer
          // used now stay in the value file: a title changed a thousand times leaves a thousand
          // literals, and a rebuild writes the store afresh.
          config.setValueEvictionInterval(0);
          LmdbStore store = new LmdbStore(dir.toFile(), config);
          store.setEvaluationStrategyFactory(
              new Evaluation.Factory(store.getFederatedServiceResolver()));
          repository = new SailRepository(store);
        } else {
          NativeStore store = new NativeStore(dir.toFile(), INDEXES);
          store.setEvaluationStrategyFactory(
              new Evaluation.Factory(store.getFederatedServiceResolver()));
          repository = new SailRepository(store);
        }
        description = kind.name().toLowerCase(Locale.ROOT) + " store in " + dir;
      }
      case MEMORY -> {
        MemoryStore store = new MemoryStore();
        store.setEvaluationStrategyFactory(
            new Evaluation.Factory(store.getFederatedServiceResolver()));
        repository = new SailRepository(store);
        description = "memory store (not persisted)";
      }
      case SPARQL -> {
        if (url.isEmpty()) {
          throw new IllegalArgumentException(
              "rdf.store=sparql needs rdf.store-url (the SPARQL query endpoint)");
        }
        String update = settings.get(Settings.RDF_UPDATE_URL);
        repository = new SPARQLRepository(url, update.isEmpty() ? url : update);
        description = "SPARQL endpoint " + url;
      }
      case RDF4J -> {
        if (url.isEmpty()) {
          throw new IllegalArgumentException(
              "rdf.store=rdf4j needs rdf.store-url (http://host/rdf4j-server/repositories/ID)");
        }
        repository = new HTTPRepository(url);
        description = "RDF4J Server repository " + url;
      }
      default -> throw new IllegalStateException(kind.name());
    }
    try {
      repository.init();
    } catch (RepositoryException e) {
      if (isLocked(e)) {
        throw new StoreLockedException(
            "the RDF store ("
                + description
                + ") is in use by another process, such as a running server");
      }
      throw new IllegalStateException(
          "cannot open the RDF store (" + description + "): " + rootMessage(e), e);
    }
    if (repository instanceof SailRepository sr && sr.getSail() instanceof LmdbStore lmdb) {
      writeOnCommittingThread(lmdb);
    }
    if (localDir == null) {
      return new RdfStore(kind, repository, description);
    }
    // Opened (and locked by rdf4j) first: a process that finds the store in use never gets here.
    Path mark = localDir.resolve(OPEN_MARK);
    boolean unclean = Files.exists(mark);
    try {
      Files.writeString(mark, Long.toString(ProcessHandle.current().pid()));
    } catch (java.io.IOException e) {
      repository.shutDown();
      throw new IllegalStateException(
          "cannot write to the RDF store directory " + localDir + ": " + e.getMessage(), e);
    }
    return new RdfStore(kind, repository, description, mark, unclean);
  }

  static final String OPEN_MARK = "open";

  /**
   * Whether the process that had this local store open before ended without closing it (killed, or
   * the machine went down). rdf4j's LMDB store (5.2) commits a transaction's statements before the
   * new values they name, so a process killed between the two leaves statements whose values are
   * gone; such a store is projected again from the catalog.
   */
  public boolean closedUncleanly() {
    return closedUncleanly;
  }

  /**
   * Makes rdf4j's LMDB store write a transaction on the thread that commits it. By default it hands
   * the writes to a thread of its own (from a pool of its own, so the projection's lowered priority
   * does not reach it), which spins ({@code Thread.yield}) for as long as the transaction lasts
   * while it waits for the next write, and the committing thread spins in turn while the hand-over
   * buffer is full. On two cores that spinning took a core from every request while a batch was
   * written (half the RDF projection's samples; PUT /api/v1/records 388/s beside it). The switch is
   * a package-private field of rdf4j 5.2 without a setter; {@code RdfStoreTest} checks it is still
   * there and set.
   */
  static void writeOnCommittingThread(LmdbStore store) {
    try {
      Threading switchOf = Threading.of(store);
      switchOf.field().setBoolean(switchOf.sailStore(), false);
    } catch (ReflectiveOperationException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(RdfStore.class)
          .warn("the LMDB store keeps its writer thread: {}", e.toString());
    }
  }

  /** Whether {@link #writeOnCommittingThread} took effect (for the test). */
  static boolean writesOnCommittingThread(LmdbStore store) throws ReflectiveOperationException {
    Threading switchOf = Threading.of(store);
    return !switchOf.field().getBoolean(switchOf.sailStore());
  }

  /** The LMDB store's inner store and its field that turns the writer thread on. */
  private record Threading(Object sailStore, java.lang.reflect.Field field) {
    static Threading of(LmdbStore store) throws ReflectiveOperationException {
      java.lang.reflect.Field backing = LmdbStore.class.getDeclaredField("backingStore");
      backing.setAccessible(true);
      Object sailStore = backing.get(store);
      java.lang.reflect.Field threading =
          sailStore.getClass().getDeclaredField("enableMultiThreading");
      threading.setAccessible(true);
      return new Threading(sailStore, threading);
    }
  }

  /** A store over a repository made elsewhere (tests, the benchmark). */
  public static RdfStore of(Kind kind, Repository repository, String description) {
    if (!repository.isInitialized()) {
      repository.init();
    }
    return new RdfStore(kind, repository, description);
  }

  public Kind kind() {
    return kind;
  }

  /** Marks the store as read by others (queries, dumps) from now on; see {@link #shared()}. */
  public void share() {
    shared = true;
  }

  /**
   * True once others may read the store while the projection writes to it: the projection then
   * isolates its transactions from their reads.
   */
  public boolean shared() {
    return shared;
  }

  public Repository repository() {
    return repository;
  }

  public RepositoryConnection connection() {
    return repository.getConnection();
  }

  public String description() {
    return description;
  }

  /**
   * True for a store that keeps its progress in a graph (one without namespaces: a plain SPARQL
   * endpoint).
   */
  public boolean keepsStateInGraph() {
    return kind == Kind.SPARQL;
  }

  /** How far the projection got: the last change-log sequence applied, and the base URL used. */
  public record State(long seq, String base) {
    static final State EMPTY = new State(0, "");
  }

  public State state(RepositoryConnection c) {
    if (keepsStateInGraph()) {
      long seq = 0;
      String base = "";
      try (RepositoryResult<Statement> r =
          c.getStatements(META_GRAPH, null, null, false, META_GRAPH)) {
        for (Statement s : r) {
          if (s.getPredicate().equals(META_SEQ)) {
            seq = ((Literal) s.getObject()).longValue();
          } else if (s.getPredicate().equals(META_BASE)) {
            base = s.getObject().stringValue();
          }
        }
      }
      return new State(seq, base);
    }
    String seq = c.getNamespace(NS_SEQ);
    String base = c.getNamespace(NS_BASE);
    if (seq == null || base == null) {
      return State.EMPTY;
    }
    return new State(Long.parseLong(seq.substring(seq.lastIndexOf(':') + 1)), base);
  }

  /** Records the progress; call inside the transaction that applied the changes. */
  public void state(RepositoryConnection c, State state) {
    if (keepsStateInGraph()) {
      clear(c, META_GRAPH);
      c.add(
          META_GRAPH,
          META_SEQ,
          Vocab.VF.createLiteral(Long.toString(state.seq()), XSD.LONG),
          META_GRAPH);
      c.add(META_GRAPH, META_BASE, Vocab.VF.createLiteral(state.base()), META_GRAPH);
      return;
    }
    // Namespaces are stored with the data and are part of the transaction, yet are no triples:
    // the progress stays out of the dataset, its dumps and its counts.
    c.setNamespace(NS_SEQ, "urn:dossier:projection:seq:" + state.seq());
    c.setNamespace(NS_BASE, state.base());
  }

  /**
   * Empties a graph. On a SPARQL endpoint this is CLEAR SILENT: rdf4j sends a plain CLEAR, which
   * SPARQL 1.1 Update (3.2.2) lets a store refuse for a graph it does not have, as Fuseki does.
   */
  public void clear(RepositoryConnection c, IRI graph) {
    switch (kind) {
      case SPARQL ->
          c.prepareUpdate(QueryLanguage.SPARQL, "CLEAR SILENT GRAPH <" + graph.stringValue() + ">")
              .execute();
      case RDF4J -> c.clear(graph);
      default -> {
        List<Statement> statements = graph(c, graph);
        if (!statements.isEmpty()) {
          c.remove(statements);
        }
      }
    }
  }

  /**
   * The statements of one of Dossier's graphs. A remote store is asked for the graph; a local one
   * is read from the graph's name outward, subject by subject, through the subject index: the thing
   * itself, a record's aggregation (named {@code #aggregation}), and what they point to within the
   * graph (page images, image services), never across into the graphs of other things.
   */
  public List<Statement> graph(RepositoryConnection c, IRI graph) {
    List<Statement> statements = new ArrayList<>();
    if (kind == Kind.SPARQL || kind == Kind.RDF4J) {
      try (RepositoryResult<Statement> r = c.getStatements(null, null, null, false, graph)) {
        r.forEach(statements::add);
      }
      return statements;
    }
    Deque<Resource> todo =
        new ArrayDeque<>(List.of(graph, Vocab.VF.createIRI(graph.stringValue() + "#aggregation")));
    Set<Resource> seen = new HashSet<>(todo);
    while (!todo.isEmpty()) {
      try (RepositoryResult<Statement> r = c.getStatements(todo.poll(), null, null, false, graph)) {
        for (Statement s : r) {
          statements.add(s);
          if (s.getObject() instanceof Resource o
              && !s.getPredicate().equals(RDF.TYPE)
              && !isThing(o)
              && seen.add(o)) {
            todo.add(o);
          }
        }
      }
    }
    return statements;
  }

  /**
   * Things under /id/ are the roots of graphs of their own: a walk through one graph stops there.
   */
  private static boolean isThing(Resource r) {
    return r.isIRI() && THING.matcher(r.stringValue()).find();
  }

  private static final java.util.regex.Pattern THING =
      java.util.regex.Pattern.compile("/id/(record|person|place|subject|type|collection)/[^/#]+$");

  /** True for the projection's own bookkeeping, which is left out of dumps and counts. */
  public static boolean isBookkeeping(Statement s) {
    return META_GRAPH.equals(s.getContext()) || META_GRAPH.equals(s.getSubject());
  }

  /** Shuts the repository down; a second call does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      repository.shutDown();
      if (openMark != null) {
        try {
          Files.deleteIfExists(openMark);
        } catch (java.io.IOException e) {
          org.slf4j.LoggerFactory.getLogger(RdfStore.class)
              .warn("could not remove {}: the next start projects the store again", openMark);
        }
      }
    }
  }

  private static boolean isLocked(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SailLockedException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** A local store is held by another process. */
  public static final class StoreLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreLockedException(String message) {
      super(message);
    }
  }
}
