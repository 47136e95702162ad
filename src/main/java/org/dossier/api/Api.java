package org.dossier.api;

import java.util.List;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.RecordJson;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
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

  /**
   * How long a single write waits before the derived stores are woken: the writes of a client that
   * sends many one after another are applied as one batch, rather than each making the stores
   * commit (and write to the catalog) between two of its requests.
   */
  private static final long COALESCE_MILLIS = 200;

  private final java.util.concurrent.atomic.AtomicBoolean wakePending =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.ScheduledExecutorService waker =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "api-wake-projections");
            t.setDaemon(true);
            return t;
          });

  Api(Catalog catalog, Importer importer, Urls urls, Runnable changed) {
    this.catalog = catalog;
    this.importer = importer;
    this.urls = urls;
    this.changed = changed;
  }

  /** After an import: the derived stores are woken at once. */
  void changed() {
    changed.run();
  }

  /** After a single write: the derived stores are woken shortly, once for a burst of writes. */
  void changedOne() {
    if (wakePending.compareAndSet(false, true)) {
      waker.schedule(
          () -> {
            wakePending.set(false);
            changed.run();
          },
          COALESCE_MILLIS,
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
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
