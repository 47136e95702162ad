package org.dossier.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Import throughput: placeholder until the import benchmark lands. */
@Command(name = "import", description = "Import a generated JSON Lines file and print records/s.")
final class ImportBench implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
