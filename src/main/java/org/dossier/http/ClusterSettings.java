package org.dossier.http;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.config.Setting;
import org.dossier.config.Settings;

/**
 * The settings every node of a cluster (nodes on one PostgreSQL catalog) must share, as each node
 * registers them: what clients see the same through any node (the public base URL and every URI
 * built from it, the OAI-PMH repository and its signed resumption tokens, the archive's name and
 * rights, the tiles an image service offers) and where the shared stores are. A secret is
 * registered as a digest, never as itself.
 */
public final class ClusterSettings {
  /** Compared as they are. */
  static final List<Setting<?>> SHARED =
      List.of(
          Settings.ARCHIVE_NAME,
          Settings.ARCHIVE_DEFAULT_RIGHTS,
          Settings.OAI_REPOSITORY_IDENTIFIER,
          Settings.OAI_ADMIN_EMAIL,
          Settings.OAI_TOKEN_LIFETIME_HOURS,
          Settings.OAI_EDM_PROVIDER,
          Settings.IIIF_IMAGE_TILE_SIZE,
          Settings.RDF_STORE,
          Settings.RDF_STORE_URL,
          Settings.RDF_UPDATE_URL,
          Settings.RDF_LICENSE,
          Settings.STORAGE_TYPE,
          Settings.STORAGE_S3_ENDPOINT,
          Settings.STORAGE_S3_BUCKET,
          Settings.STORAGE_S3_PREFIX,
          Settings.ACCESS_RESTRICTED_MAX_SIZE);

  private ClusterSettings() {}

  /**
   * Each shared setting's key and the value this node registers: the effective base URL, the token
   * secret's digest (a secret made at random for this data directory never matches another node's),
   * the others as configured.
   */
  public static Map<String, String> of(Settings settings, String baseUrl) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Settings.SERVER_BASE_URL.key(), baseUrl);
    m.put(Settings.OAI_TOKEN_SECRET.key(), tokenSecretDigest(settings));
    for (Setting<?> s : SHARED) {
      m.put(s.key(), String.valueOf(settings.get(s)));
    }
    return m;
  }

  /** This node's name: cluster.node-name, or the host name and port. */
  public static String nodeName(Settings settings, int port) {
    String given = settings.get(Settings.CLUSTER_NODE_NAME).strip();
    if (!given.isEmpty()) {
      return given;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    return host + ":" + port;
  }

  private static String tokenSecretDigest(Settings settings) {
    String configured;
    try {
      configured = settings.tokenSecret();
    } catch (IllegalArgumentException e) {
      return "unreadable: " + e.getMessage();
    }
    if (!configured.isEmpty()) {
      return "sha256:" + sha256(configured.getBytes(StandardCharsets.UTF_8));
    }
    Path file = settings.dataDir().resolve("oai-token-secret");
    try {
      if (Files.isRegularFile(file)) {
        return "random, kept in this node's data directory (sha256:"
            + sha256(
                Files.readString(file, StandardCharsets.US_ASCII)
                    .strip()
                    .getBytes(StandardCharsets.US_ASCII))
            + ")";
      }
    } catch (IOException e) {
      // unreadable: the server reports it when it opens the file
    }
    // Still to be made at random: it will match no other node's.
    return "random, to be made for this node's data directory ("
        + java.util.UUID.randomUUID()
        + ")";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
