package org.dossier.cli;

import static org.dossier.testing.JarProcesses.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.storage.ObjectStore;
import org.dossier.storage.S3Store;
import org.dossier.testing.JarProcesses;
import org.dossier.testing.JarProcesses.Node;
import org.dossier.testing.Postgres;
import org.dossier.testing.PrometheusText;
import org.dossier.testing.S3Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two {@code serve} processes of the packaged jar on one PostgreSQL catalog and one S3 bucket
 * (S3Proxy, a real S3-compatible server in a process of its own), as {@link ClusterIT}'s nodes but
 * with {@code storage.type=s3}: a scan put in the bucket by the archive and imported by the command
 * line is served by both nodes; its pyramid, asked of both nodes at the same moment, is built once
 * in the cluster and both serve the same tile bytes; a scan uploaded through one node's admin API
 * is served, the same bytes, by the other.
 */
class ClusterStorageIT {
  private static final String BASE_URL = "http://archive.cluster.test";
  private static final String SECRET = "a-shared-secret-for-every-node-0123456789";
  private static final String BUCKET = "cluster";
  private static final String SCAN = "archive/box-1/f001.png";
  private static final int WIDTH = 3000;
  private static final int HEIGHT = 2400;

  @TempDir Path dir;

  /** How long a node may take to answer for a tile (its pyramid built first). */
  private static final Duration TILE_WITHIN = Duration.ofSeconds(240);

  private JarProcesses jar;
  private S3Proxy s3;

  @BeforeEach
  void harness() {
    jar = new JarProcesses(dir, Duration.ofSeconds(60));
  }

