package org.dossier.projection;

/**
 * How far a projection is behind the catalog.
 *
 * @param name the projection's name
 * @param appliedSeq the last change-log sequence it applied and made visible
 * @param catalogSeq the newest sequence of the catalog's change log when asked
 * @param changesBehind change-log entries not yet applied
 * @param secondsBehind how long the oldest of them has been waiting, from when the follower first
 *     saw it (0 when current)
 * @param error why its last attempt failed, or null when it did not (it is retried)
 */
public record Lag(
    String name,
    long appliedSeq,
    long catalogSeq,
    long changesBehind,
    long secondsBehind,
    String error) {

  public boolean current() {
    return changesBehind == 0;
  }
}
