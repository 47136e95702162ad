package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumption tokens (section 3.5) survive a round trip and nothing else: expiry, foreign secrets, edits. */
class TokenSignerTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private final TokenSigner signer = new TokenSigner("a secret".getBytes(StandardCharsets.UTF_8));
  private final ResumptionToken token = new ResumptionToken(Verb.LIST_RECORDS, "oai_dc", "type:telegram",
      Instant.parse("2020-01-01T00:00:00Z"), NOW, Instant.parse("2025-05-05T05:05:05Z"), "record-ü-1", 700, 1_000_000,
      NOW.plus(Duration.ofHours(24)));

  @Test
  void aSignedTokenReadsBackAsIssued() {
    assertEquals(token, signer.verify(signer.sign(token), NOW));
  }

  @Test
  void anExpiredTokenIsABadResumptionToken() {
    String text = signer.sign(token);
    OaiException e = assertThrows(OaiException.class, () -> signer.verify(text, NOW.plus(Duration.ofHours(25))));
    assertEquals(OaiError.BAD_RESUMPTION_TOKEN, e.failures().get(0).error());
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    String foreign = new TokenSigner("another".getBytes(StandardCharsets.UTF_8)).sign(token);
    assertThrows(OaiException.class, () -> signer.verify(foreign, NOW));
  }

  @Test
  void everySingleCharacterEditIsRefused() {
    String text = signer.sign(token);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < text.length(); i++) {
      char other = alphabet.charAt((alphabet.indexOf(text.charAt(i)) + 1) % alphabet.length());
      String edited = text.substring(0, i) + other + text.substring(i + 1);
      assertThrows(OaiException.class, () -> signer.verify(edited, NOW), "edit at " + i);
    }
  }

  @Test
  void withoutAConfiguredSecretOneIsMadeAndKeptInTheDataDirectory(@TempDir Path dir) throws Exception {
    String text = TokenSigner.fromSettings("", dir).sign(token);
    assertEquals(token, TokenSigner.fromSettings("", dir).verify(text, NOW));
    assertEquals(65, Files.readString(dir.resolve("oai-token-secret")).length());
  }
}
