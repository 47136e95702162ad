package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dossier.config.Settings;
import org.dossier.storage.S3Store;
import org.dossier.testing.S3Proxy;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While the object store cannot be reached, image routes (Image API 3.0 and 2.1, info.json and
 * images) answer 503 with Retry-After, and every other route (OAI-PMH, manifests, search, pages)
 * answers as usual; once the store is back, so are the images.
 */
class StorageOutageTest {
  static Path dir;
  static S3Proxy s3;
  static TestServer server;

  static final List<String> IMAGE_ROUTES =
      List.of(
          "/iiif/image/3/quad-p1/info.json",
          "/iiif/image/3/quad-p1/full/max/0/default.jpg",
          "/iiif/image/2/quad-p1/info.json",
          "/iiif/image/2/quad-p1/full/full/0/default.jpg");

  static final List<String> OTHER_ROUTES =
      List.of(
          "/oai?verb=Identify",
          "/oai?verb=ListRecords&metadataPrefix=oai_dc",
          "/iiif/3/quad/manifest",
          "/iiif/2/quad/manifest",
          "/search?q=telegram",
          "/records/quad",
          "/health/live");

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("dossier-s3-outage");
    s3 = S3Proxy.start(dir.resolve("s3"));
    Map<String, String> settings = new HashMap<>(s3.settings("outage"));
    try (S3Store bucket = S3Store.open(Settings.load(null, Map.of(), settings))) {
      bucket.createBucketIfMissing();
      Path scan = dir.resolve("q.png");
      TestImages.write(TestImages.quadrants(600, 400), "png", scan);
      bucket.under("images").upload("test/q.png", scan);
    }
    server = TestServer.start(settings);
    TestImages.addRecord(
        server.server().catalog(), "quad", TestImages.page("test/q.png", 600, 400));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void imageRoutesAnswer503WithRetryAfterWhileTheStoreIsDownAndOthersWorkThroughout()
      throws Exception {
    for (String path : IMAGE_ROUTES) {
      assertEquals(200, server.getBytes(path).statusCode(), path);
    }
    s3.stop();
    try {
      for (String path : IMAGE_ROUTES) {
        HttpResponse<byte[]> r = awaitStatus(path, 503);
        assertEquals(503, r.statusCode(), path);
        assertNotNull(r.headers().firstValue("Retry-After").orElse(null), path);
      }
      for (String path : OTHER_ROUTES) {
        assertEquals(200, server.getBytes(path).statusCode(), path);
      }
    } finally {
      s3.start();
    }
    for (String path : IMAGE_ROUTES) {
      assertEquals(200, awaitStatus(path, 200).statusCode(), path);
    }
  }

  /**
   * What was looked up within the last second is answered from memory (the image service's
   * one-second recheck): asks again, for a bounded time, until the answer has the status wanted.
   */
  private static HttpResponse<byte[]> awaitStatus(String path, int status) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    HttpResponse<byte[]> r = server.getBytes(path);
    while (r.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      r = server.getBytes(path);
    }
    return r;
  }
}
