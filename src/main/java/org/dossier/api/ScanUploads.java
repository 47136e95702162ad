package org.dossier.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.dossier.scans.ScanHeader;
import org.dossier.scans.ScanType;
import org.dossier.storage.ObjectStore;
import org.dossier.storage.StorageUnavailableException;

/**
 * Page scans sent to the API, written into the image store the way import finds them: a file under
 * {@code images/}, named in the catalog by its path there. A body is streamed to a partial file
 * (never held in memory), refused past the size limit, checked to start as a JPEG, PNG, TIFF or
 * JPEG 2000 file, its header read, then flushed to the disk and moved to its name: {@code
 * uploads/{record}/p{n}-{first 16 hex digits of its SHA-256}.{type}}. Nothing of that name comes
 * from the request but the record id, which has the import's grammar (so no '/', no '..'), and the
 * page number; the path is checked to stay inside {@code uploads/} all the same.
 *
 * <p>On object storage ({@code storage.type=s3}) the body is received and checked the same way in
 * the local {@code images/uploads/} folder, then uploaded to the bucket's scans under the same key
 * ({@code uploads/{record}/p{n}-{hash}.{type}}), which the catalog then names; the local file is
 * removed. A scan is in the bucket before the catalog names it.
 */
final class ScanUploads {
  /** The folder of the image store uploads go to (import paths may name it like any other). */
  static final String FOLDER = "uploads";

  /** A record id as import accepts it: what may appear in a stored name. */
  private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Pattern PAGE = Pattern.compile("[1-9][0-9]{0,5}");

  private final Path store;
  private final Path uploads;
  private final long maxBytes;
  private final long maxPixels;
  private final ObjectStore remote;

