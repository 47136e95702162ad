package org.dossier.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dossier.config.Settings;
import org.dossier.testing.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on a real S3-compatible server (S3Proxy, a process of its own on loopback),
 * signed requests and all; each test under a prefix of its own in one bucket.
 */
class S3StoreTest extends ObjectStoreContract {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static Path dir;
  private static S3Proxy s3;

  @BeforeAll
  static void startS3() throws Exception {
    dir = Files.createTempDirectory("dossier-s3");
    s3 = S3Proxy.start(dir);
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Override
  ObjectStore newStore() throws Exception {
    Map<String, String> settings = new HashMap<>(s3.settings("contract"));
    settings.put("storage.s3.prefix", "run-" + COUNTER.incrementAndGet());
    S3Store store = S3Store.open(Settings.load(null, Map.of(), settings));
    store.createBucketIfMissing();
    return store;
  }
}
