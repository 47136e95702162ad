package org.dossier.storage;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Objects named by keys ({@code a/b/c.jpg}: '/'-separated, relative, no {@code .} or {@code ..}
 * segment), as a folder on disk or an S3 bucket holds them. Writes replace whole objects; there is
 * no append. A store that cannot be reached throws {@link StorageUnavailableException}, so that
 * callers can tell an outage from a missing object ({@link NoSuchFileException}).
 */
public interface ObjectStore extends AutoCloseable {

  /** What a store knows of an object without reading it. */
  record ObjectInfo(long size, long modifiedMillis) {}

  /** The object's size and modification time, or empty when there is no such object. */
  Optional<ObjectInfo> stat(String key) throws IOException;

  /**
   * The whole object.
   *
   * @throws NoSuchFileException when there is none
   */
  byte[] read(String key) throws IOException;

  /**
   * Up to {@code length} bytes from {@code offset}: fewer at the end of the object, none past it.
   *
   * @throws NoSuchFileException when there is no such object
   */
  byte[] read(String key, long offset, int length) throws IOException;

  /**
   * Copies the whole object into a local file (replaced if it exists).
   *
   * @throws NoSuchFileException when there is no such object
   */
  void download(String key, Path target) throws IOException;

  /** Writes (or replaces) an object. Readers see the old or the new bytes, never a mix. */
  void write(String key, byte[] bytes) throws IOException;

  /** Writes (or replaces) an object with the content of a local file. */
  void upload(String key, Path file) throws IOException;

  /**
   * Every key that starts with {@code prefix} (a whole key or folder, or part of a name), sorted.
   */
  List<String> list(String prefix) throws IOException;

  /** Removes an object; nothing happens when there is none. */
  void delete(String key) throws IOException;

  /**
   * The file that holds an object when this store is a folder on this machine, or null for a remote
   * store: local readers (the JPEG 2000 decoder, a JPEG read in part) use it directly.
   */
  Path localFile(String key);

  /** Says where the objects are, for logs and messages (no credentials). */
  String describe();

  @Override
  void close();

  /**
   * Checks a key: relative, '/'-separated, without empty, {@code .} or {@code ..} segments.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static String checkKey(String key) {
    if (key == null
        || key.isEmpty()
        || key.startsWith("/")
        || key.endsWith("/")
        || key.contains("\\")
        || key.contains("//")) {
      throw new IllegalArgumentException("not an object key: '" + key + "'");
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not an object key: '" + key + "'");
      }
    }
    return key;
  }
}