  @AfterEach
  void stop() {
    jar.close();
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void twoNodesOnOneBucketBuildAPyramidOnceAndServeTheSameTiles() throws Exception {
    String catalogUrl = Postgres.freshDatabaseUrl();
    s3 = S3Proxy.start(dir.resolve("s3"));
    Map<String, String> storage = new HashMap<>(s3.settings(BUCKET));
    storage.put("storage.s3.prefix", "dossier/");
    storage.put("storage.s3.timeout-millis", "5000");
    Map<String, String> cluster = new HashMap<>();
    storage.forEach(
        (key, value) ->
            cluster.put(
                "DOSSIER_"
                    + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
                value));
    cluster.put("DOSSIER_CATALOG_URL", catalogUrl);
    cluster.put("DOSSIER_CATALOG_USER", Postgres.USER);
    cluster.put("DOSSIER_SERVER_BASE_URL", BASE_URL);
    cluster.put("DOSSIER_OAI_TOKEN_SECRET", SECRET);
    cluster.put("DOSSIER_CLUSTER_HEARTBEAT_MILLIS", "500");
    // A request waiting its turn behind the build on a loaded machine is not a 503.
    cluster.put("DOSSIER_IIIF_IMAGE_WAIT_SECONDS", "120");

    // The archive puts a scan in the bucket with its own S3 client, then imports a record naming
    // it: the command reads the scan's size from the bucket.
    byte[] png = scan(WIDTH, HEIGHT);
    try (S3Store bucket = S3Store.open(Settings.load(null, Map.of(), storage))) {
      bucket.createBucketIfMissing();
      Path file = dir.resolve("f001.png");
      Files.write(file, png);
      bucket.under("images").upload(SCAN, file);
    }
    Path records = dir.resolve("records.json");
    Files.writeString(
        records,
        "{\"id\":\"in-bucket\",\"title\":\"A scan in the bucket\",\"date\":\"1931-05-04\","
            + "\"pages\":[{\"image\":\""
            + SCAN
            + "\"}]}\n");
    assertEquals(
        0,
        jar.run(cluster, "import", "--data", dir.resolve("cmd").toString(), records.toString()),
        jar.lastOutput());

    Node a = jar.start("a", cluster);
    Node b = jar.start("b", cluster);
    a.awaitReady();
    b.awaitReady();

    for (Node node : List.of(a, b)) {
      JsonNode canvas =
          RecordJson.read(node.body("/iiif/3/in-bucket/manifest")).get("items").get(0);
      assertEquals(WIDTH, canvas.get("width").asInt(), "width through node " + node.name);
      assertEquals(HEIGHT, canvas.get("height").asInt(), "height through node " + node.name);
    }

    // The same new tile asked of both nodes at once, twice each: one build in the cluster.
    String tile = "/iiif/image/3/in-bucket-p1/0,0,512,512/512,/0/default.jpg";
    List<byte[]> answers = atOnce(List.of(a, b, a, b), tile);
    for (byte[] answer : answers) {
      assertArrayEquals(answers.get(0), answer, "the same tile bytes from every answer");
    }
    assertTrue(ImageIO.read(new java.io.ByteArrayInputStream(answers.get(0))) != null);
    double builds = builds(a) + builds(b);
    System.out.printf(
        "ClusterStorageIT: pyramid builds on node a %.0f, on node b %.0f%n", builds(a), builds(b));
    assertEquals(1.0, builds, "pyramid builds on both nodes together");
    try (S3Store bucket = S3Store.open(Settings.load(null, Map.of(), storage))) {
      ObjectStore pyramids = bucket.under("pyramids");
      Set<String> versions = new TreeSet<>();
      for (String key : pyramids.list(SCAN + "/")) {
        String rest = key.substring(SCAN.length() + 1);
        if (rest.contains("/")) {
          versions.add(rest.substring(0, rest.indexOf('/')));
        }
      }
      assertEquals(1, versions.size(), "version folders in the bucket: " + versions);
    }
    // Another tile, read from the bucket by the node that did not build: the same bytes on both.
    String other = "/iiif/image/3/in-bucket-p1/2048,1536,512,512/512,/0/default.jpg";
    assertArrayEquals(a.bytes(other, TILE_WITHIN), b.bytes(other, TILE_WITHIN));

    // A scan uploaded through node a's admin API is served by node b, the same bytes.
    String token = jar.writeToken(cluster, dir.resolve("cmd"));
    HttpResponse<String> created =
        a.send(
            "PUT",
            "/api/v1/records/uploaded",
            token,
            "application/json",
            HttpRequest.BodyPublishers.ofString(
                "{\"id\":\"uploaded\",\"title\":\"Sent over the API\",\"date\":\"1932-03-01\"}"));
    assertEquals(201, created.statusCode(), created.body());
    HttpResponse<String> upload =
        a.send(
            "PUT",
            "/api/v1/records/uploaded/pages/1/image",
            token,
            "application/octet-stream",
            HttpRequest.BodyPublishers.ofByteArray(scan(1200, 900)));
    assertEquals(200, upload.statusCode(), upload.body());
    String uploadedTile = "/iiif/image/3/uploaded-p1/0,0,512,512/512,/0/default.jpg";
    await(() -> b.status(uploadedTile) == 200, 30, "node b serves the uploaded scan");
    assertArrayEquals(a.bytes(uploadedTile, TILE_WITHIN), b.bytes(uploadedTile, TILE_WITHIN));
    JsonNode info = RecordJson.read(b.body("/iiif/image/3/uploaded-p1/info.json"));
    assertEquals(1200, info.get("width").asInt());
    assertEquals(900, info.get("height").asInt());
  }

  /** A PNG scan with something in every tile (so that tiles differ). */
  private static byte[] scan(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.WHITE, width, height, new Color(90, 60, 30)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    for (int y = 100; y < height; y += 300) {
      for (int x = 100; x < width; x += 300) {
        g.drawString(x + "," + y, x, y);
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, "png", out));
    return out.toByteArray();
  }

  /** Asks each node in turn for {@code path}, all at the same moment; every answer must be 200. */
  private static List<byte[]> atOnce(List<Node> nodes, String path) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<byte[]>> answers = new ArrayList<>();
      for (Node node : nodes) {
        Callable<byte[]> ask =
            () -> {
              go.await();
              return node.bytes(path, TILE_WITHIN);
            };
        answers.add(pool.submit(ask));
      }
      go.countDown();
      List<byte[]> bodies = new ArrayList<>();
      for (Future<byte[]> f : answers) {
        bodies.add(f.get(300, TimeUnit.SECONDS));
      }
      return bodies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double builds(Node node) throws Exception {
    return PrometheusText.parse(node.body("/metrics")).value("dossier_iiif_pyramid_builds_total");
  }
}
