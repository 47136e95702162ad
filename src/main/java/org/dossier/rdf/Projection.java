package org.dossier.rdf;

import java.io.PrintStream;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;

/**
 * The projection as the command line runs it, in a process of its own: after an import or a
 * deletion it catches the store up when it can open it; a local store held by a running server is
 * left to that server, which catches up within {@code rdf.poll-seconds}. URIs are built from the
 * base URL the store was projected for, so that a command never rebuilds a server's store for
 * another address; an empty store takes the configured one.
 */
public final class Projection {
  private Projection() {}

  /** What a command should do when the store is held by a server. */
  public enum IfLocked { SKIP, FAIL }

  /**
   * Catches the store up (or rebuilds it) and says so on {@code out}.
   *
   * @return false when the store is held by another process and {@code ifLocked} is FAIL
   */
  public static boolean run(Settings settings, Catalog catalog, boolean rebuild, IfLocked ifLocked, PrintStream out) {
    RdfStore store;
    try {
      store = RdfStore.open(settings);
    } catch (RdfStore.StoreLockedException e) {
      if (ifLocked == IfLocked.FAIL) {
        out.println("rdf: " + e.getMessage() + "; stop the server first");
        return false;
      }
      out.println("rdf: the store is in use by a running server, which applies the change within "
          + settings.get(Settings.RDF_POLL_SECONDS) + " s");
      return true;
    } catch (RuntimeException e) {
      if (ifLocked == IfLocked.FAIL) {
        throw e;
      }
      out.println("rdf: the store could not be opened (" + e.getMessage() + "); the server catches up when it can");
      return true;
    }
    try (store) {
      String base;
      try (var c = store.connection()) {
        base = store.state(c).base();
      }
      if (base.isEmpty()) {
        base = settings.baseUrl(settings.get(Settings.SERVER_PORT));
      }
      Projector projector = new Projector(catalog, store, new RecordRdf(new Uris(base), settings.get(Settings.ARCHIVE_NAME)));
      long t0 = System.nanoTime();
      Projector.Result r = rebuild ? projector.rebuild() : projector.catchUp();
      out.printf("rdf: %s %d record(s) into the %s, up to change %d, in %.1f s%n",
          rebuild ? "rebuilt" : "projected", r.records(), store.description(), r.seq(), (System.nanoTime() - t0) / 1e9);
      return true;
    }
  }
}
