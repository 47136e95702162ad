package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a server killed while building a pyramid leaves in the scan's folder (a partial build, a
 * partial description) is removed by the next build there; a build of a process that is still
 * running is left alone.
 */
class AbandonedBuildTest {
  @TempDir Path dir;

  @Test
  void theNextBuildRemovesThePartialsOfAProcessThatDiedAndKeepsALiveOnes() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    Path scan = images.resolve("s.png");
    TestImages.write(TestImages.quadrants(600, 400), "png", scan);
    Path folder = Files.createDirectories(dir.resolve("pyramids").resolve("s.png"));

    // A process that has exited: its id names no live process any more.
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
    long dead = gone.pid();
    Path deadBuild = Files.createDirectories(folder.resolve(".partial-build-" + dead + "-1234"));
    Files.createDirectories(deadBuild.resolve("0"));
    Files.write(deadBuild.resolve("0").resolve("0,0.jpg"), new byte[] {1, 2, 3});
    Path deadDescription = folder.resolve(".partial-pyramid-" + dead + "-5678.part");
    Files.writeString(deadDescription, "{\"version\":");
    // One being written by a live process (this one, as a rebuild beside a server would be).
    Path liveBuild =
        Files.createDirectories(folder.resolve(".partial-build-" + Pyramids.PID + "-9999"));

    Pyramids pyramids =
        new Pyramids(
            dir.resolve("pyramids"),
            256,
            new Limits(4096, 4096, 16_777_216),
            100_000_000,
            null,
            8,
            0);
    Pyramid p = pyramids.current("s.png", scan);
    assertEquals(600, p.width());

    assertFalse(Files.exists(deadBuild), "the dead process's partial build is gone");
    assertFalse(Files.exists(deadDescription), "the dead process's partial description is gone");
    assertTrue(Files.isDirectory(liveBuild), "a live process's build is left alone");
    try (Stream<Path> entries = Files.list(folder)) {
      List<String> names = entries.map(e -> e.getFileName().toString()).sorted().toList();
      assertEquals(
          List.of(
              ".partial-build-" + Pyramids.PID + "-9999",
              "pyramid.json",
              p.dir().getFileName().toString()),
          names);
    }
  }
}
