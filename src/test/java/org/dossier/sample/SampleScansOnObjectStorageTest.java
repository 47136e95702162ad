package org.dossier.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.config.Settings;
import org.dossier.storage.ObjectStore;
import org.dossier.storage.S3Store;
import org.dossier.testing.S3Proxy;
import org.dossier.testing.TestServer;
import org.dossier.urls.Urls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demo mode with storage.type=s3 (S3Proxy, a real S3-compatible server in a process of its own):
 * the sample archive's scans are rendered into the bucket when first asked for, where the image
 * service reads scans, not into the node's data directory, and are served from there.
 */
class SampleScansOnObjectStorageTest {
  @TempDir Path dir;

  @Test
  void theSampleScansAreRenderedIntoTheBucketAndServedFromIt() throws Exception {
    try (S3Proxy s3 = S3Proxy.start(dir.resolve("s3"))) {
      Map<String, String> settings = new HashMap<>(s3.settings("demo"));
      try (S3Store bucket = S3Store.open(Settings.load(null, Map.of(), settings))) {
        bucket.createBucketIfMissing();
        try (TestServer server = TestServer.start(dir.resolve("data"), settings)) {
          Catalog catalog = server.server().catalog();
          Set<String> pages = new HashSet<>();
          Record first = null;
          for (Record r :
              catalog.records(catalog.recordIdsWithImagesUnder(SampleArchive.IMAGE_PREFIX))) {
            first = first == null ? r : first;
            r.pages().stream().map(Page::image).forEach(pages::add);
          }
          assertTrue(pages.size() >= 30, "sample pages: " + pages.size());
          ObjectStore scans = bucket.under("images");
          // The first request for a page renders its scan into the bucket and serves it from there.
          String firstScan = first.pages().get(0).image();
          assertTrue(scans.stat(firstScan).isEmpty(), "not rendered before it is asked for");
          HttpResponse<byte[]> full =
              server.getBytes(
                  "/iiif/image/3/" + Urls.imageId(first.id(), 1) + "/full/max/0/default.jpg");
          assertEquals(200, full.statusCode());
          assertEquals(2480, ImageIO.read(new ByteArrayInputStream(full.body())).getWidth());
          assertTrue(scans.stat(firstScan).isPresent(), firstScan);

          server.server().sampleScans().renderAll();
          assertEquals(
              pages,
              new HashSet<>(scans.list(SampleArchive.IMAGE_PREFIX)),
              "every sample page's scan in the bucket, under the catalog's path");
          assertFalse(
              Files.exists(server.dataDir().resolve("images").resolve(SampleArchive.IMAGE_PREFIX)),
              "no sample scan in the node's data directory");
        }
      }
    }
  }
}
