package org.dossier.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} does, run against each implementation by a small subclass: the
 * local data directory and an S3-compatible server.
 */
abstract class ObjectStoreContract {
  @TempDir Path temp;
  ObjectStore store;

  /** A new, empty store. */
  abstract ObjectStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] counting(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Test
  void writtenObjectReadsBackWithItsSize() throws IOException {
    byte[] data = counting(70_000);
    store.write("scans/a/page-1.jpg", data);
    assertArrayEquals(data, store.read("scans/a/page-1.jpg"));
    assertEquals(70_000, store.stat("scans/a/page-1.jpg").orElseThrow().size());
    assertTrue(store.stat("scans/a/page-1.jpg").orElseThrow().modifiedMillis() > 0);
  }

  @Test
  void rangeReadGivesTheBytesAskedForFewerAtTheEndNonePastIt() throws IOException {
    byte[] data = counting(10_000);
    store.write("r.bin", data);
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 0, 12), store.read("r.bin", 0, 12));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(data, 4_096, 4_196), store.read("r.bin", 4_096, 100));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(data, 9_990, 10_000), store.read("r.bin", 9_990, 100));
    assertEquals(0, store.read("r.bin", 10_000, 10).length);
    assertEquals(0, store.read("r.bin", 20_000, 10).length);
  }

  @Test
  void missingObjectIsNoSuchFileAndHasNoStat() throws IOException {
    assertThrows(NoSuchFileException.class, () -> store.read("none/here.jpg"));
    assertThrows(NoSuchFileException.class, () -> store.read("none/here.jpg", 0, 10));
    assertThrows(
        NoSuchFileException.class, () -> store.download("none/here.jpg", temp.resolve("x")));
    assertTrue(store.stat("none/here.jpg").isEmpty());
  }

  @Test
  void overwriteReplacesTheWholeObject() throws IOException {
    store.write("o.txt", bytes("a long first version of the object"));
    store.write("o.txt", bytes("short"));
    assertArrayEquals(bytes("short"), store.read("o.txt"));
    assertEquals(5, store.stat("o.txt").orElseThrow().size());
  }

  @Test
  void listGivesEveryKeyUnderAPrefixSorted() throws IOException {
    store.write("p/x/v-1/tiles/1/0_0.jpg", bytes("a"));
    store.write("p/x/v-1/tiles/1/1_0.jpg", bytes("b"));
    store.write("p/x/v-1/sizes/10x20.jpg", bytes("c"));
    store.write("p/x/pyramid.json", bytes("{}"));
    store.write("p/y/pyramid.json", bytes("{}"));
    assertEquals(
        List.of("p/x/v-1/sizes/10x20.jpg", "p/x/v-1/tiles/1/0_0.jpg", "p/x/v-1/tiles/1/1_0.jpg"),
        store.list("p/x/v-1/"));
    assertEquals(
        List.of("p/x/pyramid.json", "p/y/pyramid.json"),
        store.list("p/").stream().filter(k -> k.endsWith(".json")).toList());
    assertEquals(List.of(), store.list("q/"));
  }

  @Test
  void deleteRemovesAndDeletingAMissingObjectIsNoError() throws IOException {
    store.write("d/one", bytes("1"));
    store.delete("d/one");
    assertTrue(store.stat("d/one").isEmpty());
    assertEquals(List.of(), store.list("d/"));
    store.delete("d/one");
  }

  @Test
  void uploadAndDownloadCopyWholeFiles() throws IOException {
    byte[] data = counting(300_000);
    Path source = temp.resolve("scan.tif");
    Files.write(source, data);
    store.upload("images/scan.tif", source);
    Path back = temp.resolve("back.tif");
    Files.write(back, bytes("old content"));
    store.download("images/scan.tif", back);
    assertArrayEquals(data, Files.readAllBytes(back));
  }

  @Test
  void keysThatLeaveTheStoreAreRefused() {
    for (String bad : List.of("../x", "a/../../x", "/abs", "a//b", "a\\b", "")) {
      assertThrows(IllegalArgumentException.class, () -> store.write(bad, bytes("x")), bad);
    }
  }
}