  /**
   * @param imageStore the image store ({@code images/} in the data directory)
   * @param remote the scan store when it is object storage (scans are received in {@code
   *     imageStore} and uploaded to it); null when the image store is the scan store
   * @param maxBytes the largest scan accepted
   * @param maxPixels the most pixels a scan's header may declare (what the image service reads)
   */
  ScanUploads(Path imageStore, ObjectStore remote, long maxBytes, long maxPixels) {
    this.store = imageStore.toAbsolutePath().normalize();
    this.uploads = store.resolve(FOLDER);
    this.remote = remote;
    this.maxBytes = maxBytes;
    this.maxPixels = maxPixels;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** A scan received and in its place, ready to be named by a page. */
  record Stored(String image, ScanType type, int width, int height, long bytes) {}

  /**
   * @throws ApiProblem 404 for an id that no record can have
   */
  static String recordId(String id) {
    if (id == null || !RECORD_ID.matcher(id).matches()) {
      throw ApiProblem.of(404, "there is no record '" + id + "'");
    }
    return id;
  }

  /**
   * @throws ApiProblem 404 for anything but a page number (from 1)
   */
  static int page(String n) {
    if (n == null || !PAGE.matcher(n).matches()) {
      throw ApiProblem.of(404, "there is no page '" + n + "' (pages are numbered from 1)");
    }
    return Integer.parseInt(n);
  }

  /**
   * Receives a scan for page {@code page} of record {@code recordId} (both checked by {@link
   * #recordId} and {@link #page}).
   *
   * @throws ApiProblem 413 past the size limit, 415 for a body that is not a scan of a type served
   *     here, 422 for one whose header cannot be read or declares too many pixels
   */
  Stored receive(String recordId, int page, InputStream body) throws IOException {
    Files.createDirectories(uploads);
    Path partial = Files.createTempFile(uploads, ".partial-", ".upload");
    try {
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has SHA-256", e);
      }
      byte[] head = new byte[ScanType.SIGNATURE_BYTES];
      int headLength = body.readNBytes(head, 0, head.length);
      ScanType type =
          ScanType.of(head, headLength)
              .orElseThrow(
                  () ->
                      ApiProblem.of(
                          415,
                          "the body is not a scan of a type served here: its first bytes are not"
                              + " those of a JPEG, PNG, TIFF or JPEG 2000 file"));
      long bytes = headLength;
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        out.write(head, 0, headLength);
        sha.update(head, 0, headLength);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = body.read(buffer)) > 0) {
          bytes += n;
          if (bytes > maxBytes) {
            // Read (and drop) a little more, so that a client that is sending only slightly too
            // much gets to read the answer rather than a connection reset in the middle of sending.
            drain(body, DRAIN_BYTES);
            throw ApiProblem.of(
                413, "the scan is larger than api.max-upload-mb allows (" + maxBytes + " bytes)");
          }
          out.write(buffer, 0, n);
          sha.update(buffer, 0, n);
        }
        out.flush();
        // On the disk before the catalog names it: a page never points at a scan lost in a crash.
        channel.force(true);
      }
      ScanHeader header;
      try {
        header = ScanHeader.read(partial);
      } catch (IOException | RuntimeException e) {
        throw ApiProblem.of(422, "the scan's header cannot be read: " + reason(e));
      }
      if ((long) header.width() * header.height() > maxPixels) {
        throw ApiProblem.of(
            422,
            "the scan declares "
                + header.width()
                + "x"
                + header.height()
                + " pixels, more than iiif.image.max-source-pixels ("
                + maxPixels
                + ")");
      }
      String name =
          "p"
              + page
              + "-"
              + HexFormat.of().formatHex(sha.digest()).substring(0, 16)
              + "."
              + type.extension();
      Path folder = uploads.resolve(recordId).normalize();
      Path target = folder.resolve(name).normalize();
      if (!folder.getParent().equals(uploads) || !target.getParent().equals(folder)) {
        throw ApiProblem.of(404, "there is no record '" + recordId + "'");
      }
      String key = store.relativize(target).toString().replace(java.io.File.separatorChar, '/');
      if (remote != null) {
        toObjectStore(ObjectStore.checkKey(key), partial);
        return new Stored(key, type, header.width(), header.height(), bytes);
      }
      Files.createDirectories(folder);
      if (!Files.exists(target)) {
        // The same bytes sent again find their file in place: it stays as it is (and so does its
        // pyramid, which is named by the file's size and time).
        try {
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException same) {
          // sent twice at once: the other request's file is this one
        }
      }
      syncDirectory(folder);
      return new Stored(key, type, header.width(), header.height(), bytes);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Uploads a received scan to the object store, unless the same bytes are there already (their
   * name is their hash): the object, and so its pyramid, which is named by its size and time, stays
   * as it is.
   *
   * @throws ApiProblem 503 when the store cannot be reached: nothing is named by the catalog
   */
  private void toObjectStore(String key, Path received) throws IOException {
    try {
      if (remote.stat(key).isEmpty()) {
        remote.upload(key, received);
      }
    } catch (StorageUnavailableException e) {
      throw ApiProblem.of(
          503,
          "the object store cannot be reached, so the scan was not stored; try again later",
          java.util.Map.of("Retry-After", "30"));
    }
  }

  /** How much of a body past the limit is read before the connection is closed on it. */
  private static final long DRAIN_BYTES = 8L * 1024 * 1024;

  private static void drain(InputStream body, long most) {
    byte[] buffer = new byte[64 * 1024];
    long read = 0;
    try {
      int n;
      while (read < most && (n = body.read(buffer)) > 0) {
        read += n;
      }
    } catch (IOException e) {
      // the client went: nothing to answer anyway
    }
  }

  /** The first line of a reader's complaint, without the partial file's name. */
  private static String reason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\.partial-[^ :]*\\.upload:? ?", "");
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /**
   * Makes a new name in a folder durable (Linux; elsewhere the move stands as the system keeps it).
   */
  private static void syncDirectory(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported for folders on this system
    }
  }
}
