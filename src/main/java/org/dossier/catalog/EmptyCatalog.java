package org.dossier.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A new embedded (SQLite) catalog starts as a copy of an empty one that the build made with Flyway
 * from the same bundled migrations ({@code catalog/empty-sqlite.db} in the jar). Flyway and what it
 * loads (some 1,100 classes) then stay out of a fresh start, where migrating took a second or more;
 * the copy is checked like any catalog ({@link Migrations#allApplied}), so a copy that lacks a
 * migration is migrated by Flyway as before.
 */
final class EmptyCatalog {
  static final String RESOURCE = "/catalog/empty-sqlite.db";

  private EmptyCatalog() {}

  /**
   * Copies the empty catalog to the file of a {@code jdbc:sqlite:} URL that does not exist yet;
   * does nothing for any other URL, an existing file, or a build without the empty catalog.
   */
  static void copyIfNew(String url) {
    if (!url.startsWith("jdbc:sqlite:") || url.contains("?") || url.contains(":memory:")) {
      return;
    }
    Path file = Path.of(url.substring("jdbc:sqlite:".length()));
    if (Files.exists(file) || file.getParent() == null || !Files.isDirectory(file.getParent())) {
      return;
    }
    try (InputStream in = EmptyCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return;
      }
      // Written beside and moved into place: an interrupted copy never looks like a catalog.
      Path part = file.resolveSibling(file.getFileName() + ".part");
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Flyway makes the catalog as before; a directory that cannot be written fails there.
    }
  }

  /** At build time: makes the empty catalog at {@code args[0]} with Flyway. */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]).toAbsolutePath();
    Path dir = Files.createTempDirectory("dossier-empty-catalog");
    try {
      Catalog.open("jdbc:sqlite:" + dir.resolve("catalog.db"), "", "", 1).close();
      try (var files = Files.list(dir)) {
        if (files.anyMatch(f -> !f.getFileName().toString().equals("catalog.db"))) {
          throw new IllegalStateException("the empty catalog left files beside it in " + dir);
        }
      }
      Files.createDirectories(target.getParent());
      Files.copy(dir.resolve("catalog.db"), target, StandardCopyOption.REPLACE_EXISTING);
      Files.delete(dir.resolve("catalog.db"));
      Files.delete(dir);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
