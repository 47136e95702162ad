package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dossier.config.Settings;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk fills during an import: the catalog lives on a small tmpfs mounted by the test (it needs
 * the right to mount, as root has; elsewhere the test is skipped), a running server serves from it,
 * and an import larger than the space left is started beside it.
 */
class DiskFullImportTest {
  @TempDir Path dir;

  @Test
  void anImportThatFillsTheDiskFailsClearlyChangesNothingAndTheServerServesOn() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", small.toString()) == 0,
        "cannot mount a tmpfs here");
    try {
      Path data = Files.createDirectories(dir.resolve("data"));
      String url = "jdbc:sqlite:" + small.resolve("catalog.db");
      Path config = dir.resolve("dossier.properties");
      Files.writeString(config, "catalog.url=" + url + "\n");
      try (TestServer server = TestServer.start(data, Map.of(Settings.CATALOG_URL.key(), url))) {
        long records = server.server().catalog().recordCount();
        long seq = server.server().catalog().lastChangeSeq();
        // About 40 MB of records: far more than the space left on the tmpfs.
        Path file = dir.resolve("big.jsonl");
        String summary = "x".repeat(19_000);
        try (Writer w = Files.newBufferedWriter(file)) {
          for (int i = 0; i < 2_000; i++) {
            w.write(
                "{\"id\":\"big-"
                    + i
                    + "\",\"title\":\"Big "
                    + i
                    + "\",\"summary\":\""
                    + summary
                    + i
                    + "\"}\n");
          }
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
          code =
              Main.run(
                  "import",
                  file.toString(),
                  "--data",
                  data.toString(),
                  "--config",
                  config.toString());
        } finally {
          System.setErr(saved);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.ENVIRONMENT, code, said);
        assertTrue(said.toLowerCase(java.util.Locale.ROOT).contains("full"), said);
        assertEquals(records, server.server().catalog().recordCount(), "the catalog is unchanged");
        assertEquals(
            seq, server.server().catalog().lastChangeSeq(), "nothing was logged as changed");
        assertEquals(200, server.get("/health").statusCode());
        assertEquals(
            200, server.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc").statusCode());
      }
    } finally {
      run("umount", small.toString());
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
