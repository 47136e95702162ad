package org.dossier.cli;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes clearly synthetic records (every title says so) as JSON Lines, for benchmarks and load
 * tests. The same seed gives the same file.
 */
@Command(name = "generate", description = "Write N synthetic records (JSON Lines) for benchmarks.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--records", required = true, paramLabel = "N", description = "How many records.")
  int records;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file (.jsonl).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (records < 0) {
      throw new IllegalArgumentException("--records must not be negative");
    }
    Generator.write(out, records, new Random(seed));
    System.err.println("wrote " + records + " synthetic records to " + out);
    return 0;
  }
}
