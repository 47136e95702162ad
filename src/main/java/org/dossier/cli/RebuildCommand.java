package org.dossier.cli;

import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.sample.SampleArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rebuild", description = "Recreate what is derived from the catalog: missing sample scans so far.")
final class RebuildCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    try (Catalog catalog = common.openCatalog(settings)) {
      int scans = SampleArchive.fillScans(catalog, settings.dataDir().resolve("images"));
      System.out.println("rebuilt: " + scans + " sample scan(s) rendered");
      return 0;
    }
  }
}
