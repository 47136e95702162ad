package org.dossier.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar target/dossier-bench.jar NAME …}: benchmarks anyone can run against a local
 * build. Each prints its figures on stdout, one "name: value unit" line each, so they can be
 * compared across machines and commits. The bench jar holds only this package; its manifest puts
 * {@code dossier.jar} beside it on the class path, so the server measured is the one that ships.
 */
@Command(
    name = "dossier-bench",
    description = "Run a benchmark and print its figures.",
    subcommands = {
      ImportBench.class,
      StartupBench.class,
      ImageBench.class,
      IiifBench.class,
      OaiBench.class,
      DiscoveryBench.class,
      SearchBench.class,
      RdfBench.class,
      FullTextBench.class,
      SoakBench.class,
      ObserveBench.class,
      ApiBench.class,
      StorageBench.class,
      ClusterBench.class,
      CommandLine.HelpCommand.class,
    })
public final class BenchCommand implements Runnable {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  public static void main(String[] args) {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("dossier-bench: " + e.getMessage());
          return e instanceof IllegalArgumentException ? 2 : 3;
        });
    System.exit(cli.execute(args));
  }

  /**
   * The server's jar, for the benchmarks that start {@code serve} as a process of its own: the jar
   * that holds {@code cli.Main}, which the bench jar's manifest names beside it.
   */
  static Path serverJar(String bench) throws URISyntaxException {
    Path jar =
        Path.of(
            org.dossier.cli.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "run the benchmark from the packaged jars (mvn package): java -jar target/dossier-bench.jar "
              + bench);
    }
    return jar;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a benchmark: see 'dossier-bench --help'");
  }
}
