package org.dossier.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.cli.Generator;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Import throughput: generates a JSON Lines file of synthetic records and imports it into a fresh
 * catalog (SQLite in a temporary directory, or the PostgreSQL database given), timing the import
 * alone.
 */
@Command(
    name = "import",
    description =
        "Import N generated records (JSON Lines) into a fresh catalog and print records/s.")
final class ImportBench implements Callable<Integer> {
  @Option(
      names = "--records",
      defaultValue = "100000",
      description = "How many records (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--catalog-url",
      description =
          "JDBC URL of an EMPTY PostgreSQL database to import into (default: a new SQLite file).")
  String catalogUrl;

  @Option(names = "--user", defaultValue = "", description = "Database user for --catalog-url.")
  String user;

  @Option(
      names = "--password",
      defaultValue = "",
      description = "Database password for --catalog-url.")
  String password;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("dossier-bench-import");
    try {
      Path file = dir.resolve("records.jsonl");
      long t0 = System.nanoTime();
      Generator.write(file, records, new Random(1));
      System.out.printf(
          "generated: %d records, %.1f MB in %.1f s%n",
          records, Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
      try (Catalog catalog =
          catalogUrl == null
              ? Catalog.openSqlite(dir, 4)
              : Catalog.open(catalogUrl, user, password, 4)) {
        if (!catalog.isEmpty()) {
          System.err.println(
              "bench import: the catalog at " + catalog.description() + " is not empty");
          return 2;
        }
        Importer importer =
            new Importer(
                catalog,
                dir.resolve("images"),
                "http://rightsstatements.org/vocab/CNE/1.0/",
                System.err);
        long start = System.nanoTime();
        ImportReport report = importer.importFiles(List.of(file), false);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!report.ok()) {
          report.print(System.err);
          return 1;
        }
        System.out.println(
            "catalog: " + catalog.dialect().name().toLowerCase(java.util.Locale.ROOT));
        System.out.printf("import time: %.2f s%n", seconds);
        System.out.printf("import rate: %.0f records/s%n", records / seconds);
      }
      return 0;
    } finally {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
