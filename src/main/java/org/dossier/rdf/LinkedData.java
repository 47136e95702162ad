package org.dossier.rdf;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the linked data: the store, the projector that keeps it a view of the
 * catalog, and a background task that catches up with the change log every
 * {@code rdf.poll-seconds} (imports and deletions are made by the command line, in another
 * process). Created unopened with the server and {@link #open opened} once the catalog is.
 */
public final class LinkedData implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LinkedData.class);
  /** How long the server waits at start for a local store held by a command (an import) to be let go. */
  private static final long LOCK_WAIT_MILLIS = 60_000;

  private final Settings settings;
  private volatile Uris uris;
  private volatile RdfStore store;
  private volatile Projector projector;
  private ScheduledExecutorService poller;

  public LinkedData(Settings settings) {
    this.settings = settings;
  }

  /** Opens the store, catches up with the catalog and starts polling its change log. */
  public void open(Catalog catalog, String baseUrl) {
    Uris u = new Uris(baseUrl);
    RdfStore s = openWaitingForLock();
    Projector p = new Projector(catalog, s, new RecordRdf(u, settings.get(Settings.ARCHIVE_NAME)));
    long t0 = System.nanoTime();
    Projector.Result caught;
    try {
      caught = p.catchUp();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    LOG.info("RDF: {} up to change {} ({} record(s) projected in {} ms)", s.description(), caught.seq(),
        caught.records(), (System.nanoTime() - t0) / 1_000_000);
    // From here on queries read the store while the poller writes to it.
    s.share();
    uris = u;
    store = s;
    projector = p;
    int every = settings.get(Settings.RDF_POLL_SECONDS);
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rdf-projection");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::catchUpQuietly, every, every, TimeUnit.SECONDS);
  }

  private RdfStore openWaitingForLock() {
    long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
    while (true) {
      try {
        return RdfStore.open(settings);
      } catch (RdfStore.StoreLockedException e) {
        if (System.currentTimeMillis() > deadline) {
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

  private void catchUpQuietly() {
    try {
      Projector.Result r = projector.catchUp();
      if (r.changes() > 0) {
        LOG.info("RDF: applied {} change(s), up to change {}", r.changes(), r.seq());
      }
    } catch (RuntimeException e) {
      LOG.warn("RDF projection did not catch up (will try again): {}", e.toString());
    }
  }

  public boolean isOpen() {
    return store != null;
  }

  public Uris uris() {
    return checked(uris);
  }

  public RdfStore store() {
    return checked(store);
  }

  public Projector projector() {
    return checked(projector);
  }

  public Settings settings() {
    return settings;
  }

  private record Count(RdfStore.State state, long triples) {}

  private volatile Count count;

  /** The projection's progress: the change-log sequence and base URL the store reflects. */
  public RdfStore.State state() {
    try (var c = store().connection()) {
      return store().state(c);
    }
  }

  /** Number of triples of the dataset (bookkeeping left out), counted once per state of the store. */
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

  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
      try {
        poller.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (store != null) {
      store.close();
    }
  }
}
