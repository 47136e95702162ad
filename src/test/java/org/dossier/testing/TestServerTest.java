package org.dossier.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test server cleans up after itself, and only after itself. */
class TestServerTest {

  @Test
  void closingDeletesTheDataDirectoryItMade() throws Exception {
    Path data;
    try (TestServer server = TestServer.start()) {
      data = server.dataDir();
      assertEquals(200, server.get("/health").statusCode());
      assertTrue(Files.exists(data.resolve("catalog.db")));
    }
    assertFalse(Files.exists(data), data + " is gone");
  }

  @Test
  void closingKeepsADataDirectoryItWasGiven(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (TestServer server = TestServer.start(data, Map.of())) {
      assertEquals(200, server.get("/health").statusCode());
    }
    assertTrue(Files.exists(data.resolve("catalog.db")));
  }

  @Test
  void deletingATreeRemovesLinksNotWhatTheyPointTo(@TempDir Path dir) throws Exception {
    Path outside = Files.writeString(dir.resolve("outside.txt"), "kept");
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("a/b"));
    Files.writeString(tree.resolve("a/b/file.txt"), "x");
    Files.createSymbolicLink(tree.resolve("a/link"), outside);
    Files.createSymbolicLink(tree.resolve("dirlink"), dir);
    TestServer.deleteTree(tree);
    assertFalse(Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("kept", Files.readString(outside));
  }
}
