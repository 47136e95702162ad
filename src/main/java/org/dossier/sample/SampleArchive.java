package org.dossier.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.config.Settings;
import org.dossier.ingest.ImportReport;
import org.dossier.ingest.Importer;
import org.dossier.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bundled sample archive: documents transcribed from the archive's own collection and search
 * pages ({@code archive.json}), each given 1 to 4 generated page scans. The scans are not part of
 * the jar: they are rendered into the image store (the data directory's {@code images/}, or the
 * bucket with storage.type=s3) after the archive is loaded (by a server when a page is first asked
 * for, see {@link Scans}; by {@code rebuild} at once) and are plainly marked as samples. Each
 * page's OCR (ALTO, from the same layout as its scan) is written into the data directory's {@code
 * ocr/} folder when the archive is loaded, and each record's transcript is the text typed on its
 * pages.
 */
public final class SampleArchive {
  private static final Logger LOG = LoggerFactory.getLogger(SampleArchive.class);
  private static final String RESOURCE = "/org/dossier/sample/archive.json";

  /** Folder of the image store that holds generated sample scans. */
  public static final String IMAGE_PREFIX = "sample/";

  private SampleArchive() {}

  /**
   * The sample items: archive.json with page entries added to each record, and as its English
   * transcript the text typed on those pages. The pages name no OCR file; see {@link #items(Path)}.
   */
  public static List<ObjectNode> items() {
    try (InputStream in = SampleArchive.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      List<ObjectNode> items = new ArrayList<>();
      for (JsonNode node : RecordJson.MAPPER.readTree(in)) {
        ObjectNode item = (ObjectNode) node;
        if (!"collection".equals(item.path("kind").asString(""))) {
          String id = item.get("id").asString();
          int pages =
              ScanRenderer.pageCount(
                  item.path("title").asString(""), item.path("summary").asString(""));
          ArrayNode list = item.putArray("pages");
          StringBuilder transcript = new StringBuilder();
          for (int n = 1; n <= pages; n++) {
            list.addObject()
                .put("image", imagePath(id, n))
                .put("width", ScanRenderer.WIDTH)
                .put("height", ScanRenderer.HEIGHT)
                .put("label", "Page " + n);
            if (n > 1) {
              transcript.append("\n\n");
            }
            transcript.append(
                ScanRenderer.text(
                    id, text(item, "date"), text(item, "title"), text(item, "summary"), n, pages));
          }
          // What the generated scans show, typed in English: nothing more is claimed about the
          // document.
          item.putArray("texts")
              .addObject()
              .put("kind", "transcript")
              .put("language", "en")
              .put("text", transcript.toString());
        }
        items.add(item);
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample archive", e);
    }
  }

  /**
   * The sample items with each page's OCR: the ALTO file of every page is written into {@code
   * ocrStore} (the data directory's {@code ocr/} folder) unless it is there already with the same
   * content, and named by the page. Both were made when the jar was built (see {@link #main}), so a
   * first start lays out no text; without them (classes not built by Maven) they are computed here,
   * as the build does.
   */
  public static List<ObjectNode> items(Path ocrStore) throws IOException {
    List<ObjectNode> built = builtItems();
    if (built == null) {
      return computedItems(ocrStore);
    }
    for (ObjectNode item : built) {
      for (JsonNode page : item.path("pages")) {
        String path = page.get("ocr").asString();
        String inStore = path.substring(OCR_FOLDER.length());
        writeIfChanged(ocrStore.resolve(inStore), builtResource(inStore));
      }
    }
    return built;
  }

  /** Resource folder of what {@link #main} made at build time. */
  private static final String BUILT = "/org/dossier/sample/built/";

  private static final String BUILT_ITEMS = "items.json";

  /**
   * Makes the sample items and their pages' OCR into a folder of the jar's classes, as {@link
   * #items(Path)} reads them: {@code items.json} and the ALTO files beside it. The build runs it
   * (see pom.xml) once the classes are compiled.
   *
   * @param args the folder ({@code target/classes/org/dossier/sample/built})
   */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    List<ObjectNode> items = computedItems(folder);
    ArrayNode all = RecordJson.MAPPER.createArrayNode();
    items.forEach(all::add);
    Files.writeString(folder.resolve(BUILT_ITEMS), RecordJson.write(all));
  }

