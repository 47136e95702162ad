package org.dossier.projection;

import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Change;

/**
 * A store derived from the catalog that remembers how far it got in the change log. Applying a
 * change means writing the <em>current</em> state of what it names, so applying one twice does no
 * harm and a projection caught up change by change equals one rebuilt at once.
 *
 * <p>A {@link ProjectionFollower} drives it: it reads batches of the change log after {@link
 * #appliedSeq()}, has the projection {@link #read} the next batch while it {@link #apply applies}
 * the current one, and never runs two batches of one projection at a time.
 *
 * @param <B> a batch as the projection reads it from the catalog, ready to be written
 */
public interface Projection<B> extends AutoCloseable {

  /** A short, stable name: it names the projection in {@code /health} and in the logs. */
  String name();

  /** The last change-log sequence whose change is applied and visible to readers; 0 for none. */
  long appliedSeq();

  /**
   * Reads from the catalog what applying these changes needs: the current state of what they name.
   * Runs on a thread of the follower's while the previous batch is being applied, so it must not
   * touch the store.
   *
   * @param changes consecutive change-log entries after {@link #appliedSeq()}, oldest first
   */
  B read(Catalog catalog, List<Change> changes);

  /**
   * Writes a batch made by {@link #read}, whole or not at all. When {@code more} is false the
   * follower has nothing else to give now: the batch must be visible to readers when this returns,
   * and {@link #appliedSeq()} the sequence of its last change. While {@code more} is true the
   * projection may defer that (the search index commits every so many changes).
   */
  void apply(B batch, boolean more);

  /**
   * Empties the projection and starts it anew: either fills it from the catalog at once, leaving
   * {@link #appliedSeq()} at a sequence read before it started, or leaves it empty at sequence 0
   * for the follower to fill from the change log, whichever the store does better. Either way a
   * catch-up afterwards makes it current.
   */
  void rebuild(Catalog catalog);

  /**
   * True for a projection that readers can do without while it is behind (they compute what it
   * lacks themselves): a start that catches up first does not wait for it.
   */
  default boolean readersNeverWait() {
    return false;
  }

  /**
   * Readers (the server's requests) start using the projection from now on. Called once by the
   * follower, between two batches; a projection that writes differently while nobody reads it (see
   * the RDF store's isolation) switches here.
   */
  default void openToReaders() {}

  /**
   * Tells the projection which follower drives it, when it is registered: readers of the projection
   * can then ask that follower for a catch-up now instead of catching up themselves.
   */
  default void followedBy(ProjectionFollower follower) {}

  /**
   * True for a store that every node of a cluster shares (the OAI renditions in the catalog, a
   * remote RDF store): only the node holding the cluster's writer lease writes it, and the others
   * {@link #reload} its progress to report its lag. A store of the node's own (the search index, a
   * local RDF store) is written by every node.
   */
  default boolean sharedByCluster() {
    return false;
  }

  /**
   * Reads again how far the store got, which another node may have moved on: called on a node that
   * does not write the shared store, every poll, and when it takes the lease, before it writes.
   */
  default void reload() {}

  /** Closes the store; the follower calls it after its last batch has finished. */
  @Override
  void close();
}
