package org.dossier.api;

import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.projection.ProjectionFollower;
import org.dossier.urls.Urls;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API's resources share: the catalog, its importer, the URLs, and whom to tell of changes.
 */
final class Api {
  static final String JSON = "application/json";

  final Catalog catalog;
  final Importer importer;
  final Urls urls;

  /** Wakes what follows the change log (the derived stores) after a commit. */
  private final Runnable changed;

  /** Tells what follows the change log that single writes are coming one after another. */
  private final Runnable writesArriving;

  /**
   * How long the stream of single writes must pause before the derived stores are woken: the writes
   * of a client that sends many one after another are applied as one batch when it stops, rather
   * time all along. While the writes go on, the follower is told of each ({@code writesArriving}),
   * and its polls leave them for a few seconds at most (ProjectionFollower.HOLD_NANOS).
   */
  private static final long QUIET_NANOS = ProjectionFollower.ARRIVAL_GAP_NANOS;

  private final java.util.concurrent.atomic.AtomicBoolean wakePending =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile long lastSingleWrite;
  private final java.util.concurrent.ScheduledExecutorService waker =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "api-wake-projections");
            t.setDaemon(true);
            return t;
          });

  Api(Catalog catalog, Importer importer, Urls urls, Runnable changed, Runnable writesArriving) {
    this.catalog = catalog;
    this.importer = importer;
    this.urls = urls;
    this.changed = changed;
    this.writesArriving = writesArriving;
  }

  /** After an import: the derived stores are woken at once. */
  void changed() {
    changed.run();
  }

  /** After a single write: the derived stores are woken once the writes pause (see QUIET_NANOS). */
  void changedOne() {
    lastSingleWrite = System.nanoTime();
    writesArriving.run();
    if (wakePending.compareAndSet(false, true)) {
      waker.schedule(this::wakeWhenQuiet, QUIET_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private void wakeWhenQuiet() {
    long quiet = System.nanoTime() - lastSingleWrite;
    if (quiet < QUIET_NANOS) {
      waker.schedule(
          this::wakeWhenQuiet, QUIET_NANOS - quiet, java.util.concurrent.TimeUnit.NANOSECONDS);
      return;
    }
    // A write from here on schedules its own wake; one between the check and this is applied by
    // this wake, since it committed before it called changedOne.
    wakePending.set(false);
    changed.run();
  }

  /**
   * The body of a PUT as a JSON object.
   *
   * @throws ApiProblem 400 for anything else
   */
  static ObjectNode object(String body) {
    JsonNode node;
    try {
      node = RecordJson.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiProblem.of(400, "the body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.of(400, "the body is not a JSON object");
    }
    return (ObjectNode) node;
  }

  /** The body's id: the URL's when it has none; a different one is refused. */
  static void sameId(ObjectNode item, String id) {
    JsonNode given = item.get("id");
    if (given == null) {
      item.put("id", id);
    } else if (!given.isString() || !given.asString().equals(id)) {
      throw ApiProblem.of(
          400, "the id in the body (" + given + ") is not the id in the URL ('" + id + "')");
    }
  }

  /** Refuses what the import checks refused: 422 with the problems. */
  static void requireValid(ImportReport report) {
    if (!report.ok()) {
      throw ApiProblem.invalid(
          "the body fails the import checks; nothing was written",
          report.problems(),
          java.util.Map.of());
    }
  }

  static List<ObjectNode> one(ObjectNode item) {
    return List.of(item);
  }
}
