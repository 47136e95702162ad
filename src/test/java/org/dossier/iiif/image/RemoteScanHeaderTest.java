package org.dossier.iiif.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Page;
import org.dossier.config.Settings;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.scans.Ranges;
import org.dossier.scans.ScanHeader;
import org.dossier.storage.ObjectStore;
import org.dossier.storage.S3Store;
import org.dossier.testing.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans in an S3-compatible store are measured by byte ranges: a scan's header read from the bucket
 * says what the file's does (JPEG, PNG, tiled TIFF, JPEG 2000), a damaged JPEG 2000 file is refused
 * for the same reason, and only a small part of a large scan is fetched. An import with scans in
 * the bucket gets the pages' sizes that way.
 */
class RemoteScanHeaderTest {
  @TempDir static Path dir;
  static S3Proxy s3;
  static S3Store bucket;
  static ObjectStore images;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Proxy.start(dir.resolve("s3"));
    bucket = S3Store.open(Settings.load(null, Map.of(), s3.settings("scans")));
    bucket.createBucketIfMissing();
    images = bucket.under("images");
    Path local = Files.createDirectories(dir.resolve("local"));
    BufferedImage noise = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(7);
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < noise.getWidth(); x++) {
        noise.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    TestImages.write(noise, "jpg", local.resolve("noise.jpg"));
    TestImages.write(TestImages.quadrants(900, 700), "png", local.resolve("q.png"));
    TestImages.writeTiledPyramidTiff(TestImages.quadrants(1000, 800), local.resolve("p.tif"));
    TestImages.write(TestImages.quadrants(1200, 900), "png", local.resolve("src.png"));
    Jpeg2000Test.opj(
        "opj_compress", "-i", local.resolve("src.png"), "-o", local.resolve("l.jp2"), "-n", "5");
    byte[] whole = Files.readAllBytes(local.resolve("l.jp2"));
    Files.write(local.resolve("truncated.jp2"), Arrays.copyOf(whole, whole.length / 2));
    for (String name : List.of("noise.jpg", "q.png", "p.tif", "l.jp2", "truncated.jp2")) {
      images.upload("scans/" + name, local.resolve(name));
    }
  }

  @AfterAll
  static void stop() {
    bucket.close();
    s3.close();
  }

  /** The object's ranges, counting the bytes fetched. */
  private static Ranges ranges(String key, AtomicLong fetched) throws IOException {
    long size = images.stat(key).orElseThrow().size();
    return new Ranges() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        byte[] b = images.read(key, offset, length);
        fetched.addAndGet(b.length);
        return b;
      }

      @Override
      public String name() {
        return key;
      }
    };
  }

  @Test
  void headersReadByRangesFromTheBucketAreThoseOfTheFiles() throws Exception {
    for (String name : List.of("noise.jpg", "q.png", "p.tif", "l.jp2")) {
      ScanHeader file = ScanHeader.read(dir.resolve("local").resolve(name));
      ScanHeader remote = ScanHeader.read(ranges("scans/" + name, new AtomicLong()));
      assertEquals(file, remote, name);
    }
  }

  @Test
  void aLargeScansHeaderCostsAFewBlocksNotTheFile() throws Exception {
    AtomicLong fetched = new AtomicLong();
    ScanHeader h = ScanHeader.read(ranges("scans/noise.jpg", fetched));
    assertEquals(2400, h.width());
    long size = images.stat("scans/noise.jpg").orElseThrow().size();
    assertTrue(
        fetched.get() <= 2 * 64 * 1024 && fetched.get() < size / 4,
        fetched.get() + " bytes fetched of " + size);
  }

  @Test
  void aTruncatedJpeg2000InTheBucketIsRefusedAsTheFileIs() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> ScanHeader.read(ranges("scans/truncated.jp2", new AtomicLong())));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void importWithScansInTheBucketTakesTheirSizesFromThere() throws Exception {
    try (Catalog catalog = Catalog.openSqlite(dir.resolve("data"), 2)) {
      Importer importer =
          new Importer(
              catalog,
              dir.resolve("data/images"),
              "http://rightsstatements.org/vocab/CNE/1.0/",
              null);
      importer.scansIn(images);
      Path file = dir.resolve("records.json");
      Files.writeString(
          file,
          "[{\"id\":\"n\",\"title\":\"N\",\"pages\":[{\"image\":\"scans/noise.jpg\"},"
              + "{\"image\":\"scans/l.jp2\"}]}]");
      ImportReport report = importer.importFiles(List.of(file), false);
      assertTrue(report.ok(), report.toString());
      List<Page> pages = catalog.record("n").orElseThrow().pages();
      assertEquals(List.of(2400, 1200), pages.stream().map(Page::width).toList());
      assertEquals(List.of(1800, 900), pages.stream().map(Page::height).toList());

      Files.writeString(
          file, "[{\"id\":\"m\",\"title\":\"M\",\"pages\":[{\"image\":\"scans/none.jpg\"}]}]");
      assertTrue(!importer.importFiles(List.of(file), false).ok());
    }
  }
}
