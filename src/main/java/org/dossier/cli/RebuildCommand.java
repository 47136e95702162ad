package org.dossier.cli;

import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.config.Settings;
import org.dossier.rdf.Projection;
import org.dossier.sample.SampleArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rebuild", description = "Recreate what is derived from the catalog: the RDF store (linked data, SPARQL) and missing sample scans.")
final class RebuildCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    try (Catalog catalog = common.openCatalog(settings)) {
      // The RDF store first: when a running server holds it, nothing is done and the user is told.
      if (!Projection.run(settings, catalog, true, Projection.IfLocked.FAIL, System.err)) {
        return Main.ENVIRONMENT;
      }
      int scans = SampleArchive.fillScans(catalog, settings.dataDir().resolve("images"));
      System.out.println("rebuilt: " + scans + " sample scan(s) rendered");
      return 0;
    }
  }
}
