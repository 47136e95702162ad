package org.dossier.catalog;

/**
 * A store derived from the catalog (the search index, the RDF store) that a request needs is still
 * opening after the server turned ready, or could not be opened. Like an unreachable catalog it
 * says nothing about the request, which will succeed once the store is open: servers answer it 503
 * with a short Retry-After, in the protocol's own form, and this message (written here, never a
 * library's).
 */
public final class StoreOpeningException extends CatalogUnavailableException {
  private static final long serialVersionUID = 1L;

  /** What servers send as Retry-After (seconds) while a store opens: it takes a second or two. */
  public static final int RETRY_AFTER_SECONDS = 1;

  public StoreOpeningException(String message) {
    super(message, null);
  }

  /**
   * Waits up to {@code millis} for a store that opens in the background (its latch counted down
   * once it is open, or failed).
   *
   * @param what the store, for the message ("the RDF store")
   * @throws StoreOpeningException when it is still opening after that
   */
  public static void await(java.util.concurrent.CountDownLatch opening, long millis, String what) {
    try {
      if (opening.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new StoreOpeningException(what + " is still opening");
  }

  @Override
  public int retryAfterSeconds() {
    return RETRY_AFTER_SECONDS;
  }
}
