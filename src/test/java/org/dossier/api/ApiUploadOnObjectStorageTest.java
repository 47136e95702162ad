package org.dossier.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dossier.catalog.Page;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.storage.ObjectStore;
import org.dossier.storage.S3Store;
import org.dossier.testing.S3Proxy;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scans sent to PUT /api/v1/records/{id}/pages/{n}/image on a server with storage.type=s3 (S3Proxy,
 * a real S3-compatible server in a process of its own): the scan lands in the bucket under the same
 * name as in a local image store, nothing of it stays on the node's disk, and it is then served
 * like an imported scan; with the store unreachable the upload is 503 and the page unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiUploadOnObjectStorageTest {
  private Path dir;
  private S3Proxy s3;
  private S3Store bucket;
  private ObjectStore scans;
  private TestServer server;
  private ApiClient api;
  private String writer;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("dossier-s3-upload");
    s3 = S3Proxy.start(dir.resolve("s3"));
    Map<String, String> settings = new HashMap<>(s3.settings("uploads"));
    settings.put("storage.s3.prefix", "archive");
    settings.put(Settings.ARCHIVE_LOAD_SAMPLE.key(), "false");
    bucket = S3Store.open(Settings.load(null, Map.of(), settings));
    bucket.createBucketIfMissing();
    scans = bucket.under("images");
    server = TestServer.start(settings);
    api = new ApiClient(server);
    writer = api.token("scanner", Scope.WRITE);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {server, bucket, s3}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the rest still closes
      }
    }
  }

  private HttpResponse<String> upload(String path, byte[] body) throws Exception {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", "Bearer " + writer)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private void newRecord(String id) throws Exception {
    HttpResponse<String> r = api.put("/api/v1/records/" + id, writer, ApiClient.record(id, "Up"));
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void anUploadedScanGoesToTheBucketAndIsServedFromIt() throws Exception {
    newRecord("s3-up");
    byte[] jpeg = ApiUploadTest.picture("jpg", 1200, 900);
    HttpResponse<String> r = upload("/api/v1/records/s3-up/pages/1/image", jpeg);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = ApiClient.json(r);
    assertEquals("updated", answer.get("result").asString());
    String image = answer.get("image").asString();
    assertTrue(image.matches("uploads/s3-up/p1-[0-9a-f]{16}\\.jpg"), image);
    assertArrayEquals(jpeg, scans.read(image), "the scan in the bucket, under the catalog's name");
    assertEquals(
        List.of(new Page(image, 1200, 900, null)),
        server.server().catalog().record("s3-up").orElseThrow().pages());
    assertEquals(List.of(), localFiles(), "nothing of the scan stays on the node's disk");

    // The pyramid is built in the background into the bucket.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (bucket.under("pyramids").stat(image + "/pyramid.json").isEmpty()
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    assertTrue(
        bucket.under("pyramids").stat(image + "/pyramid.json").isPresent(),
        "pyramid built in the bucket after the upload");

    JsonNode manifest = RecordJson.read(server.get("/iiif/3/s3-up/manifest").body());
    JsonNode canvas = manifest.get("items").get(0);
    assertEquals(1200, canvas.get("width").asInt());
    assertEquals(900, canvas.get("height").asInt());
    JsonNode info = RecordJson.read(server.get("/iiif/image/3/s3-up-p1/info.json").body());
    assertEquals(1200, info.get("width").asInt());
    assertEquals(900, info.get("height").asInt());
    HttpResponse<byte[]> tile =
        server.getBytes("/iiif/image/3/s3-up-p1/0,0,512,512/512,/0/default.jpg");
    assertEquals(200, tile.statusCode());
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(tile.body()));
    assertEquals(512, decoded.getWidth());

    // The same bytes again change nothing and leave the object as it was.
    long modified = scans.stat(image).orElseThrow().modifiedMillis();
    HttpResponse<String> again = upload("/api/v1/records/s3-up/pages/1/image", jpeg);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals("unchanged", ApiClient.json(again).get("result").asString());
    assertEquals(modified, scans.stat(image).orElseThrow().modifiedMillis());
  }

  @Test
  void aRecordPutThroughTheApiHasItsPageSizesReadFromTheBucket() throws Exception {
    byte[] png = ApiUploadTest.picture("png", 640, 480);
    Path file = dir.resolve("archive-scan.png");
    Files.write(file, png);
    scans.upload("archive/box-7/f001.png", file);
    ObjectNode record =
        (ObjectNode) RecordJson.read(ApiClient.record("s3-imported", "In the bucket"));
    record.putArray("pages").addObject().put("image", "archive/box-7/f001.png");
    HttpResponse<String> r =
        api.put("/api/v1/records/s3-imported", writer, RecordJson.write(record));
    assertEquals(201, r.statusCode(), r.body());
    assertEquals(
        List.of(new Page("archive/box-7/f001.png", 640, 480, null)),
        server.server().catalog().record("s3-imported").orElseThrow().pages());
    JsonNode info = RecordJson.read(server.get("/iiif/image/3/s3-imported-p1/info.json").body());
    assertEquals(640, info.get("width").asInt());
  }

  @Test
  void anUploadWhileTheBucketIsUnreachableIs503AndLeavesThePageAsItWas() throws Exception {
    newRecord("s3-outage");
    s3.stop();
    HttpResponse<String> r;
    try {
      r = upload("/api/v1/records/s3-outage/pages/1/image", ApiUploadTest.picture("jpg", 64, 48));
    } finally {
      s3.start();
    }
    assertEquals(503, r.statusCode(), r.body());
    assertEquals(
        "application/problem+json",
        r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.headers().toString());
    assertEquals(List.of(), server.server().catalog().record("s3-outage").orElseThrow().pages());
    assertEquals(List.of(), scans.list("uploads/s3-outage/"));
  }

  /** Regular files left under the node's local images/uploads/ (partial files included). */
  private List<Path> localFiles() throws Exception {
    Path uploads = server.dataDir().resolve("images").resolve(ScanUploads.FOLDER);
    if (!Files.exists(uploads)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(uploads)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
