package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dossier.cli.Main;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/** {@code dossier rebuild} builds the pyramid of every page, and only what is missing or stale. */
class RebuildPyramidsTest {

  @Test
  void rebuildBuildsMissingPyramidsAndSkipsCurrentOnes() throws Exception {
    Path data = Files.createTempDirectory("dossier-rebuild");
    try (TestServer server = TestServer.start(data, Map.of("archive.load-sample", "false"))) {
      TestImages.write(TestImages.quadrants(700, 500), "png", data.resolve("images/test/a.png"));
      TestImages.write(TestImages.quadrants(500, 700), "jpg", data.resolve("images/test/b.jpg"));
      TestImages.addRecord(
          server.server().catalog(),
          "two",
          TestImages.page("test/a.png", 700, 500),
          TestImages.page("test/b.jpg", 500, 700));
    }
    assertTrue(run(data).contains("2 image pyramid(s) built, 0 up to date, 0 failed"));
    assertTrue(Files.isRegularFile(data.resolve("pyramids/test/a.png/pyramid.json")));
    assertTrue(Files.isRegularFile(data.resolve("pyramids/test/b.jpg/pyramid.json")));
    assertTrue(run(data).contains("0 image pyramid(s) built, 2 up to date, 0 failed"));
    // a changed scan is rebuilt
    Files.setLastModifiedTime(
        data.resolve("images/test/a.png"),
        java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
    assertTrue(run(data).contains("1 image pyramid(s) built, 1 up to date, 0 failed"));
  }

  private static String run(Path data) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.run("rebuild", "--data", data.toString()));
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
