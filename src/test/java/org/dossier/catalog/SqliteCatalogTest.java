package org.dossier.catalog;

import java.nio.file.Path;
import org.dossier.testing.SteppingClock;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogTest extends CatalogContract {
  @TempDir Path dir;

  @Override
  protected Catalog openEmpty(SteppingClock clock) {
    return Catalog.open("jdbc:sqlite:" + dir.resolve("catalog.db"), "", "", 4, clock);
  }
}
