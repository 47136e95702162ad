package org.dossier.iiif.discovery;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dossier.catalog.RecordJson;
import org.dossier.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A harvester written from the specification's client algorithm (Discovery 1.0 §3.5.1 Collection
 * Algorithm, §3.5.2 Page Algorithm), keeping an index of the resources it found: each manifest's or
 * collection's label as last fetched. Between runs it keeps {@code lastCrawl}: the newest time of
 * the activities it saw (the publisher's clock, not its own, so a change committed while it walked
 * is found by the next run).
 */
final class Crawler {
  private final TestServer server;
  private final DiscoveryClient client;
  private final String collection;

  /** Resource URI → its label when last fetched. */
  final Map<String, String> index = new HashMap<>();

  private Instant lastCrawl;

  /** What the last run did. */
  final Set<String> processedItems = new LinkedHashSet<>();

  /** Resources fetched for a Create or Update that answered 410 (deleted since), this run. */
  final Set<String> goneOnFetch = new LinkedHashSet<>();

  int pagesRead;
  boolean stoppedAtRefresh;

  /**
   * Called after each page is read, so that a test can change the catalog while the crawler walks.
   */
  Runnable afterEachPage = () -> {};

  Crawler(TestServer server, String collection) {
    this.server = server;
    this.client = new DiscoveryClient(server);
    this.collection = collection;
  }

  Instant lastCrawl() {
    return lastCrawl;
  }

  /** One run of §3.5.1, then §3.5.2 from the last page backwards. */
  void crawl() {
    processedItems.clear();
    goneOnFetch.clear();
    pagesRead = 0;
    stoppedAtRefresh = false;
    boolean onlyDelete = false;
    Instant newest = lastCrawl;
    JsonNode stream = client.get(collection);
    String pageUrl = stream.get("last").get("id").asString();
    walk:
    while (pageUrl != null) {
      JsonNode page = client.get(pageUrl);
      pagesRead++;
      afterEachPage.run();
      JsonNode items = page.get("orderedItems");
      for (int i = items.size() - 1; i >= 0; i--) {
        JsonNode activity = items.get(i);
        String type = activity.get("type").asString();
        Instant time =
            Instant.parse(
                activity.has("endTime")
                    ? activity.get("endTime").asString()
                    : activity.get("startTime").asString());
        if (newest == null || time.isAfter(newest)) {
          newest = time;
        }
        // "If activity.endTime is before lastCrawl, then terminate"
        if (lastCrawl != null && time.isBefore(lastCrawl)) {
          break walk;
        }
        // "If activity.type is Refresh, then if lastCrawl is not null, then set onlyDelete to True,
        // else if lastCrawl is null, then terminate"
        if (type.equals("Refresh")) {
          if (lastCrawl == null) {
            stoppedAtRefresh = true;
            break walk;
          }
          onlyDelete = true;
          continue;
        }
        JsonNode object = activity.get("object");
        String id = object.get("id").asString();
        if (processedItems.contains(id)) {
          continue;
        }
        String objectType = object.get("type").asString();
        if (!objectType.equals("Manifest") && !objectType.equals("Collection")) {
          continue;
        }
        if (type.equals("Delete")
            || (type.equals("Remove")
                && activity.get("origin").get("id").asString().equals(collection))) {
          index.remove(id);
        } else if (onlyDelete) {
          continue;
        } else if (type.equals("Update") || type.equals("Create")) {
          include(id);
        } else {
          continue;
        }
        processedItems.add(id);
      }
      pageUrl = page.has("prev") ? page.get("prev").get("id").asString() : null;
    }
    lastCrawl = newest;
  }

  /**
   * Fetches the resource and keeps its label. A resource gone by then (410: deleted since the
   * activity) is dropped; its Delete is in the stream for the next run.
   */
  private void include(String id) {
    HttpResponse<String> response;
    try {
      response = server.get(id.substring(server.baseUrl().length()));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    if (response.statusCode() == 410) {
      goneOnFetch.add(id);
      index.remove(id);
      return;
    }
    if (response.statusCode() != 200) {
      throw new AssertionError(id + " answered " + response.statusCode());
    }
    JsonNode doc = RecordJson.MAPPER.readTree(response.body());
    index.put(id, doc.get("label").get("en").get(0).asString());
  }

  /** The ids the index holds that are not in the given set, and those it lacks, for messages. */
  static String difference(Set<String> expected, Set<String> actual) {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new HashSet<>(actual);
    extra.removeAll(expected);
    return "missing " + missing + ", extra " + extra;
  }
}
