package org.dossier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dossier.catalog.SqliteFiles;
import org.dossier.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "restore",
    description = {
      "Turn a file written by backup into a data directory (--data, or data.dir of the"
          + " configuration), which must be empty or missing.",
      "The next serve rebuilds the search index and the RDF store from the restored catalog."
    })
final class RestoreCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "FILE", description = "A backup file.")
  Path backup;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    if (BackupArchive.sqliteFile(settings) == null) {
      throw new IllegalArgumentException(
          "restore writes a SQLite catalog, but this configuration's catalog.url names"
              + " PostgreSQL; restore a pg_dump file with pg_restore instead");
    }
    if (!settings.get(Settings.CATALOG_URL).isEmpty()) {
      throw new IllegalArgumentException(
          "restore writes the catalog into the data directory; leave catalog.url empty");
    }
    if (!Files.isRegularFile(backup)) {
      throw new IllegalArgumentException("no backup file " + backup);
    }
    Path data = settings.dataDir().toAbsolutePath().normalize();
    if (Files.exists(data) && !isEmptyDirectory(data)) {
      throw new IllegalArgumentException(
          "the data directory "
              + data
              + " is not empty: restore only into an empty or missing directory (name another"
              + " with --data, or move this one away first)");
    }
    try (ZipFile zip = new ZipFile(backup.toFile())) {
      Properties manifest = manifest(zip);
      // Unpacked beside the data directory, then renamed: the data directory holds the whole
      // backup or nothing, whatever fails on the way.
      Files.createDirectories(data.getParent());
      Path staging = Files.createTempDirectory(data.getParent(), ".dossier-restore-");
      try {
        unpack(zip, staging);
        Path catalog = staging.resolve(BackupArchive.CATALOG);
        if (!Files.isRegularFile(catalog)) {
          throw new IllegalArgumentException(backup + " holds no catalog");
        }
        String check = SqliteFiles.integrityCheck(catalog);
        if (!check.equals("ok")) {
          throw new IllegalStateException("the catalog in " + backup + " is damaged: " + check);
        }
        SqliteFiles.Facts facts = SqliteFiles.facts(catalog);
        String expected = manifest.getProperty("catalog.last-change-seq", "");
        if (!expected.equals(Long.toString(facts.lastChangeSeq()))) {
          throw new IllegalStateException(
              "the catalog in "
                  + backup
                  + " ends at change "
                  + facts.lastChangeSeq()
                  + " where its manifest says "
                  + expected);
        }
        if (Files.exists(data)) {
          Files.delete(data); // empty, as checked above
        }
        Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(
            "restored: "
                + facts.records()
                + " record(s) up to change "
                + facts.lastChangeSeq()
                + " (schema "
                + facts.schemaVersion()
                + ", backup of "
                + manifest.getProperty("created", "?")
                + " by dossier "
                + manifest.getProperty("dossier.version", "?")
                + ") into "
                + data);
      } finally {
        if (Files.exists(staging)) {
          deleteTree(staging);
        }
      }
      String config = manifest.getProperty("config", "");
      if (!config.isEmpty()) {
        System.out.println(
            "restored: the configuration file in use then is "
                + data.resolve(BackupArchive.RESTORED_CONFIG_DIR)
                    .resolve(config.substring(BackupArchive.CONFIG_DIR.length()))
                + "; start with it (--config) or compare it with yours");
      }
      String tokenSecret = manifest.getProperty("token-secret", "");
      if (!tokenSecret.equals(BackupArchive.TOKEN_SECRET)) {
        System.out.println(
            "restored: the OAI token secret came from "
                + tokenSecret
                + "; give the restored server the same one so that harvests in progress go on");
      }
      String environment = manifest.getProperty("environment", "");
      if (!environment.isEmpty()) {
        System.out.println(
            "restored: these variables were set when the backup was taken: " + environment);
      }
      System.out.println(
          "restored: serve rebuilds the search index and the RDF store, and draws the image"
              + " pyramids again as they are asked for");
    }
    return 0;
  }

  private Properties manifest(ZipFile zip) throws IOException {
    ZipEntry entry = zip.getEntry(BackupArchive.MANIFEST);
    if (entry == null) {
      throw new IllegalArgumentException(
          backup + " is not a Dossier backup (no " + BackupArchive.MANIFEST + ")");
    }
    Properties manifest = new Properties();
    try (InputStream in = zip.getInputStream(entry)) {
      manifest.load(in);
    }
    if (!BackupArchive.FORMAT.equals(manifest.getProperty("format"))) {
      throw new IllegalArgumentException(
          backup
              + " is a backup of format "
              + manifest.getProperty("format")
              + ", which this version does not read");
    }
    return manifest;
  }

  /** Every entry but the manifest, each under the folder it belongs to and nowhere else. */
  private void unpack(ZipFile zip, Path dir) throws IOException {
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      if (entry.isDirectory() || name.equals(BackupArchive.MANIFEST)) {
        continue;
      }
      Path target;
      if (name.equals(BackupArchive.CATALOG) || name.equals(BackupArchive.TOKEN_SECRET)) {
        target = dir.resolve(name);
      } else if (name.startsWith(BackupArchive.CONFIG_DIR)) {
        target =
            dir.resolve(BackupArchive.RESTORED_CONFIG_DIR)
                .resolve(name.substring(BackupArchive.CONFIG_DIR.length()));
      } else if (name.startsWith(BackupArchive.IMAGES_DIR)) {
        target = dir.resolve(name);
      } else {
        throw new IllegalArgumentException(backup + " holds an unknown entry " + name);
      }
      target = target.normalize();
      if (!target.startsWith(dir) || target.equals(dir)) {
        throw new IllegalArgumentException(backup + " names a path outside the data directory");
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, target);
      }
      if (name.equals(BackupArchive.TOKEN_SECRET)
          && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
      }
      if (entry.getLastModifiedTime() != null) {
        Files.setLastModifiedTime(target, entry.getLastModifiedTime());
      }
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Deletes a directory and everything in it (also used by {@link StartupTraining}). */
  static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
