package org.dossier.bench;

import picocli.CommandLine.Command;

/**
 * {@code dossier bench …}: benchmarks anyone can run against a local build. Each prints its figures
 * on stdout, one "name: value unit" line each, so they can be compared across machines and commits.
 */
@Command(name = "bench", description = "Run a benchmark and print its figures.",
    subcommands = {
        ImportBench.class,
        StartupBench.class,
        ImageBench.class,
        IiifBench.class,
        OaiBench.class,
        SearchBench.class,
        RdfBench.class,
    })
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a benchmark: see 'dossier bench --help'");
  }
}
