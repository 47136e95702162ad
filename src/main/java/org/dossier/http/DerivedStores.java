package org.dossier.http;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.ClusterLease;
import org.dossier.catalog.ClusterNodes;
import org.dossier.catalog.StoreOpeningException;
import org.dossier.config.Settings;
import org.dossier.oai.OaiRenditions;
import org.dossier.projection.Lag;
import org.dossier.projection.Projection;
import org.dossier.projection.ProjectionFollower;
import org.dossier.rdf.LinkedData;
import org.dossier.rdf.RdfStore;
import org.dossier.search.SearchIndex;
import org.dossier.search.SearchIndexException;
import org.dossier.urls.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores derived from the catalog (the search index and the RDF store) and the follower that
 * keeps them in step with it: the one place that knows which there are and how each is opened, for
 * the server ({@link #open}) and for the commands ({@link #catchUp}, {@link #rebuild}). A new
 * projection is added here and nowhere else in the wiring.
 *
 * <p>The server creates it unopened (resources are handed its parts then), opens it once the
 * catalog is open, and closes it after the HTTP server has stopped.
 */
public final class DerivedStores implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DerivedStores.class);
  private final Settings settings;
  private final LinkedData linkedData;
  private volatile SearchIndex searchIndex;
  private volatile OaiRenditions oaiRenditions;
  private volatile ProjectionFollower follower;

  /** The cluster's writer lease on a PostgreSQL catalog; null with SQLite (one node). */
  private volatile ClusterLease lease;

  /** How long a request waits for the search index while it opens before it is answered 503. */
  private static final long REQUEST_WAIT_MILLIS = 2_000;

  /**
   * Counted down when every store is open and followed; null unless {@link #openInBackground}
   * started. Requests that need a store wait on it briefly; {@code /health} names what is opening.
   */
  private volatile java.util.concurrent.CountDownLatch opened;

  /** Why the background opening failed, or null. */
  private volatile String failure;

  /** The thread of {@link #openInBackground}, joined by {@link #close}. */
  private volatile Thread opener;

  private volatile boolean closed;

  public DerivedStores(Settings settings) {
    this.settings = settings;
    this.linkedData = new LinkedData(settings);
  }

  /**
   * Opens every store, registers it with one follower of the catalog and starts the follower as
   * {@code projection.startup} says: with {@code catch-up} this returns once every store has
   * applied the change log; with {@code background} at once.
   *
   * @throws RuntimeException (with a message for the person starting the server) when a store
   *     cannot be opened or, with {@code catch-up}, cannot catch up; what was opened is closed
   */
  public void open(Catalog catalog, String baseUrl) {
    open(catalog, baseUrl, () -> {});
  }

  /**
   * As {@link #open(Catalog, String)}, running {@code meanwhile} once both stores are open, while
   * the follower catches them up.
   */
  public void open(Catalog catalog, String baseUrl, Runnable meanwhile) {
    ProjectionFollower f = ProjectionFollower.of(catalog, settings);
    follower = f;
    try {
      ClusterLease l = lease;
      if (l != null) {
        f.writeSharedWhile(l::held);
      }
      openFiles();
      f.register(searchIndex);
      linkedData.open(catalog, baseUrl);
      f.register(linkedData.projector());
      // Only a server keeps the renditions: they carry its base URL, which a command may not know.
      OaiRenditions renditions = new OaiRenditions(catalog, settings, new Urls(baseUrl));
      oaiRenditions = renditions;
      f.register(renditions);
      f.start(ProjectionFollower.Startup.of(settings), meanwhile);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Opens every store on a thread of its own and starts the follower ({@code
   * projection.startup=background}): the server turns ready meanwhile. The OAI-PMH renditions are
   * set up here at once (requests render a record themselves while its rendition is missing); the
   * search index and the RDF store answer requests once they are open, which each waits for briefly
   * before it is answered 503 with Retry-After ({@link StoreOpeningException}). A store that cannot
   * be opened is logged and named in {@code /health}; the rest is served.
   */
  public void openInBackground(Catalog catalog, String baseUrl) {
    ProjectionFollower f = ProjectionFollower.of(catalog, settings);
    ClusterLease l = lease;
    if (l != null) {
      f.writeSharedWhile(l::held);
    }
    OaiRenditions renditions = new OaiRenditions(catalog, settings, new Urls(baseUrl));
    oaiRenditions = renditions;
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    opened = done;
    linkedData.openingInBackground();
    Thread t =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try {
                openFiles();
                f.register(searchIndex);
                linkedData.open(catalog, baseUrl);
                f.register(linkedData.projector());
                f.register(renditions);
                if (closed) {
                  return;
                }
                follower = f;
                f.start(ProjectionFollower.Startup.BACKGROUND);
                LOG.info(
                    "search index and RDF store open in {} ms",
                    (System.nanoTime() - t0) / 1_000_000);
              } catch (RuntimeException e) {
                if (!closed) {
                  failure = e.getMessage();
                  LOG.error(
                      "a derived store could not be opened; its requests are answered 503: {}",
                      e.getMessage());
                }
                linkedData.openFailed(e.getMessage());
              } finally {
                done.countDown();
              }
            },
            "stores-opening");
    t.setDaemon(true);
    opener = t;
    t.start();
  }

  /** The names of the stores still opening in the background ({@link #openInBackground}). */
  public List<String> opening() {
    java.util.concurrent.CountDownLatch o = opened;
    if (o == null || o.getCount() == 0) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    if (searchIndex == null) {
      names.add("search");
    }
    if (linkedData.isOpening()) {
      names.add("rdf");
    }
    return names;
  }

  /** Why opening the stores in the background failed, or null. */
  public String failure() {
    return failure;
  }

  /**
   * Waits until the stores opened in the background are open (or failed to open).
   *
   * @return false when they are still opening after {@code millis}
   */
  public boolean awaitOpen(long millis) throws InterruptedException {
    java.util.concurrent.CountDownLatch o = opened;
    return o == null || o.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * The search index for a request: waits up to two seconds while it opens in the background.
   *
   * @throws StoreOpeningException when it is still opening, or could not be opened
   */
  public SearchIndex searchIndexForRequest() {
    java.util.concurrent.CountDownLatch o = opened;
    if (o != null) {
      StoreOpeningException.await(o, REQUEST_WAIT_MILLIS, "the search index");
    }
    SearchIndex s = searchIndex;
    if (s == null || failure != null && follower == null) {
      throw new StoreOpeningException(
          "the search index could not be opened (the server's log says why)");
    }
    return s;
  }

  /** Tells the follower, if it has started, that single writes are coming one after another. */
  public void writesArriving() {
    ProjectionFollower f = follower;
    if (f != null) {
      f.writesArriving();
    }
  }

  /** Wakes the follower, if it has started (one that starts later reads the change log anyway). */
  public void wake() {
    ProjectionFollower f = follower;
    if (f != null) {
      f.wake();
    }
  }

  /**
   * On a PostgreSQL catalog, which several nodes may share: registers this node with the settings
   * the nodes must share and starts trying for the cluster's writer lease; the stores every node
   * shares are written only while this node holds it. Call before {@link #open}. Nothing happens on
   * SQLite.
   *
   * @throws ClusterNodes.SettingsDifferException when a shared setting differs from a running
   *     node's
   */
  public void joinCluster(Catalog catalog, String baseUrl, int port) {
    if (catalog.dialect() != Catalog.Dialect.POSTGRESQL) {
      return;
    }
    String node = ClusterSettings.nodeName(settings, port);
    ClusterNodes.register(
        catalog,
        node,
        ClusterSettings.of(settings, baseUrl),
        settings.get(Settings.CLUSTER_NODE_TIMEOUT_SECONDS));
    lease =
        ClusterLease.start(
            catalog,
            node,
            java.time.Duration.ofMillis(settings.get(Settings.CLUSTER_HEARTBEAT_MILLIS)),
            () -> {
              ProjectionFollower f = follower;
              if (f != null) {
                f.wake();
              }
            });
  }

  /** The cluster's writer lease, or null on a SQLite catalog (a single node, which writes all). */
  public ClusterLease lease() {
    return lease;
  }

  /**
   * Opens the search index and the RDF store, which needs no catalog: a server does it on another
   * thread while its catalog opens, and {@link #open} then uses what is open.
   */
  public synchronized void openFiles() {
    if (searchIndex == null) {
      searchIndex = SearchIndex.open(searchPath(settings));
    }
    linkedData.openStore();
  }

  public boolean isOpen() {
    return follower != null && searchIndex != null;
  }

  /**
   * The search index (the site's search, collection pages and sitemaps read it); open from {@link
   * #open}.
   */
  public SearchIndex searchIndex() {
    SearchIndex s = searchIndex;
    if (s == null) {
      throw new IllegalStateException("the search index is not open yet");
    }
    return s;
  }

  /**
   * The linked data (store, URIs, projector): exists from construction, open from {@link #open}.
   */
  public LinkedData linkedData() {
    return linkedData;
  }

  /** The records OAI-PMH sends, rendered ahead of requests; null until {@link #open}. */
  public OaiRenditions oaiRenditions() {
    return oaiRenditions;
  }

  /** The follower that drives every store; null until {@link #open}. */
  public ProjectionFollower follower() {
    return follower;
  }

  /** Each store's lag behind the catalog; empty until {@link #open}. */
  public List<Lag> lag() {
    ProjectionFollower f = follower;
    java.util.concurrent.CountDownLatch o = opened;
    return f == null || searchIndex == null || (o != null && o.getCount() > 0)
        ? List.of()
        : f.lag();
  }

  /** Stops the follower after the batches in progress, then closes every store. */
  @Override
  public void close() {
    closed = true;
    // A background opening ends soon after (a wait for another process's lock ends with close);
    // what it opened is closed below, and what it opens after this is closed by the second pass.
    linkedData.stopOpening();
    Thread t = opener;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ProjectionFollower f = follower;
    if (f != null) {
      f.close();
    }
    // After the follower: the last batch is written while this node still holds the lease.
    ClusterLease l = lease;
    if (l != null) {
      l.close();
    }
    // Stores opened but not yet registered when an open failed; closing twice does no harm.
    linkedData.close();
    SearchIndex s = searchIndex;
    if (s != null) {
      s.close();
    }
  }

  // ---- in a command's process ----

  /**
   * After a command changed the catalog: catches up every store this process can take the lock of.
   * A store another process holds (a running server) is left to that process's follower; a store
   * that cannot be opened or fails is reported and left to the server too, since the catalog
   * already holds the change.
   */
  public static void catchUp(Settings settings, Catalog catalog, PrintStream out) {
    try (ForCommand stores = forCommand(settings, catalog, out)) {
      stores.catchUp();
    }
  }

  /**
   * Opens the stores a command that changes the catalog keeps in step: every store this process can
   * take the lock of. Open it before the change, so that the search index can be {@link
   * ForCommand#prefill prefilled} while the change is written, and {@link ForCommand#catchUp catch
   * up} after it.
   */
  public static ForCommand forCommand(Settings settings, Catalog catalog, PrintStream out) {
    ProjectionFollower f = ProjectionFollower.of(catalog, settings);
    try {
      List<Opened> opened = leaveSharedToTheWriter(settings, catalog, openAll(settings, catalog));
      SearchIndex index = null;
      for (Opened o : opened) {
        if (o.projection() != null) {
          f.register(o.projection());
          if (o.projection() instanceof SearchIndex s) {
            index = s;
          }
        }
      }
      return new ForCommand(settings, out, f, opened, index);
    } catch (RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /** The stores a command opened; closing it closes them. */
  public static final class ForCommand implements AutoCloseable {
    private final Settings settings;
    private final PrintStream out;
    private final ProjectionFollower follower;
    private final List<Opened> opened;
    private final SearchIndex index;

    private ForCommand(
        Settings settings,
        PrintStream out,
        ProjectionFollower follower,
        List<Opened> opened,
        SearchIndex index) {
      this.settings = settings;
      this.out = out;
      this.follower = follower;
      this.opened = opened;
      this.index = index;
    }

    /**
     * A listener for the catalog transaction of the change that indexes each record as it is
     * written, alongside the writing; null when the search index is not this process's. After a
     * commit, {@link #catchUp} must follow; after a rollback the index is closed.
     */
    public CatalogWriter.Listener prefill() {
      return index == null ? null : index.prefill();
    }

    /**
     * Applies the change log to every open store, each on a thread of its own, and says what each
     * did on the command's output.
     */
    public void catchUp() {
      long poll = settings.get(Settings.PROJECTION_POLL_MILLIS);
      for (Opened o : opened) {
        if (o.projection() == null) {
          out.println(
              o.name()
                  + ": "
                  + (o.held()
                      ? "in use by a running server, which applies the change within "
                          + poll
                          + " ms"
                      : o.problem() == null
                          ? "kept in memory by the server, which projects it at its start"
                          : o.problem() + "; the server catches up when it can"));
        }
      }
      List<Projection<?>> projections = follower.projections();
      List<Thread> threads = new ArrayList<>();
      for (Projection<?> p : projections) {
        Thread t = new Thread(() -> catchUp(p), "catch-up-" + p.name());
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        joinUninterruptibly(t);
      }
    }

    private void catchUp(Projection<?> p) {
      long t0 = System.nanoTime();
      try {
        long applied = follower.catchUpNow(p);
        synchronized (out) {
          out.printf(
              "%s: applied %d change(s), up to change %d, in %.1f s%n",
              p.name(), applied, p.appliedSeq(), (System.nanoTime() - t0) / 1e9);
        }
      } catch (ProjectionFollower.ProjectionException e) {
        synchronized (out) {
          out.println(e.getMessage() + "; the server catches up when it can");
        }
      }
    }

    @Override
    public void close() {
      follower.close();
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Rebuilds every store from the catalog, on the calling thread. Every store's lock is taken
   * before any is touched: when another process holds one, this says so on {@code err} and changes
   * nothing.
   *
   * @return false when a store is held by another process or cannot be opened
   */
  public static boolean rebuild(
      Settings settings, Catalog catalog, PrintStream out, PrintStream err) {
    return rebuild(settings, catalog, out, err, () -> {});
  }

  /**
   * As {@link #rebuild(Settings, Catalog, PrintStream, PrintStream)}, running {@code whenLocked}
   * once every store's lock is held and before any is rebuilt: a change to the catalog made there
   * (a refresh of the change streams) is in the rebuilt stores, and is not made when the rebuild is
   * refused.
   */
  public static boolean rebuild(
      Settings settings, Catalog catalog, PrintStream out, PrintStream err, Runnable whenLocked) {
    try (ProjectionFollower f = ProjectionFollower.of(catalog, settings)) {
      boolean all = true;
      for (Opened opened : openAll(settings, catalog)) {
        if (opened.projection() != null) {
          f.register(opened.projection());
        } else if (opened.held() || opened.problem() != null) {
          err.println(opened.name() + ": " + opened.problem());
          all = false;
        }
      }
      if (!all) {
        return false;
      }
      whenLocked.run();
      for (Projection<?> p : f.projections()) {
        long t0 = System.nanoTime();
        p.rebuild(catalog);
        f.catchUpNow(p);
        out.printf(
            "rebuilt: %s, up to change %d, in %.1f s%n",
            p.name(), p.appliedSeq(), (System.nanoTime() - t0) / 1e9);
      }
      return true;
    }
  }

  /**
   * A store as a command found it: open (a projection), held by another process, or failing (why).
   */
  private record Opened(String name, Projection<?> projection, boolean held, String problem) {}

  /**
   * On a catalog that running nodes share, a command leaves the stores they share to the node that
   * holds the writer lease (two writers could write an older state of a record over a newer one).
   */
  private static List<Opened> leaveSharedToTheWriter(
      Settings settings, Catalog catalog, List<Opened> opened) {
    if (catalog.dialect() != Catalog.Dialect.POSTGRESQL) {
      return opened;
    }
    List<ClusterNodes.Node> writers =
        ClusterNodes.alive(catalog, settings.get(Settings.CLUSTER_NODE_TIMEOUT_SECONDS)).stream()
            .filter(ClusterNodes.Node::writer)
            .toList();
    if (writers.isEmpty()) {
      return opened;
    }
    List<Opened> kept = new ArrayList<>();
    for (Opened o : opened) {
      if (o.projection() != null && o.projection().sharedByCluster()) {
        o.projection().close();
        kept.add(
            new Opened(
                o.name(),
                null,
                false,
                "written by node " + writers.get(0).name() + ", which holds the writer lease"));
      } else {
        kept.add(o);
      }
    }
    return kept;
  }

  /** Opens every store a command may keep; on failure closes what it opened and rethrows. */
  private static List<Opened> openAll(Settings settings, Catalog catalog) {
    List<Opened> all = new ArrayList<>();
    try {
      try {
        all.add(new Opened("search", SearchIndex.open(searchPath(settings)), false, null));
      } catch (SearchIndexException e) {
        all.add(new Opened("search", null, e.inUse(), e.getMessage()));
      }
      LinkedData rdf = new LinkedData(settings);
      if (rdf.inMemory()) {
        // Nothing to keep: the server projects its memory store at each start.
        all.add(new Opened("rdf", null, false, null));
      } else {
        try {
          rdf.openForCommand(catalog);
          all.add(new Opened("rdf", rdf.projector(), false, null));
        } catch (RdfStore.StoreLockedException e) {
          all.add(new Opened("rdf", null, true, e.getMessage() + "; stop it first"));
        } catch (RuntimeException e) {
          all.add(
              new Opened(
                  "rdf", null, false, "the store could not be opened (" + e.getMessage() + ")"));
        }
      }
      return all;
    } catch (RuntimeException | Error e) {
      all.forEach(
          o -> {
            if (o.projection() != null) {
              o.projection().close();
            }
          });
      throw e;
    }
  }

  private static java.nio.file.Path searchPath(Settings settings) {
    return settings.dataDir().resolve("search");
  }
}
