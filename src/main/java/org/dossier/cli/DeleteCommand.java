package org.dossier.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.config.Settings;
import org.dossier.http.DerivedStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "delete",
    description = {
      "Delete records. Each leaves a tombstone (OAI-PMH deletedRecord=persistent).",
      "All or nothing: an unknown or already deleted id and nothing is deleted."
    })
final class DeleteCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Record ids.")
  List<String> ids;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    try (Catalog catalog = common.openCatalog(settings)) {
      int status = delete(catalog);
      if (status == 0) {
        DerivedStores.catchUp(settings, catalog, System.out);
      }
      return status;
    }
  }

  private int delete(Catalog catalog) {
    try (CatalogWriter writer = catalog.writer()) {
      List<String> refused = new ArrayList<>();
      for (String id : new java.util.LinkedHashSet<>(ids)) {
        if (!writer.delete(id)) {
          refused.add(id);
        }
      }
      if (!refused.isEmpty()) {
        for (String id : refused) {
          System.err.println("delete: no live record with id '" + id + "'");
        }
        System.err.println("delete refused: nothing was deleted");
        return Main.INVALID_INPUT;
      }
      writer.commit();
      System.out.println("deleted " + writer.counts().deleted() + " record(s)");
      return 0;
    }
  }
}
