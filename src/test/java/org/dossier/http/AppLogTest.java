package org.dossier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.catalog.RecordJson;
import org.dossier.logging.Logging;
import org.dossier.testing.Fixtures;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The server's own log as it comes out on standard error: JSON lines with the request id of the
 * request a message was logged in (log.format=json), text as before otherwise, and never a secret
 * of the configuration.
 */
class AppLogTest {
  private static final String SECRET = "s3cret-Catalog-Passw0rd";
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream saved;

  @BeforeEach
  void capture() {
    saved = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(saved);
    Logging.useJson(false);
  }

  private List<String> lines() {
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void jsonLinesCarryTheRequestId() throws Exception {
    try (TestServer server =
        TestServer.start(Map.of("log.format", "json", "catalog.password", SECRET))) {
      Path file = server.dataDir().resolve("images/test/applog.png");
      Files.createDirectories(file.getParent());
      ImageIO.write(
          new BufferedImage(700, 500, BufferedImage.TYPE_3BYTE_BGR), "png", file.toFile());
      try (CatalogWriter writer = server.server().catalog().writer()) {
        writer.put(
            Fixtures.record("applog").pages(new Page("test/applog.png", 700, 500, null)).build());
        writer.commit();
      }
      // The first request for the image builds its pyramid, and says so in the log.
      assertEquals(
          200,
          server
              .get("/iiif/image/3/applog-p1/info.json", "X-Request-Id", "applog-request-1")
              .statusCode());
    }
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : lines()) {
      JsonNode node = RecordJson.read(line);
      assertTrue(node.isObject(), line);
      for (String field : List.of("time", "level", "logger", "message")) {
        assertTrue(node.hasNonNull(field), field + " in " + line);
      }
      parsed.add(node);
    }
    JsonNode built =
        parsed.stream()
            .filter(
                n -> n.get("message").asString().startsWith("built the pyramid of test/applog.png"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no pyramid line in " + lines()));
    assertEquals("applog-request-1", built.get("request_id").asString());
    assertEquals("INFO", built.get("level").asString());
    assertEquals("org.dossier.iiif.image.Pyramids", built.get("logger").asString());
    JsonNode started =
        parsed.stream()
            .filter(n -> n.get("message").asString().startsWith("Dossier serves"))
            .findFirst()
            .orElseThrow();
    assertFalse(started.has("request_id"), "logged outside any request: " + started);
    assertFalse(captured.toString(StandardCharsets.UTF_8).contains(SECRET), "no secret in the log");
  }

  @Test
  void textLinesAreAsBefore() throws Exception {
    try (TestServer server = TestServer.start(Map.of("catalog.password", SECRET))) {
      assertEquals(200, server.get("/health/live").statusCode());
    }
    String started =
        lines().stream()
            .filter(l -> l.contains("Dossier serves"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(lines().toString()));
    assertTrue(
        started.matches(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000 INFO DossierServer - Dossier serves .*"),
        started);
    assertFalse(captured.toString(StandardCharsets.UTF_8).contains(SECRET), "no secret in the log");
  }
}
