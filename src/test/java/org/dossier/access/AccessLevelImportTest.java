package org.dossier.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.catalog.AccessLevel;
import org.dossier.catalog.Catalog;
import org.dossier.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access level is a column of a CSV import as it is a field of JSON, and is checked. */
class AccessLevelImportTest {
  @TempDir Path dir;

  @Test
  void csvColumnSetsTheLevelAndAnUnknownLevelIsRefused() throws Exception {
    Path data = dir.resolve("data");
    Path csv = dir.resolve("records.csv");
    Files.writeString(
        csv,
        "id,title,access\n"
            + "a1,Open by default,\n"
            + "a2,Described only,metadata\n"
            + "a3,Low resolution for the public,restricted-images\n"
            + "a4,Not published,hidden\n");
    assertEquals(0, Main.run("import", csv.toString(), "--data", data.toString()));
    try (Catalog catalog = Catalog.openSqlite(data, 2)) {
      assertEquals(AccessLevel.OPEN, catalog.storedRecord("a1").orElseThrow().access());
      assertEquals(AccessLevel.METADATA, catalog.storedRecord("a2").orElseThrow().access());
      assertEquals(
          AccessLevel.RESTRICTED_IMAGES, catalog.storedRecord("a3").orElseThrow().access());
      assertEquals(AccessLevel.HIDDEN, catalog.storedRecord("a4").orElseThrow().access());
      // Published readers do not see the hidden one; the count of live records leaves it out.
      assertTrue(catalog.record("a4").isEmpty());
      assertEquals(3, catalog.recordCount());
    }

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "id,title,access\nb1,Wrong level,secret\n");
    assertNotEquals(0, Main.run("import", bad.toString(), "--data", data.toString()));
    try (Catalog catalog = Catalog.openSqlite(data, 2)) {
      assertTrue(catalog.storedRecord("b1").isEmpty());
    }
  }
}
