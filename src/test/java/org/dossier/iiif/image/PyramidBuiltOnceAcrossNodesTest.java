package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.config.Settings;
import org.dossier.storage.S3Store;
import org.dossier.testing.Postgres;
import org.dossier.testing.PrometheusText;
import org.dossier.testing.S3Proxy;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing a PostgreSQL catalog and a bucket, asked for the same new image at the same
 * moment: the pyramid is built once (one node holds the scan's advisory lock, the other waits for
 * its pyramid.json) and both serve it.
 */
class PyramidBuiltOnceAcrossNodesTest {

  @Test
  void aPyramidAskedOfTwoNodesAtOnceIsBuiltOnceAndServedByBoth() throws Exception {
    Path dir = Files.createTempDirectory("dossier-two-nodes");
    String catalog = Postgres.freshDatabaseUrl();
    try (S3Proxy s3 = S3Proxy.start(dir.resolve("s3"))) {
      Map<String, String> settings = new HashMap<>(s3.settings("cluster"));
      settings.put(Settings.CATALOG_URL.key(), catalog);
      settings.put(Settings.CATALOG_USER.key(), Postgres.USER);
      // Nodes of one cluster share their public address and token secret, or the second is refused.
      settings.put(Settings.SERVER_BASE_URL.key(), "http://archive.example.org");
      settings.put(Settings.OAI_TOKEN_SECRET.key(), "a secret both nodes share, for the test");
      try (S3Store bucket = S3Store.open(Settings.load(null, Map.of(), settings))) {
        bucket.createBucketIfMissing();
        Path scan = dir.resolve("big.png");
        // Large enough that the build takes a while: the second request arrives during it.
        TestImages.write(TestImages.quadrants(3000, 2400), "png", scan);
        bucket.under("images").upload("shared/big.png", scan);
        try (TestServer a = TestServer.start(settings);
            TestServer b = TestServer.start(settings)) {
          TestImages.addRecord(
              a.server().catalog(), "big", TestImages.page("shared/big.png", 3000, 2400));
          ExecutorService pool = Executors.newFixedThreadPool(4);
          try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (TestServer node : List.of(a, b, a, b)) {
              Callable<HttpResponse<byte[]>> ask =
                  () -> {
                    go.await();
                    return node.getBytes("/iiif/image/3/big-p1/0,0,512,512/512,/0/default.jpg");
                  };
              answers.add(pool.submit(ask));
            }
            go.countDown();
            byte[] first = null;
            for (Future<HttpResponse<byte[]>> f : answers) {
              HttpResponse<byte[]> r = f.get();
              assertEquals(200, r.statusCode());
              if (first == null) {
                first = r.body();
              } else {
                assertArrayEquals(first, r.body());
              }
            }
          } finally {
            pool.shutdownNow();
          }
          assertEquals(1.0, builds(a) + builds(b), "pyramid builds on both nodes together");
          assertEquals(
              1,
              bucket.under("pyramids").list("shared/big.png/").stream()
                  .filter(k -> k.endsWith("/tiles/1/0_0.jpg"))
                  .count(),
              "one version folder in the bucket");
          assertEquals(200, a.get("/iiif/image/3/big-p1/info.json").statusCode());
          assertEquals(200, b.get("/iiif/image/3/big-p1/info.json").statusCode());
        }
      }
    }
  }

  private static double builds(TestServer node) throws Exception {
    HttpResponse<String> r = node.get("/metrics");
    assertEquals(200, r.statusCode());
    return PrometheusText.parse(r.body()).value("dossier_iiif_pyramid_builds_total");
  }
}
