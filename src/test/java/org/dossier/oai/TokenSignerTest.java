package org.dossier.oai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumption tokens (section 3.5) survive a round trip and nothing else: expiry, foreign secrets,
 * edits.
 */
class TokenSignerTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private final TokenSigner signer = new TokenSigner("a secret".getBytes(StandardCharsets.UTF_8));
  private final ResumptionToken token =
      new ResumptionToken(
          Verb.LIST_RECORDS,
          "oai_dc",
          "type:telegram",
          Instant.parse("2020-01-01T00:00:00Z"),
          NOW,
          Instant.parse("2025-05-05T05:05:05Z"),
          "record-ü-1",
          700,
          1_000_000,
          NOW.plus(Duration.ofHours(24)));

  @Test
  void aSignedTokenReadsBackAsIssued() {
    assertEquals(token, signer.verify(signer.sign(token), NOW));
  }

  @Test
  void anExpiredTokenIsABadResumptionToken() {
    String text = signer.sign(token);
    OaiException e =
        assertThrows(OaiException.class, () -> signer.verify(text, NOW.plus(Duration.ofHours(25))));
    assertEquals(OaiError.BAD_RESUMPTION_TOKEN, e.failures().get(0).error());
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    String foreign = new TokenSigner("another".getBytes(StandardCharsets.UTF_8)).sign(token);
    assertThrows(OaiException.class, () -> signer.verify(foreign, NOW));
  }

  /**
   * Tokens whose lengths leave every remainder modulo 3, so that their base64 ends on a whole
   * group, or on a last character with 4 or 2 bits that carry nothing.
   */
  private List<ResumptionToken> tokensOfEveryLength() {
    List<ResumptionToken> tokens = new ArrayList<>();
    Set<Integer> remainders = new HashSet<>();
    for (String afterId : List.of("r", "r1", "r12")) {
      ResumptionToken t =
          new ResumptionToken(
              token.verb(),
              token.metadataPrefix(),
              token.set(),
              token.from(),
              token.until(),
              token.afterDatestamp(),
              afterId,
              token.cursor(),
              token.completeListSize(),
              token.expires());
      tokens.add(t);
      remainders.add(Base64.getUrlDecoder().decode(signer.sign(t)).length % 3);
    }
    assertEquals(Set.of(0, 1, 2), remainders);
    return tokens;
  }

  @Test
  void flippingAnyBitOfThePayloadOrOfTheMacIsRefused() {
    for (ResumptionToken t : tokensOfEveryLength()) {
      byte[] signed = Base64.getUrlDecoder().decode(signer.sign(t));
      int macStart = signed.length - 16;
      for (int i = 0; i < signed.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] edited = signed.clone();
          edited[i] ^= (byte) (1 << bit);
          String text = Base64.getUrlEncoder().withoutPadding().encodeToString(edited);
          String where =
              "bit "
                  + bit
                  + " of "
                  + (i < macStart ? "payload byte " + i : "MAC byte " + (i - macStart));
          OaiException e = assertThrows(OaiException.class, () -> signer.verify(text, NOW), where);
          assertEquals(OaiError.BAD_RESUMPTION_TOKEN, e.failures().get(0).error(), where);
        }
      }
    }
  }

  @Test
  void aTokenCutShortOrLengthenedIsRefused() {
    for (ResumptionToken t : tokensOfEveryLength()) {
      byte[] signed = Base64.getUrlDecoder().decode(signer.sign(t));
      for (byte[] edited :
          List.of(
              Arrays.copyOf(signed, signed.length - 1),
              Arrays.copyOf(signed, signed.length + 1),
              Arrays.copyOfRange(signed, 1, signed.length))) {
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(edited);
        assertThrows(OaiException.class, () -> signer.verify(text, NOW), text);
      }
    }
  }

  @Test
  void everySingleCharacterEditIsRefused() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (ResumptionToken t : tokensOfEveryLength()) {
      String text = signer.sign(t);
      for (int i = 0; i < text.length(); i++) {
        // the next character and the one 32 places on: one changes a low bit, the other the top one
        for (int step : new int[] {1, 32}) {
          char other =
              alphabet.charAt((alphabet.indexOf(text.charAt(i)) + step) % alphabet.length());
          String edited = text.substring(0, i) + other + text.substring(i + 1);
          assertThrows(
              OaiException.class, () -> signer.verify(edited, NOW), "edit at " + i + " of " + text);
        }
      }
    }
  }

  @Test
  void withoutAConfiguredSecretOneIsMadeAndKeptInTheDataDirectory(@TempDir Path dir)
      throws Exception {
    String text = TokenSigner.fromSettings("", dir).sign(token);
    assertEquals(token, TokenSigner.fromSettings("", dir).verify(text, NOW));
    assertEquals(65, Files.readString(dir.resolve("oai-token-secret")).length());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theSecretFileIsReadableAndWritableByItsOwnerOnly(@TempDir Path dir) throws Exception {
    TokenSigner.fromSettings("", dir);
    assertEquals(
        PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(dir.resolve("oai-token-secret")));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aSecretFileOthersCouldReadIsMadeOwnerOnlyAndKept(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("oai-token-secret");
    Files.writeString(file, "00112233445566778899aabbccddeeff\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    TokenSigner signer = TokenSigner.fromSettings("", dir);
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    assertEquals(
        new TokenSigner(HexFormat.of().parseHex("00112233445566778899aabbccddeeff")).sign(token),
        signer.sign(token),
        "the secret itself is kept");
  }

  @Test
  void serversMakingTheSecretAtOnceAllUseTheSameOne(@TempDir Path dir) throws Exception {
    int servers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(servers);
    try {
      for (int round = 0; round < 25; round++) {
        Path data = dir.resolve("data-" + round);
        CyclicBarrier start = new CyclicBarrier(servers);
        List<Future<String>> signed = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
          signed.add(
              pool.submit(
                  () -> {
                    start.await();
                    return TokenSigner.fromSettings("", data).sign(token);
                  }));
        }
        Set<String> distinct = new HashSet<>();
        for (Future<String> f : signed) {
          distinct.add(f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(
            1, distinct.size(), "round " + round + ": every server signs with the one secret");
        assertEquals(distinct, Set.of(TokenSigner.fromSettings("", data).sign(token)));
        try (Stream<Path> files = Files.list(data)) {
          assertEquals(
              List.of(data.resolve("oai-token-secret")),
              files.toList(),
              "no temporary file is left");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
