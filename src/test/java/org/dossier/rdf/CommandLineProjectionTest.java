package org.dossier.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dossier.cli.Main;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the server share the data directory: import and delete project into a store
 * nobody holds, and leave a store held by a running server to the server's catch-up.
 */
class CommandLineProjectionTest {
  @TempDir Path dir;

  static final String RECORD =
      """
      {"id": "cli-1", "title": "Synthetic test record", "date": "1951", "type": "memorandum",
       "people": ["Nobody Else"], "languages": ["en"]}
      """;

  @Test
  void importAndDeleteProjectIntoAStoreNobodyHolds() throws Exception {
    Path file = dir.resolve("one.json");
    Files.writeString(file, RECORD);
    Path data = dir.resolve("data");
    assertEquals(0, Main.run("import", file.toString(), "--data", data.toString()));
    Settings settings = Settings.load(null, Map.of(), Map.of("data.dir", data.toString()));
    try (RdfStore store = RdfStore.open(settings);
        RepositoryConnection c = store.connection()) {
      Uris uris = new Uris(store.state(c).base());
      assertTrue(c.hasStatement(uris.record("cli-1"), null, null, false));
      assertTrue(c.hasStatement(uris.person("Nobody Else"), null, null, false));
    }
    assertEquals(0, Main.run("delete", "cli-1", "--data", data.toString()));
    assertEquals(0, Main.run("rebuild", "--data", data.toString()));
    try (RdfStore store = RdfStore.open(settings);
        RepositoryConnection c = store.connection()) {
      assertEquals(0, c.size(), "nothing is left once the only record is deleted");
    }
  }

  @Test
  void aRunningServerCatchesUpWithADeletionMadeByTheCommandLine() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("projection.poll-millis", "200"))) {
      String id = "1950-04-conversation-stalin-kim-il-sung";
      assertEquals(200, server.get("/records/" + id + ".ttl").statusCode());
      // the server holds the LMDB store: delete leaves the projection to it
      assertEquals(0, Main.run("delete", id, "--data", dir.toString()));
      int status = 0;
      for (int i = 0; i < 100 && status != 410; i++) {
        Thread.sleep(100);
        status = server.get("/records/" + id + ".ttl").statusCode();
      }
      assertEquals(410, status);
      // and rebuild refuses to touch a store a server holds
      assertEquals(3, Main.run("rebuild", "--data", dir.toString()));
    }
  }
}
