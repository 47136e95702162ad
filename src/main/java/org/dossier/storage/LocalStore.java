package org.dossier.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a folder of the data directory: a key is a relative path. Writes go to a
 * temporary file beside the target and are moved into place, so a reader never sees half a file.
 */
public final class LocalStore implements ObjectStore {
  private static final String PARTIAL = ".partial-store-";

  private final Path root;

  public LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  private Path file(String key) {
    return root.resolve(ObjectStore.checkKey(key));
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file(key), BasicFileAttributes.class);
      if (!a.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(new ObjectInfo(a.size(), a.lastModifiedTime().toMillis()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public byte[] read(String key) throws IOException {
    return Files.readAllBytes(file(key));
  }

  @Override
  public byte[] read(String key, long offset, int length) throws IOException {
    try (FileChannel ch = FileChannel.open(file(key), StandardOpenOption.READ)) {
      long size = ch.size();
      if (offset >= size || length <= 0) {
        return new byte[0];
      }
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, size - offset));
      while (b.hasRemaining() && ch.read(b, offset + b.position()) >= 0) {
        // reads until full or the end
      }
      return b.position() == b.capacity()
          ? b.array()
          : java.util.Arrays.copyOf(b.array(), b.position());
    }
  }

  @Override
  public void download(String key, Path target) throws IOException {
    Files.copy(file(key), target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void write(String key, byte[] bytes) throws IOException {
    Path target = file(key);
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), PARTIAL, ".part");
    try {
      Files.write(partial, bytes);
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public void upload(String key, Path file) throws IOException {
    Path target = file(key);
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), PARTIAL, ".part");
    try {
      Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(ObjectStore.checkKey(prefix.substring(0, slash)));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(start)) {
      walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
          .filter(
              k -> k.startsWith(prefix) && !k.substring(k.lastIndexOf('/') + 1).startsWith(PARTIAL))
          .forEach(keys::add);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(file(key));
  }

  @Override
  public Path localFile(String key) {
    return file(key);
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public void close() {
    // nothing held open
  }
}
