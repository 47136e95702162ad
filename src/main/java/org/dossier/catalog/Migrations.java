package org.dossier.catalog;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a catalog's schema already has every bundled migration, asked before Flyway is started:
 * at a server's start the answer is nearly always yes, and Flyway takes about half a second to give
 * it. Any doubt (no history table, a migration not applied or failed, a folder that cannot be
 * listed) answers no, and Flyway decides as before.
 */
final class Migrations {
  private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

  private Migrations() {}

  static boolean allApplied(DataSource source, String folder) {
    Set<String> bundled = bundled(folder);
    if (bundled.isEmpty()) {
      return false;
    }
    Set<String> applied = new HashSet<>();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (r.next()) {
        if (r.getString(1) != null && r.getBoolean(2)) {
          applied.add(normal(r.getString(1)));
        } else if (r.getString(1) != null) {
          return false; // a failed migration: Flyway reports it
        }
      }
    } catch (SQLException noHistoryYet) {
      return false;
    }
    return applied.containsAll(bundled);
  }

  /** The versions of the migrations in a class-path folder (a directory or inside a jar). */
  static Set<String> bundled(String folder) {
    Set<String> versions = new HashSet<>();
    URL url = Migrations.class.getClassLoader().getResource(folder);
    if (url == null) {
      return versions;
    }
    try {
      if (url.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(true);
        JarFile jar = connection.getJarFile();
        String prefix = folder + "/";
        for (var entries = jar.entries(); entries.hasMoreElements(); ) {
          JarEntry e = entries.nextElement();
          if (e.getName().startsWith(prefix)) {
            add(versions, e.getName().substring(prefix.length()));
          }
        }
      } else if (url.getProtocol().equals("file")) {
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
          files.forEach(f -> add(versions, f.getFileName().toString()));
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      versions.clear();
    }
    return versions;
  }

  private static void add(Set<String> versions, String name) {
    Matcher m = VERSIONED.matcher(name);
    if (m.matches()) {
      versions.add(normal(m.group(1)));
    }
  }

  /** Flyway writes {@code V1_2} as version {@code 1.2}; either spelling is the same version. */
  private static String normal(String version) {
    return version.replace('_', '.');
  }
}
