package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pyramids a server remembers are bounded; one it forgot is read from disk again, not rebuilt.
 */
class PyramidCacheTest {
  @TempDir Path dir;

  @Test
  void atMostTheConfiguredNumberOfPyramidsIsRemembered() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    Pyramids pyramids =
        new Pyramids(
            dir.resolve("pyramids"),
            256,
            new Limits(4096, 4096, 16_777_216),
            100_000_000,
            null,
            3,
            0);
    for (int i = 0; i < 12; i++) {
      Path scan = images.resolve("s" + i + ".png");
      TestImages.write(TestImages.quadrants(300 + i, 200), "png", scan);
      pyramids.current("s" + i + ".png", scan);
    }
    assertTrue(pyramids.cached() <= 3, "remembers " + pyramids.cached());
    Path first = images.resolve("s0.png");
    assertEquals(Pyramids.Outcome.UP_TO_DATE, pyramids.ensure("s0.png", first));
    Pyramid again = pyramids.current("s0.png", first);
    assertEquals(300, again.width());
  }
}
