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

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Output file (.jsonl).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--ocr-words",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Give every page an ALTO file of about N made-up words (written into the data directory's ocr/ folder)"
              + " and every record those words as its transcript (default: none).")
  int ocrWords;

  @Option(
      names = "--no-transcripts",
      description = "With --ocr-words: the pages' ALTO files only, no transcript in the records.")
  boolean noTranscripts;

  @Option(
      names = "--pages",
      defaultValue = "3",
      paramLabel = "N",
      description = "Pages per record with --ocr-words (default: ${DEFAULT-VALUE}).")
  int pages;

  @Override
  public Integer call() throws Exception {
    if (records < 0 || ocrWords < 0 || pages < 1) {
      throw new IllegalArgumentException(
          "--records and --ocr-words must not be negative, --pages must be at least 1");
    }
    if (ocrWords > 0) {
      java.nio.file.Path ocr = common.settings().dataDir().resolve("ocr");
      Generator.writeWithText(out, ocr, records, pages, ocrWords, !noTranscripts, new Random(seed));
      System.err.println(
          "wrote "
              + records
              + " synthetic records to "
              + out
              + ", "
              + records * pages
              + " ALTO files to "
              + ocr);
      return 0;
    }
    Generator.write(out, records, new Random(seed));
    System.err.println("wrote " + records + " synthetic records to " + out);
    return 0;
  }
}
