package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.storage.S3Store;
import org.dossier.testing.S3Proxy;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The image service on object storage (S3Proxy, a real S3-compatible server in a process of its
 * own) answers exactly as on the data directory: the same scan, imported into a server on each,
 * gives the same info.json and the same bytes for tiles, sizes and computed images; the pyramid is
 * in the bucket and the tiles read are kept in the node's tile cache.
 */
class ObjectStorageImageTest {
  static final String SCAN = "test/quadrants.png";
  static Path dir;
  static S3Proxy s3;
  static S3Store bucket;
  static TestServer local;
  static TestServer remote;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("dossier-s3-image");
    s3 = S3Proxy.start(dir.resolve("s3"));
    Map<String, String> settings = new HashMap<>(s3.settings("pages"));
    settings.put("storage.s3.prefix", "archive");
    settings.put("iiif.image.tile-size", "256");
    bucket = S3Store.open(Settings.load(null, Map.of(), settings));
    bucket.createBucketIfMissing();
    Path scan = dir.resolve("quadrants.png");
    TestImages.write(TestImages.quadrants(1300, 1000), "png", scan);
    bucket.under("images").upload(SCAN, scan);

    local = TestServer.start(Map.of("iiif.image.tile-size", "256"));
    Files.createDirectories(local.dataDir().resolve("images/test"));
    Files.copy(scan, local.dataDir().resolve("images").resolve(SCAN));
    TestImages.addRecord(local.server().catalog(), "quad", TestImages.page(SCAN, 1300, 1000));

    remote = TestServer.start(settings);
    TestImages.addRecord(remote.server().catalog(), "quad", TestImages.page(SCAN, 1300, 1000));
    TestImages.addRecord(
        remote.server().catalog(), "gone", TestImages.page("test/not-uploaded.png", 10, 10));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {remote, local, bucket, s3}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the rest still closes
      }
    }
  }

  private static JsonNode info(TestServer server) throws Exception {
    HttpResponse<String> r = server.get("/iiif/image/3/quad-p1/info.json");
    assertEquals(200, r.statusCode(), r.body());
    ObjectNode node = (ObjectNode) RecordJson.read(r.body());
    node.remove("id"); // the servers' own base URLs
    node.remove("partOf");
    return node;
  }

  @Test
  void infoJsonOnObjectStorageIsTheOneOfTheDataDirectory() throws Exception {
    assertEquals(info(local), info(remote));
  }

  @Test
  void tilesSizesAndComputedImagesAreTheSameBytesAsFromTheDataDirectory() throws Exception {
    info(local);
    info(remote);
    List<String> requests =
        List.of(
            "full/max/0/default.jpg",
            "0,0,256,256/256,/0/default.jpg",
            "1024,768,256,232/256,/0/default.jpg",
            "0,0,512,512/256,/0/default.jpg",
            "full/325,/0/default.jpg",
            "100,100,700,500/350,/0/gray.png",
            "square/200,/90/default.jpg");
    for (String request : requests) {
      HttpResponse<byte[]> a = local.getBytes("/iiif/image/3/quad-p1/" + request);
      HttpResponse<byte[]> b = remote.getBytes("/iiif/image/3/quad-p1/" + request);
      assertEquals(200, a.statusCode(), request);
      assertEquals(200, b.statusCode(), request);
      assertArrayEquals(a.body(), b.body(), request);
    }
  }

  @Test
  void thePyramidIsInTheBucketNotInTheDataDirectoryAndReadTilesAreCached() throws Exception {
    info(remote);
    assertEquals(
        200, remote.getBytes("/iiif/image/3/quad-p1/0,0,256,256/256,/0/default.jpg").statusCode());
    List<String> keys = bucket.under("pyramids").list(SCAN + "/");
    assertTrue(keys.contains(SCAN + "/pyramid.json"), keys.toString());
    assertTrue(
        keys.stream().anyMatch(k -> k.matches(".*/v-[0-9a-f]+/tiles/1/0_0\\.jpg")),
        keys.toString());
    assertFalse(Files.exists(remote.dataDir().resolve("pyramids").resolve(SCAN)));
    try (Stream<Path> cached = Files.walk(remote.dataDir().resolve("tile-cache"))) {
      assertTrue(cached.anyMatch(p -> p.toString().endsWith("tiles/1/0_0.jpg")));
    }
  }

  @Test
  void aScanMissingFromTheBucketIs404() throws Exception {
    assertEquals(404, remote.get("/iiif/image/3/gone-p1/info.json").statusCode());
  }
}