  /** The items {@link #main} made, or null when the classes were not built with them. */
  static List<ObjectNode> builtItems() throws IOException {
    try (InputStream in = SampleArchive.class.getResourceAsStream(BUILT + BUILT_ITEMS)) {
      if (in == null) {
        return null;
      }
      List<ObjectNode> items = new ArrayList<>();
      for (JsonNode node : RecordJson.MAPPER.readTree(in)) {
        items.add((ObjectNode) node);
      }
      return items;
    }
  }

  /** A file {@link #main} made, by its path inside the OCR store. */
  static byte[] builtResource(String inStore) throws IOException {
    try (InputStream in = SampleArchive.class.getResourceAsStream(BUILT + inStore)) {
      if (in == null) {
        throw new IOException(BUILT + inStore + " is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  /**
   * The sample items with each page's OCR computed from the page's layout (without rendering the
   * scan) and written into {@code ocrStore}.
   */
  static List<ObjectNode> computedItems(Path ocrStore) throws IOException {
    List<ObjectNode> items = items();
    for (ObjectNode item : items) {
      JsonNode pages = item.path("pages");
      for (int n = 1; n <= pages.size(); n++) {
        String id = item.get("id").asString();
        String path = ocrPath(id, n);
        byte[] alto =
            ScanRenderer.alto(
                id,
                text(item, "date"),
                text(item, "title"),
                text(item, "summary"),
                n,
                pages.size(),
                "page-" + n + ".jpg");
        writeIfChanged(ocrStore.resolve(path.substring(OCR_FOLDER.length())), alto);
        ((ObjectNode) pages.get(n - 1)).put("ocr", path);
      }
    }
    return items;
  }

  /** The OCR path of a sample page, as the catalog keeps it (inside the data directory). */
  static String ocrPath(String recordId, int page) {
    return OCR_FOLDER + IMAGE_PREFIX + recordId + "/page-" + page + ".alto.xml";
  }

  private static final String OCR_FOLDER = "ocr/";

  private static void writeIfChanged(Path file, byte[] content) throws IOException {
    if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path partial = Files.createTempFile(file.getParent(), ".alto", ".part");
    try {
      Files.write(partial, content);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  static String imagePath(String recordId, int page) {
    return IMAGE_PREFIX + recordId + "/page-" + page + ".jpg";
  }

  /** Imports the sample archive into the catalog through the ordinary importer. */
  public static ImportReport load(Catalog catalog, Settings settings) {
    Path ocr = settings.dataDir().resolve("ocr");
    Importer importer =
        new Importer(
            catalog,
            settings.dataDir().resolve("images"),
            ocr,
            settings.get(Settings.ARCHIVE_DEFAULT_RIGHTS),
            null);
    List<ObjectNode> items;
    try {
      items = items(ocr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sample archive's OCR files into " + ocr, e);
    }
    ImportReport report = importer.importItems("sample archive", items, false);
    if (!report.ok()) {
      throw new IllegalStateException(
          "the bundled sample archive is invalid: " + report.problems());
    }
    return report;
  }

  /**
   * Makes sure the scan of one page exists in the image store, rendering it if it is missing.
   *
   * @return false when the page is not a sample scan
   */
  static boolean ensureScan(ObjectStore imageStore, Record record, Page page) throws IOException {
    if (!page.image().startsWith(IMAGE_PREFIX)) {
      return false;
    }
    if (imageStore.stat(page.image()).isPresent()) {
      return true;
    }
    int number = record.pages().indexOf(page) + 1;
    byte[] jpeg =
        ScanRenderer.render(
            record.id(),
            record.date() == null ? null : record.date().toString(),
            record.title(),
            record.summary(),
            number,
            record.pages().size());
    // A whole object or none (a file is written beside its name and moved into place): no reader
    // ever sees half a scan.
    imageStore.write(page.image(), jpeg);
    return true;
  }

  /** A sample page whose scan is not in the image store yet. */
  private record Missing(Record record, Page page) {}

  /**
   * The sample pages of the catalog whose scans are missing, first pages first (so that every
   * record soon has its thumbnail), then the others in record order.
   */
  private static List<Missing> missingScans(Catalog catalog, ObjectStore imageStore)
      throws IOException {
    List<Missing> first = new ArrayList<>();
    List<Missing> others = new ArrayList<>();
    List<String> ids = catalog.recordIdsWithImagesUnder(IMAGE_PREFIX);
    // One listing rather than a look per page: on object storage each look is a request.
    Set<String> present = ids.isEmpty() ? Set.of() : new HashSet<>(imageStore.list(IMAGE_PREFIX));
    for (Record r : catalog.records(ids)) {
      for (int i = 0; i < r.pages().size(); i++) {
        Page p = r.pages().get(i);
        if (p.image().startsWith(IMAGE_PREFIX) && !present.contains(p.image())) {
          (i == 0 ? first : others).add(new Missing(r, p));
        }
      }
    }
    first.addAll(others);
    return first;
  }

  /**
   * Renders every missing sample scan of the catalog (the {@code rebuild} command).
   *
   * @return how many scans were rendered
   */
  public static int fillScans(Catalog catalog, ObjectStore imageStore) throws IOException {
    int rendered = 0;
    for (Missing m : missingScans(catalog, imageStore)) {
      if (Thread.currentThread().isInterrupted()) {
        return rendered;
      }
      ensureScan(imageStore, m.record(), m.page());
      rendered++;
    }
    return rendered;
  }

  /**
   * The sample scans a server renders on demand: the missing ones are listed when it starts, and
   * each is rendered when an image request first needs it, one at a time, on the requesting thread.
   * Nothing renders in the background: an idle server spends neither cores nor memory on pages
   * nobody has looked at (a page is a 26 MB image while it is drawn), and the first look at a page
   * waits a fraction of a second for it.
   */
  public static final class Scans {
    private final Map<String, Missing> pending;
    private final ObjectStore imageStore;

    /** One page drawn at a time: the memory of drawing is one page, however many ask at once. */
    private final ReentrantLock drawing = new ReentrantLock();

    /** Set by {@link #stop}: nothing is drawn after it. */
    private volatile boolean stopping;

    private Scans(Map<String, Missing> pending, ObjectStore imageStore) {
      this.pending = pending;
      this.imageStore = imageStore;
    }

    /**
     * Lists the missing scans, to be rendered when asked for.
     *
     * @param imageStore where scans are read from: the data directory's {@code images/}, or the
     *     bucket's with storage.type=s3
     */
    public static Scans onDemand(Catalog catalog, ObjectStore imageStore) {
      Map<String, Missing> pending = new ConcurrentHashMap<>();
      for (Missing m : listMissing(catalog, imageStore)) {
        pending.put(m.page().image(), m);
      }
      return new Scans(pending, imageStore);
    }

    private static List<Missing> listMissing(Catalog catalog, ObjectStore imageStore) {
      try {
        return missingScans(catalog, imageStore);
      } catch (IOException e) {
        // The store is out of reach: their images answer 503 until it is back; rebuild renders
        // them.
        LOG.warn("could not list the sample scans in {}: {}", imageStore.describe(), e.toString());
        return List.of();
      }
    }

    /**
     * Renders the scan at this image-store path now if it is one still to be rendered, waiting
     * while another page is drawn; returns at once for any other path.
     *
     * @throws IOException when the scan could not be written (it stays pending: the next request
     *     tries again)
     */
    public void render(String imagePath) throws IOException {
      if (!pending.containsKey(imagePath)) {
        return;
      }
      drawing.lock();
      try {
        Missing m = pending.get(imagePath);
        if (m == null || stopping) {
          return;
        }
        long t0 = System.nanoTime();
        ensureScan(imageStore, m.record(), m.page());
        pending.remove(imagePath);
        LOG.debug(
            "rendered the sample scan {} in {} ms",
            imagePath,
            (System.nanoTime() - t0) / 1_000_000);
      } finally {
        // The page image is kept while others wait to draw theirs (a viewer asks for several
        // pages at once), and given back once nobody does.
        if (!drawing.hasQueuedThreads()) {
          ScanRenderer.releaseSpare();
        }
        drawing.unlock();
      }
    }

    /**
     * Renders every scan still pending (what a test or a benchmark wants when it needs them all).
     *
     * @return how many were pending when it began
     */
    public int renderAll() throws IOException {
      int rendered = 0;
      for (String path : pending()) {
        render(path);
        rendered++;
      }
      return rendered;
    }

    /** True while the scan at this image-store path is still to be rendered. */
    public boolean isPending(String imagePath) {
      return pending.containsKey(imagePath);
    }

    /** The image-store paths of the scans still to be rendered, in no particular order. */
    public Set<String> pending() {
      return Set.copyOf(pending.keySet());
    }

    /**
     * Stops rendering and waits for the page in progress, so nothing writes after the server
     * closed.
     */
    public void stop() {
      stopping = true;
      drawing.lock();
      drawing.unlock();
    }
  }
}
