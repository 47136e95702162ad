package org.dossier.rdf;

import org.dossier.catalog.Catalog;
import org.dossier.catalog.StoreOpeningException;
import org.dossier.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the linked data: the store and the {@link Projector} that keeps it a view of
 * the catalog (a projection the server's follower drives, with the search index). Created unopened
 * with the server and {@link #open opened} once the catalog is.
 */
public final class LinkedData implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LinkedData.class);

  /**
   * How long the server waits at start for a local store held by a command (an import) to be let
   * go.
   */
  private static final long LOCK_WAIT_MILLIS = 60_000;

  private final Settings settings;
  private volatile Uris uris;
  private volatile RdfStore store;
  private volatile Projector projector;

  /**
   * Set when a server opens the store after it turned ready ({@link #openingInBackground}): counted
   * down once {@link #open} has finished, or failed. Until then requests wait for it briefly.
   */
  private volatile java.util.concurrent.CountDownLatch opening;

  /** Why the store could not be opened in the background, or null. */
  private volatile String failure;

  /** Set by {@link #close}: a wait for another process's lock ends. */
  private volatile boolean closed;

  /** How long a request waits for a store that is still opening before it is answered 503. */
  private static final long REQUEST_WAIT_MILLIS = 2_000;

  public LinkedData(Settings settings) {
    this.settings = settings;
  }

  /**
   * Opens the store and reads how far it got; the follower the projector is registered with catches
   * it up. A store projected for another base URL is emptied here, to be filled again.
   */
  public void open(Catalog catalog, String baseUrl) {
    Uris u = new Uris(baseUrl);
    RdfStore s = store != null ? store : openWaitingForLock();
    Projector p = new Projector(catalog, s, new RecordRdf(u, settings.get(Settings.ARCHIVE_NAME)));
    try {
      LOG.info("RDF: {}, at change {}", s.description(), p.appliedSeq());
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    uris = u;
    store = s;
    projector = p;
    java.util.concurrent.CountDownLatch l = opening;
    if (l != null) {
      l.countDown();
    }
  }

  /**
   * Announces that the store will be {@link #open opened} on another thread while the server
   * already answers: until then (or {@link #openFailed}) {@link #store} and {@link #uris} wait up
   * to two seconds, then throw {@link StoreOpeningException} (503 with Retry-After).
   */
  public void openingInBackground() {
    opening = new java.util.concurrent.CountDownLatch(1);
  }

  /** The background {@link #open} failed: requests are answered 503, saying so. */
  public void openFailed(String why) {
    failure = why;
    java.util.concurrent.CountDownLatch l = opening;
    if (l != null) {
      l.countDown();
    }
  }

  /** Ends a wait for another process's lock at start: the server is stopping. */
  public void stopOpening() {
    closed = true;
  }

  /** True while a background {@link #open} is under way. */
  public boolean isOpening() {
    java.util.concurrent.CountDownLatch l = opening;
    return l != null && l.getCount() > 0;
  }

  /**
   * Opens the store alone, before the catalog is open (a server does both at once); {@link #open}
   * then reads how far it got.
   */
  public void openStore() {
    if (store == null) {
      store = openWaitingForLock();
    }
  }

  /**
   * Opens the store for a command (import, delete, rebuild) in a process of its own, without
   * waiting for its lock. URIs are built from the base URL the store was projected for, so that a
   * command never rebuilds a server's store for another address; an empty store takes the
   * configured one.
   *
   * @throws RdfStore.StoreLockedException when another process (a running server) holds the store
   */
  public void openForCommand(Catalog catalog) {
    RdfStore s = RdfStore.open(settings);
    try {
      String base;
      try (var c = s.connection()) {
        base = s.state(c).base();
      }
      if (base.isEmpty()) {
        base = settings.baseUrl(settings.get(Settings.SERVER_PORT));
      }
      Uris u = new Uris(base);
      projector = new Projector(catalog, s, new RecordRdf(u, settings.get(Settings.ARCHIVE_NAME)));
      uris = u;
      store = s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** True when {@code rdf.store} is the in-memory store: a command has nothing to keep in it. */
  public boolean inMemory() {
    return RdfStore.Kind.parse(settings.get(Settings.RDF_STORE)) == RdfStore.Kind.MEMORY;
  }

  private RdfStore openWaitingForLock() {
    long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
    while (true) {
      try {
        return RdfStore.open(settings);
      } catch (RdfStore.StoreLockedException e) {
        if (System.currentTimeMillis() > deadline || closed) {
          throw e;
        }
        LOG.info("{}; waiting", e.getMessage());
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  public boolean isOpen() {
    return store != null;
  }

  public Uris uris() {
    awaitOpen();
    return checked(uris);
  }

  public RdfStore store() {
    awaitOpen();
    return checked(store);
  }

  /** Waits briefly for a background {@link #open}; a request then gets 503 rather than 500. */
  private void awaitOpen() {
    java.util.concurrent.CountDownLatch l = opening;
    if (l == null) {
      return;
    }
    StoreOpeningException.await(l, REQUEST_WAIT_MILLIS, "the RDF store");
    if (failure != null) {
      throw new StoreOpeningException(
          "the RDF store could not be opened (the server's log says why)");
    }
  }

  /**
   * The projection that keeps the store in step with the catalog; register it with the follower.
   */
  public Projector projector() {
    return checked(projector);
  }

  public Settings settings() {
    return settings;
  }

  private record Count(RdfStore.State state, long triples) {}

  private volatile Count count;

  private volatile Count records;

  /**
   * Number of records (documents, {@code edm:ProvidedCHO}) the store describes, counted once per
   * state of the store: the VoID class partition of the records, which must agree with every other
   * route's count of live records.
   */
  public long recordCount() {
    RdfStore.State now = state();
    Count known = records;
    if (known != null && known.state().equals(now)) {
      return known.triples();
    }
    long n = 0;
    try (var c = store().connection();
        var found =
            c.getStatements(
                null, org.eclipse.rdf4j.model.vocabulary.RDF.TYPE, Vocab.EDM_PROVIDED_CHO, false)) {
      for (var ignored : found) {
        n++;
      }
    }
    records = new Count(now, n);
    return n;
  }

  /** The projection's progress: the change-log sequence and base URL the store reflects. */
  public RdfStore.State state() {
    try (var c = store().connection()) {
      return store().state(c);
    }
  }

  /**
   * Number of triples of the dataset (bookkeeping left out), counted once per state of the store.
   */
  public long tripleCount() {
    RdfStore.State now = state();
    Count known = count;
    if (known != null && known.state().equals(now)) {
      return known.triples();
    }
    long triples;
    try (var c = store().connection()) {
      triples = c.size() - (store().keepsStateInGraph() ? c.size(RdfStore.META_GRAPH) : 0);
    }
    count = new Count(now, triples);
    return triples;
  }

  private static <T> T checked(T value) {
    if (value == null) {
      throw new IllegalStateException("the RDF store is not open yet");
    }
    return value;
  }

  /**
   * Closes the store, after the projector's batch in progress if any (the follower that drives the
   * projector closes it too; closing twice does no harm).
   */
  @Override
  public void close() {
    closed = true;
    Projector p = projector;
    if (p != null) {
      p.close();
    } else if (store != null) {
      store.close();
    }
  }
}
