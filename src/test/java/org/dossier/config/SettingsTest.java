package org.dossier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void documentedConfigurationListsEveryKeyWithItsDefault() throws IOException {
    Properties documented = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of("conf/dossier.properties"))) {
      documented.load(r);
    }
    Set<String> keys = Settings.ALL.stream().map(Setting::key).collect(Collectors.toSet());
    assertEquals(keys, documented.stringPropertyNames());
    for (Setting<?> s : Settings.ALL) {
      assertEquals(s.defaultText(), documented.getProperty(s.key()), "default of " + s.key());
    }
    String text = Files.readString(Path.of("conf/dossier.properties"));
    for (Setting<?> s : Settings.ALL) {
      int at = text.indexOf("\n" + s.key() + "=");
      assertTrue(
          at > 0
              && text.substring(0, at)
                  .stripTrailing()
                  .lines()
                  .reduce((a, b) -> b)
                  .orElse("")
                  .startsWith("#"),
          s.key() + " needs a comment above it");
    }
  }

  @Test
  void environmentOverridesTheFileAndOptionsOverrideBoth() throws IOException {
    Path file = dir.resolve("d.properties");
    Files.writeString(file, "server.port=9000\narchive.name=From file\n");
    Settings s =
        Settings.load(
            file,
            Map.of("DOSSIER_SERVER_PORT", "9100", "DOSSIER_ARCHIVE_NAME", "From env"),
            Map.of("server.port", "9200"));
    assertEquals(9200, s.get(Settings.SERVER_PORT));
    assertEquals("From env", s.get(Settings.ARCHIVE_NAME));
  }

  @Test
  void unknownKeysAndBadValuesAreRefusedWithTheirName() throws IOException {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "server.prot=9000\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Settings.load(file, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("server.prot"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.load(null, Map.of("DOSSIER_SERVER_PORT", "eighty"), Map.of()));
    assertTrue(e.getMessage().contains("server.port"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.load(null, Map.of(), Map.of("server.port", "70000")));
    assertTrue(e.getMessage().contains("70000"));
  }

  @Test
  void aReplacedKeyIsRefusedWithWhatTookItsPlace() throws IOException {
    Path file = dir.resolve("old.properties");
    Files.writeString(file, "rdf.poll-seconds=5\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Settings.load(file, Map.of(), Map.of()));
    assertTrue(
        e.getMessage().contains("'rdf.poll-seconds' was replaced by projection.poll-millis"),
        e.getMessage());
  }

  @Test
  void baseUrlDefaultsToLocalhostAndThePort() {
    assertEquals("http://localhost:8123", Settings.defaults().baseUrl(8123));
    assertEquals(
        "https://archive.example.org",
        Settings.load(null, Map.of(), Map.of("server.base-url", "https://archive.example.org/"))
            .baseUrl(8123));
  }
}
