package org.dossier.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The build's training run for the class-data archive ({@code target/dossier.jsa}, see pom.xml and
 * {@code bin/dossier}): it runs {@code dossier serve} as the README's first command does, on a new
 * data directory, asks the server what a first visitor, a harvester and a viewer ask, and exits.
 * The JVM, started with {@code -XX:ArchiveClassesAtExit}, then writes every class the run loaded
 * into the archive, so that a later start maps them instead of reading and verifying each from the
 * jar.
 *
 * <p>{@code java -XX:ArchiveClassesAtExit=dossier.jsa -cp dossier.jar
 * org.dossier.cli.StartupTraining DIR} makes the archive for an installed jar (DIR: an empty
 * scratch directory, deleted first).
 */
public final class StartupTraining {
  /** What is asked once the server is ready: the pages and protocols a first start serves. */
  private static final List<String> PATHS =
      List.of(
          "/health",
          "/",
          "/search?q=Kim",
          "/oai?verb=Identify",
          "/oai?verb=ListRecords&metadataPrefix=oai_dc",
          "/iiif/3/collection/top",
          "/sparql?query=ASK%20%7B%7D");

  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: StartupTraining SCRATCH-DIRECTORY");
    }
    // As Main.main does before it runs a command.
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    Path scratch = Path.of(args[0]);
    if (Files.exists(scratch)) {
      RestoreCommand.deleteTree(scratch);
    }
    Files.createDirectories(scratch);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Thread serve =
        new Thread(
            () ->
                Main.run(
                    "serve",
                    "--data",
                    scratch.resolve("data").toString(),
                    "--port",
                    Integer.toString(port)),
            "serve");
    serve.setDaemon(true);
    serve.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (status(http, base + "/health") != 200) {
      if (System.nanoTime() > deadline || !serve.isAlive()) {
        System.err.println("training run: the server did not turn ready");
        System.exit(1);
      }
      Thread.sleep(50);
    }
    for (String path : PATHS) {
      status(http, base + path);
    }
    // The shutdown hook stops the server as a SIGTERM would; the JVM writes the archive after it.
    System.exit(0);
  }

  private static int status(HttpClient http, String url) throws InterruptedException {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }
}
