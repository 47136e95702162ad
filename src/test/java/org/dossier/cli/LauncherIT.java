package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.dossier.testing.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/dossier}, the README's way to run the jar: it starts the packaged jar with the
 * class-data archive the build made beside it, and the archive fits that jar.
 */
class LauncherIT {
  private static final Path JAR = JarProcesses.JAR.toAbsolutePath();
  private static final Path LAUNCHER = JAR.getParent().getParent().resolve("bin/dossier");

  @TempDir Path dir;

  @Test
  void theBuildsClassDataArchiveFitsTheJarAndTheLauncherStartsWithIt() throws Exception {
    // A JVM built without class-data sharing (no base archive) cannot make or map one: the build's
    // training run then makes no archive, and bin/dossier starts the jar as java -jar does.
    Process share =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on",
                "-version")
            .redirectErrorStream(true)
            .start();
    share.getInputStream().readAllBytes();
    assertTrue(share.waitFor(30, TimeUnit.SECONDS));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        share.exitValue() == 0, "this JVM has no class-data sharing");
    Path archive = JAR.resolveSibling("dossier.jsa");
    assertTrue(Files.isRegularFile(archive), "the build made " + archive);
    // -Xshare:on makes an archive that does not fit the jar an error rather than a silent miss;
    // the class-loading log says where Main came from.
    ProcessBuilder b =
        new ProcessBuilder(LAUNCHER.toString(), "--version")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    b.environment().put("JAVA_OPTS", "-Xshare:on -Xlog:class+load=info");
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(
        out.contains("org.dossier.cli.Main source: shared objects file (top)"),
        "Main is mapped from the build's archive:\n" + tail(out));
    assertTrue(out.contains("dossier "), "the command ran: " + tail(out));
  }

  @Test
  void theLauncherServesTheSampleArchiveFromAnEmptyDirectory() throws Exception {
    int port = JarProcesses.freePort();
    Process p =
        new ProcessBuilder(LAUNCHER.toString(), "serve", "--port", Integer.toString(port))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("serve.log").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int status = -1;
      while (status != 200 && System.nanoTime() < deadline && p.isAlive()) {
        try {
          status =
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/oai?verb=Identify"))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (java.io.IOException e) {
          Thread.sleep(100);
        }
      }
      assertEquals(200, status, Files.readString(dir.resolve("serve.log")));
      assertTrue(Files.isDirectory(dir.resolve("data")), "./data, as the README says");
    } finally {
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertTrue(
        p.exitValue() == 0 || p.exitValue() == 143,
        "exit on SIGTERM: " + p.exitValue() + "\n" + Files.readString(dir.resolve("serve.log")));
  }

  private static String tail(String out) {
    return out.length() > 2000 ? out.substring(out.length() - 2000) : out;
  }
}
