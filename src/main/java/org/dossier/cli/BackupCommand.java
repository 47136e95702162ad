package org.dossier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dossier.catalog.SqliteFiles;
import org.dossier.config.Settings;
import org.dossier.sample.SampleArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "backup",
    description = {
      "Write one zip file that restore turns back into a data directory: a consistent copy of the"
          + " SQLite catalog (taken while the server or an import runs), the OAI-PMH token secret,"
          + " the configuration file given with --config and the page scans of images/.",
      "The search index, the RDF store and the image pyramids are left out: serve rebuilds them."
          + " A PostgreSQL catalog is backed up with pg_dump instead."
    })
final class BackupCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The backup file to write (a zip); it must not exist yet.")
  Path out;

  @Option(
      names = "--no-scans",
      description =
          "Leave the page scans (images/) out, for a data directory whose scans are copied"
              + " another way.")
  boolean noScans;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    Path database = BackupArchive.sqliteFile(settings);
    if (database == null) {
      System.err.println(postgresAdvice(settings));
      return Main.USAGE;
    }
    if (Files.exists(out)) {
      throw new IllegalArgumentException(out + " exists already; name a new file with --out");
    }
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, ".dossier-backup-", ".partial");
    Path copy = Files.createTempFile(dir, ".dossier-catalog-", ".db");
    try {
      Files.delete(copy); // VACUUM INTO writes a file that does not exist yet
      SqliteFiles.Facts facts = SqliteFiles.copy(database, copy);
      Path secret = settings.dataDir().resolve(BackupArchive.TOKEN_SECRET);
      boolean secretFile = Files.isRegularFile(secret);
      try (OutputStream file = Files.newOutputStream(partial);
          ZipOutputStream zip = new ZipOutputStream(file)) {
        Properties manifest = new Properties();
        manifest.setProperty("format", BackupArchive.FORMAT);
        manifest.setProperty("dossier.version", Main.version());
        manifest.setProperty("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        manifest.setProperty("catalog.schema-version", facts.schemaVersion());
        manifest.setProperty("catalog.last-change-seq", Long.toString(facts.lastChangeSeq()));
        manifest.setProperty("catalog.records", Long.toString(facts.records()));
        manifest.setProperty("catalog.renditions", "kept");
        manifest.setProperty("token-secret", tokenSecretSource(settings, secretFile));
        manifest.setProperty(
            "config",
            common.config == null ? "" : BackupArchive.CONFIG_DIR + common.config.getFileName());
        manifest.setProperty("scans", noScans ? "excluded" : "included");
        manifest.setProperty("environment", String.join(",", dossierVariables()));
        zip.putNextEntry(new ZipEntry(BackupArchive.MANIFEST));
        manifest.store(zip, "Dossier backup");
        zip.closeEntry();
        add(zip, BackupArchive.CATALOG, copy);
        if (secretFile) {
          add(zip, BackupArchive.TOKEN_SECRET, secret);
        }
        if (common.config != null) {
          add(zip, BackupArchive.CONFIG_DIR + common.config.getFileName(), common.config);
        }
        int scans = noScans ? 0 : addScans(zip, settings.dataDir().resolve("images"));
        zip.finish();
        file.flush();
        System.out.println(
            "backup: "
                + facts.records()
                + " record(s) up to change "
                + facts.lastChangeSeq()
                + " (schema "
                + facts.schemaVersion()
                + "), "
                + (secretFile ? "the token secret, " : "")
                + (common.config != null ? "the configuration file, " : "")
                + (noScans ? "no scans" : scans + " scan(s)")
                + " -> "
                + out);
      }
      Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
      if (!secretFile && settings.get(Settings.OAI_TOKEN_SECRET).isEmpty()) {
        System.err.println("backup: note: no OAI token secret in " + settings.dataDir());
      }
      if (!dossierVariables().isEmpty()) {
        System.err.println(
            "backup: note: settings from the environment are not in the backup (keep them"
                + " elsewhere): "
                + String.join(", ", dossierVariables()));
      }
      return 0;
    } finally {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(partial);
    }
  }

  /** Where the resumption-token secret in force comes from, for the manifest. */
  private String tokenSecretSource(Settings settings, boolean secretFile) throws IOException {
    if (!settings.get(Settings.OAI_TOKEN_SECRET).isEmpty()) {
      if (System.getenv(Settings.OAI_TOKEN_SECRET.environmentVariable()) != null) {
        return "environment (" + Settings.OAI_TOKEN_SECRET.environmentVariable() + ")";
      }
      return "configuration file";
    }
    return secretFile ? BackupArchive.TOKEN_SECRET : "none";
  }

  /** The names (never the values) of the DOSSIER_* variables set for this process. */
  private static TreeSet<String> dossierVariables() {
    TreeSet<String> names = new TreeSet<>();
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      if (e.getKey().startsWith("DOSSIER_")) {
        names.add(e.getKey());
      }
    }
    return names;
  }

  private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setLastModifiedTime(Files.getLastModifiedTime(file));
    zip.putNextEntry(entry);
    Files.copy(file, zip);
    zip.closeEntry();
  }

  /**
   * The page scans under images/, except the generated sample scans (a server renders them again),
   * as images/PATH.
   */
  private static int addScans(ZipOutputStream zip, Path images) throws IOException {
    if (!Files.isDirectory(images)) {
      return 0;
    }
    Path generated = images.resolve(SampleArchive.IMAGE_PREFIX);
    int[] n = {0};
    Files.walkFileTree(
        images,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
            return d.equals(generated) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            if (a.isRegularFile()) {
              String relative = images.relativize(f).toString().replace('\\', '/');
              add(zip, BackupArchive.IMAGES_DIR + relative, f);
              n[0]++;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return n[0];
  }

  /** What to do instead for a PostgreSQL catalog. */
  static String postgresAdvice(Settings settings) {
    String url = settings.get(Settings.CATALOG_URL);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("jdbc:postgresql://([^/:?]*)(?::(\\d+))?/([^?]*).*")
            .matcher(url);
    StringBuilder dump = new StringBuilder("pg_dump --format=custom --file=dossier.dump");
    String database = "DBNAME";
    if (m.matches()) {
      if (!m.group(1).isEmpty()) {
        dump.append(" --host=").append(m.group(1));
      }
      if (m.group(2) != null) {
        dump.append(" --port=").append(m.group(2));
      }
      if (!m.group(3).isEmpty()) {
        database = m.group(3);
      }
    }
    String user = settings.get(Settings.CATALOG_USER);
    if (!user.isEmpty()) {
      dump.append(" --username=").append(user);
    }
    dump.append(' ').append(database);
    return "dossier: backup copies the embedded SQLite catalog only; this configuration's catalog is"
        + " on PostgreSQL. Back it up with PostgreSQL's own tool, for example\n  "
        + dump
        + "\n(restore with pg_restore), and keep beside it the OAI token secret (oai.token-secret)"
        + " and the configuration file, with the page scans of "
        + settings.dataDir().resolve("images")
        + ".";
  }
}
