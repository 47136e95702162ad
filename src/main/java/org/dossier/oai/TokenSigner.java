package org.dossier.oai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link ResumptionToken} into the opaque string a harvester sends back and checks it on
 * return: the token's bytes followed by a truncated HMAC-SHA256 under the configured secret,
 * base64url-encoded. A tampered, truncated, foreign or expired string is a badResumptionToken.
 */
final class TokenSigner {
  private static final int MAC_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  TokenSigner(byte[] secret) {
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /**
   * The configured secret, or else the one kept in the data directory, created at random the first
   * time so that tokens survive restarts of a single server.
   */
  static TokenSigner fromSettings(String configuredSecret, Path dataDir) {
    if (!configuredSecret.isEmpty()) {
      return new TokenSigner(configuredSecret.getBytes(StandardCharsets.UTF_8));
    }
    Path file = dataDir.resolve("oai-token-secret");
    try {
      if (!Files.exists(file)) {
        create(file);
      } else {
        ownerOnly(file);
      }
      return new TokenSigner(
          HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the resumption token secret in " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          file + " does not hold a hexadecimal secret; delete it to have a new one made", e);
    }
  }

  /** A secret file made by an older version, readable by others, is made owner-only. */
  private static void ownerOnly(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
    if (!Files.getPosixFilePermissions(file).equals(owner)) {
      Files.setPosixFilePermissions(file, owner);
    }
  }

  /**
   * Makes a new random secret under {@code file} unless another server got there first. The secret
   * is written, readable by its owner only, to a temporary file that is then hard-linked under the
   * name: the name appears with its whole content or not at all, and a server that loses the race
   * fails to link and reads the winner's secret.
   */
  private static void create(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    Path dir = file.getParent();
    Files.createDirectories(dir);
    FileAttribute<?>[] ownerOnly =
        dir.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, ".oai-token-secret-", ".tmp", ownerOnly);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer text =
            ByteBuffer.wrap(
                (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.US_ASCII));
        while (text.hasRemaining()) {
          out.write(text);
        }
        out.force(true); // on disk before its name is, so a crash cannot leave an empty secret
      }
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException raced) {
        // another server on the same data directory created it first: use theirs
      } catch (UnsupportedOperationException | FileSystemException noLinks) {
        // A file system without hard links: a move that refuses to replace an existing file (it
        // looks just before it renames, so only there two servers starting at once may differ).
        try {
          Files.move(temp, file);
        } catch (FileAlreadyExistsException raced) {
          // another server created it first: use theirs
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  String sign(ResumptionToken token) {
    byte[] payload = token.toBytes();
    byte[] signed = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac(payload), 0, signed, payload.length, MAC_BYTES);
    return ENCODER.encodeToString(signed);
  }

  /**
   * The token a harvester sent back.
   *
   * @throws OaiException badResumptionToken when it is malformed, not ours, altered or expired
   */
  ResumptionToken verify(String text, Instant now) {
    byte[] bytes;
    try {
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw OaiError.BAD_RESUMPTION_TOKEN.exception("The resumptionToken is malformed.");
    }
    // The decoder ignores the spare low bits of a last character that stands for 1 or 2 bytes:
    // only the one spelling this repository issued is a token, not its look-alikes.
    if (bytes.length <= MAC_BYTES || !ENCODER.encodeToString(bytes).equals(text)) {
      throw OaiError.BAD_RESUMPTION_TOKEN.exception("The resumptionToken is malformed.");
    }
    byte[] payload = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
    byte[] expected = Arrays.copyOf(mac(payload), MAC_BYTES);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, payload.length, bytes.length))) {
      throw OaiError.BAD_RESUMPTION_TOKEN.exception(
          "The resumptionToken was not issued by this repository or was altered.");
    }
    ResumptionToken token = ResumptionToken.fromBytes(payload);
    if (token == null) {
      throw OaiError.BAD_RESUMPTION_TOKEN.exception("The resumptionToken is malformed.");
    }
    if (now.isAfter(token.expires())) {
      throw OaiError.BAD_RESUMPTION_TOKEN.exception(
          "The resumptionToken expired at "
              + org.dossier.oai.xml.UtcInstantAdapter.print(token.expires())
              + "; start the list again.");
    }
    return token;
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
