package org.dossier.iiif.discovery;

import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;

/** {@link OneTruthContract} on the embedded SQLite catalog. */
class SqliteOneTruthTest extends OneTruthContract {
  @Override
  protected TestServer start() throws Exception {
    return TestServer.start(settings(Map.of()));
  }

  /** An empty catalog, small pages of OAI-PMH lists, streams and IIIF collections. */
  static Map<String, String> settings(Map<String, String> more) {
    Map<String, String> s = new java.util.HashMap<>(more);
    s.put(Settings.ARCHIVE_LOAD_SAMPLE.key(), "false");
    s.put(Settings.IIIF_DISCOVERY_PAGE_SIZE.key(), "9");
    s.put(Settings.OAI_PAGE_SIZE.key(), "7");
    s.put(Settings.IIIF_COLLECTION_PAGE_SIZE.key(), "5");
    return s;
  }
}
