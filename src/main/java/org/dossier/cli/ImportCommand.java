package org.dossier.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.http.DerivedStores;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.storage.S3Store;
import org.dossier.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    description = {
      "Import records and collections from JSON, JSON Lines or CSV files (or directories of them).",
      "All or nothing: one invalid item and nothing is written, unless --skip-invalid."
    })
final class ImportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Files (.json, .jsonl, .ndjson, .csv) or directories.")
  List<Path> paths;

  @Option(
      names = "--skip-invalid",
      description = "Write the valid items and report the invalid ones.")
  boolean skipInvalid;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    try (Catalog catalog = common.openCatalog(settings);
        DerivedStores.ForCommand stores = DerivedStores.forCommand(settings, catalog, System.out)) {
      Importer importer =
          new Importer(
              catalog,
              settings.dataDir().resolve("images"),
              settings.get(Settings.ARCHIVE_DEFAULT_RIGHTS),
              System.err);
      // The search index takes each record as it is written, alongside the import.
      importer.listen(stores.prefill());
      S3Store bucket = Storage.isRemote(settings) ? S3Store.open(settings) : null;
      ImportReport report;
      try {
        if (bucket != null) {
          importer.scansIn(bucket.under("images"));
        }
        report = importer.importFiles(paths, skipInvalid);
      } finally {
        if (bucket != null) {
          bucket.close();
        }
      }
      report.print(report.ok() ? System.out : System.err);
      if (report.committed()) {
        stores.catchUp();
      }
      return report.ok() ? 0 : Main.INVALID_INPUT;
    }
  }
}
