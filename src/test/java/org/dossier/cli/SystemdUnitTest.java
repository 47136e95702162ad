package org.dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dossier.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code conf/dossier.service}: the options the README promises are there, its JVM flags start this
 * JVM, its command lines are ones {@code dossier} accepts, it waits for the shutdown grace, and (on
 * a machine with systemd) {@code systemd-analyze verify} finds nothing to say about it.
 */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("conf/dossier.service");

  @TempDir Path dir;

  /** The [Service] section: each key with its values in order (a key may be given twice). */
  private static Map<String, List<String>> service() throws Exception {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    String section = "";
    for (String line : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
        continue;
      }
      if (l.startsWith("[")) {
        section = l;
        continue;
      }
      if (section.equals("[Service]")) {
        int eq = l.indexOf('=');
        assertTrue(eq > 0, "a key=value line: " + l);
        keys.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
      }
    }
    return keys;
  }

  private static String one(Map<String, List<String>> service, String key) {
    List<String> values = service.get(key);
    assertNotNull(values, key + " is set");
    assertEquals(1, values.size(), key + " is set once");
    return values.get(0);
  }

  @Test
  void theHardeningOptionsAreThere() throws Exception {
    Map<String, List<String>> s = service();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("User", "dossier");
    expected.put("ProtectSystem", "strict");
    expected.put("ReadWritePaths", "/var/lib/dossier");
    expected.put("NoNewPrivileges", "yes");
    expected.put("PrivateTmp", "yes");
    expected.put("ProtectHome", "yes");
    expected.put("ProtectKernelTunables", "yes");
    expected.put("ProtectControlGroups", "yes");
    expected.put("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX");
    expected.put("LockPersonality", "yes");
    expected.put("CapabilityBoundingSet", "");
    expected.put("SystemCallArchitectures", "native");
    expected.put("KillSignal", "SIGTERM");
    expected.put("SuccessExitStatus", "143");
    expected.put("Restart", "on-failure");
    expected.forEach((key, value) -> assertEquals(value, one(s, key), key));
    assertTrue(one(s, "EnvironmentFile").endsWith("/etc/dossier/dossier.env"));
    assertFalse(
        s.getOrDefault("MemoryDenyWriteExecute", List.of()).contains("yes"),
        "the JIT needs memory that is written, then run");
  }

  @Test
  void theStopTimeoutOutlastsTheShutdownGrace() throws Exception {
    String timeout = one(service(), "TimeoutStopSec");
    assertTrue(timeout.matches("\\d+"), "plain seconds: " + timeout);
    int grace = Settings.defaults().get(Settings.SERVER_SHUTDOWN_GRACE_SECONDS);
    assertTrue(Integer.parseInt(timeout) > grace + 10, timeout + " s against a grace of " + grace);
  }

  /** The JVM flags start this JVM; the arguments after the jar are a valid dossier command line. */
  @Test
  void theCommandLinesWork() throws Exception {
    Map<String, List<String>> s = service();
    String data = one(s, "ReadWritePaths");
    for (String key : List.of("ExecStartPre", "ExecStart")) {
      List<String> words = Arrays.asList(one(s, key).split("\\s+"));
      assertEquals("/usr/bin/java", words.get(0));
      int jar = words.indexOf("-jar");
      assertTrue(jar > 0, key);
      List<String> flags = words.subList(1, jar);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(flags);
      command.add("-version");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), key + ": " + flags + " -> " + out);

      String[] args = words.subList(jar + 2, words.size()).toArray(String[]::new);
      CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
      assertTrue(parsed.hasSubcommand(), key);
      CommandLine.ParseResult sub = parsed.subcommand();
      assertEquals(data, sub.matchedOptionValue("--data", null).toString(), key);
      assertNotNull(sub.matchedOptionValue("--config", null), key);
      if (key.equals("ExecStart")) {
        assertEquals("serve", sub.commandSpec().name());
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-Xmx")), "a heap bound");
        assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"));
      } else {
        assertEquals("check", sub.commandSpec().name());
      }
    }
  }

  /** Where systemd is installed, its own checker has nothing to say about the unit. */
  @Test
  void systemdAnalyzeVerifiesTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(analyze), "systemd-analyze is not installed");
    Path unit = Files.copy(UNIT, dir.resolve("dossier.service"));
    Process p =
        new ProcessBuilder(analyze.toString(), "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains("dossier.service"), "no warning about the unit: " + out);
  }
}
