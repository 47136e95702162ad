package org.dossier.ingest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Iso639;
import org.dossier.catalog.PageOcr;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import org.dossier.catalog.RecordText;
import org.dossier.scans.Jp2;
import org.dossier.scans.Ranges;
import org.dossier.scans.ScanHeader;
import org.dossier.storage.ObjectStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports records and collections into the catalog. Every item is checked against {@code
 * schemas/record.schema.json} and for what a schema cannot say (a real date, an id used twice, a
 * known collection, a readable scan, an ISO 639 language, an OCR file that parses and fits its
 * page). All-or-nothing by default: the whole import is one transaction, rolled back when any item
 * is invalid, so the catalog is never half-written — not even by a killed process. With {@code
 * skipInvalid} the valid items are written and the rest reported.
 */
public final class Importer {

  /**
   * The record schema, parsed on first use: the JSON Schema library's few hundred classes are not
   * loaded at a server's start-up, where only the API's wiring touches this class.
   */
  private static final class RecordSchema {
    static final Schema SCHEMA = loadSchema();
  }

  private final Catalog catalog;
  private final Path imageStore;
  private final Path ocrStore;
  private final String defaultRights;
  private final PrintStream progressOut;
  private CatalogWriter.Listener listener;
  private ObjectStore remoteScans;

  /**
   * @param imageStore folder that page {@code image} paths are resolved in ({@code images/} in the
   *     data directory); OCR files are looked up in it and in the {@code ocr/} folder beside it
   * @param defaultRights rights URI given to records that carry none
   * @param progressOut where progress lines go (stderr), or null for none
   */
  public Importer(Catalog catalog, Path imageStore, String defaultRights, PrintStream progressOut) {
    this(
        catalog,
        imageStore,
        imageStore.toAbsolutePath().resolveSibling("ocr"),
        defaultRights,
        progressOut);
  }

  /**
   * @param ocrStore the data directory's {@code ocr/} folder: a page's {@code ocr} path starting
   *     with {@code ocr/} is resolved in it, one starting with {@code images/} in the image store
   */
  public Importer(
      Catalog catalog,
      Path imageStore,
      Path ocrStore,
      String defaultRights,
      PrintStream progressOut) {
    this.catalog = catalog;
    this.imageStore = imageStore;
    this.ocrStore = ocrStore;
    this.defaultRights = defaultRights;
    this.progressOut = progressOut;
  }

  private static Schema loadSchema() {
    try (InputStream in = Importer.class.getResourceAsStream("/schemas/record.schema.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "schemas/record.schema.json is missing from the class path");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the record schema", e);
    }
  }

  /**
   * Reads the page scans' headers from object storage ({@code storage.type=s3}: the bucket's {@code
   * images/}) instead of the image store, by byte ranges: a header costs a few ranged GETs, never
   * the whole scan.
   */
  public void scansIn(ObjectStore scans) {
    this.remoteScans = scans;
  }

  /** A scan in the remote store as byte ranges, or null when there is none by that path. */
  private Ranges remoteScan(String image) throws IOException {
    String key;
    try {
      if (image.startsWith("/") || image.contains(":")) {
        return null;
      }
      key =
          ObjectStore.checkKey(
              Path.of(image).normalize().toString().replace(java.io.File.separatorChar, '/'));
    } catch (IllegalArgumentException e) {
      return null;
    }
    java.util.Optional<ObjectStore.ObjectInfo> info = remoteScans.stat(key);
    if (info.isEmpty()) {
      return null;
    }
    long size = info.get().size();
    ObjectStore store = remoteScans;
    return new Ranges() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        return store.read(key, offset, length);
      }

      @Override
      public String name() {
        return key;
      }
    };
  }

  /**
   * Tells {@code listener} of each record the imports that follow write, and of how each import's
   * transaction ends (see {@link CatalogWriter.Listener}); null for none.
   */
  public void listen(CatalogWriter.Listener listener) {
    this.listener = listener;
  }

  /** Reads files and directories (their .json, .jsonl, .ndjson and .csv files, by name). */
  public ImportReport importFiles(List<Path> paths, boolean skipInvalid) throws IOException {
    List<Path> files = expand(paths);
    long totalBytes = files.stream().mapToLong(ItemReader::size).sum();
    Run run = new Run(skipInvalid, new Progress(progressOut, totalBytes));
    try (CatalogWriter writer = catalog.writer()) {
      if (listener != null) {
        writer.listen(listener);
      }
      run.writer = writer;
      for (Path file : files) {
        try (InputStream in =
            run.counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
          ItemReader.read(file, in, run::accept);
        }
      }
      return run.finish();
    } finally {
      run.shutdown();
      run.progress.finish();
    }
  }

  /** The formats {@link #importStream} reads. */
  public enum Format {
    /** One item, or an array of items. */
    JSON,
    /** JSON Lines: one item a line. */
    JSON_LINES,
    /** A header row naming fields, one item a row (as for {@code .csv} files). */
    CSV
  }

  /**
   * Imports a stream as it arrives (an HTTP request body), never holding more of it than the item
   * being read, with the same checks and the same all-or-nothing report as files. Problems are
   * placed as {@code name:line N}.
   */
  public ImportReport importStream(String name, Format format, InputStream in, boolean skipInvalid)
      throws IOException {
    Run run = new Run(skipInvalid, new Progress(null, 0));
    try (CatalogWriter writer = catalog.writer()) {
      if (listener != null) {
        writer.listen(listener);
      }
      run.writer = writer;
      String type =
          switch (format) {
            case JSON -> "json";
            case JSON_LINES -> "jsonl";
            case CSV -> "csv";
          };
      ItemReader.read(name, type, run.counting(in), run::accept);
      return run.finish();
    } finally {
      run.shutdown();
    }
  }

  /** Imports items already in memory (the bundled sample archive), labelled {@code source}. */
  public ImportReport importItems(
      String source, List<? extends JsonNode> items, boolean skipInvalid) {
    return importItems(source, items, skipInvalid, writer -> {});
  }

  /**
   * As {@link #importItems(String, List, boolean)}, first handing the transaction to {@code
   * before}: it holds the catalog's write lock, so what {@code before} reads (a record's current
   * content hash, say) cannot change until the import commits. An exception thrown by {@code
   * before} rolls the transaction back and is passed on.
   */
  public ImportReport importItems(
      String source,
      List<? extends JsonNode> items,
      boolean skipInvalid,
      java.util.function.Consumer<CatalogWriter> before) {
    Run run = new Run(skipInvalid, new Progress(null, 0));
    try (CatalogWriter writer = catalog.writer()) {
      if (listener != null) {
        writer.listen(listener);
      }
      run.writer = writer;
      before.accept(writer);
      int n = 0;
      for (JsonNode item : items) {
        run.accept(Item.of(source + ":item " + (++n), item));
      }
      return run.finish();
    } finally {
      run.shutdown();
    }
  }

  /**
   * The files an import reads.
   *
   * @throws IllegalArgumentException for a path that does not exist or a file of unknown type
   */
  static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (var listing = Files.list(p)) {
          listing
              .filter(Files::isRegularFile)
              .filter(ItemReader::canRead)
              .sorted()
              .forEach(files::add);
        }
      } else if (!Files.exists(p)) {
        throw new IllegalArgumentException(p + ": no such file or directory");
      } else if (!ItemReader.canRead(p)) {
        throw new IllegalArgumentException(
            p + ": unknown file type (expected .json, .jsonl, .ndjson or .csv)");
      } else if (!Files.isReadable(p)) {
        throw new IllegalArgumentException(p + ": not readable");
      } else {
        files.add(p);
      }
    }
    return files;
  }

  /** The state of one import. */
  private final class Run {
    final boolean skipInvalid;
    final Progress progress;
    final List<Problem> problems = new ArrayList<>();
    final Map<String, String> recordIds = new HashMap<>();
    final Map<String, String> collectionIds = new HashMap<>();
    final long started = System.nanoTime();
    final ArrayDeque<Queued> queue = new ArrayDeque<>();
    CatalogWriter writer;
    ExecutorService workers;
    long bytes;
    int read;

    /** Items refused: one item may have several problems. */
    int invalid;

    int collections;

    Run(boolean skipInvalid, Progress progress) {
      this.skipInvalid = skipInvalid;
      this.progress = progress;
    }

    InputStream counting(InputStream in) {
      return new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            bytes++;
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
          int n = super.read(buffer, off, len);
          if (n > 0) {
            bytes += n;
          }
          return n;
        }
      };
    }

    /**
     * Checks an item in file order (schema, ids, collections, texts) and queues it; the OCR files
     * of its pages are parsed on the worker threads meanwhile, and the item is written (or its
     * problems reported) when it reaches the head of the queue, so writes and the report keep the
     * order of the files.
     */
    void accept(Item item) {
      read++;
      progress.update(read, bytes);
      Queued queued = new Queued();
      try {
        check(item, queued);
      } finally {
        queue.add(queued);
        drain(false);
      }
    }

    private void check(Item item, Queued queued) {
      List<Problem> found = queued.problems;
      if (item.error() != null) {
        found.add(new Problem(item.where(), "-", item.error()));
        return;
      }
      JsonNode node = item.node();
      List<Error> errors = RecordSchema.SCHEMA.validate(node);
      if (!errors.isEmpty()) {
        for (Error e : errors) {
          found.add(new Problem(item.where(), field(e), e.getMessage()));
        }
        return;
      }
      boolean isCollection = "collection".equals(node.path("kind").asString(""));
      String id = node.get("id").asString();
      Map<String, String> seen = isCollection ? collectionIds : recordIds;
      String first = seen.putIfAbsent(id, item.where());
      if (first != null) {
        found.add(
            new Problem(
                item.where(),
                "$.id",
                "'" + id + "' appears twice in this import (first at " + first + ")"));
        return;
      }
      if (isCollection) {
        writer.put(RecordJson.collection(node));
        collections++;
        return;
      }
      String where = item.where();
      ObjectNode record = (ObjectNode) node;
      if (!record.has("rights")) {
        record.put("rights", defaultRights);
      }
      for (JsonNode page : record.path("pages")) {
        if (remoteScans != null) {
          String image = page.get("image").asString();
          try {
            Ranges scan = remoteScan(image);
            if (scan == null && !page.has("width")) {
              found.add(
                  new Problem(
                      where,
                      "$.pages",
                      "no width/height given and "
                          + image
                          + " is not in the object store's images/"));
            } else if (scan != null && !page.has("width")) {
              ScanHeader header = ScanHeader.read(scan);
              ((ObjectNode) page).put("width", header.width()).put("height", header.height());
            } else if (scan != null && Jp2.isJp2(scan.read(0, 12))) {
              ScanHeader.read(scan); // a truncated JPEG 2000 file is refused now
            }
          } catch (IOException e) {
            found.add(new Problem(where, "$.pages", image + ": " + e.getMessage()));
          }
          continue;
        }
        if (page.has("width")) {
          // A JPEG 2000 scan that is there is checked even when its size is given: a truncated
          // one is refused now rather than failing in the image service.
          Path file = imageStore.resolve(page.get("image").asString()).normalize();
          if (file.startsWith(imageStore.normalize()) && Files.isRegularFile(file)) {
            try {
              if (Jp2.isJp2(file)) {
                ScanHeader.read(file);
              }
            } catch (IOException e) {
              found.add(
                  new Problem(
                      where, "$.pages", page.get("image").asString() + ": " + e.getMessage()));
            }
          }
        } else {
          Path file = imageStore.resolve(page.get("image").asString());
          try {
            ScanHeader header = ScanHeader.read(file);
            ((ObjectNode) page).put("width", header.width()).put("height", header.height());
          } catch (IOException e) {
            found.add(
                new Problem(
                    where,
                    "$.pages",
                    "no width/height given and "
                        + file
                        + " is not a readable image: "
                        + e.getMessage()));
          }
        }
      }
      for (JsonNode c : record.path("collections")) {
        if (!writer.hasCollection(c.asString())) {
          found.add(
              new Problem(
                  where,
                  "$.collections",
                  "unknown collection '"
                      + c.asString()
                      + "' (import it first, or earlier in the same import)"));
        }
      }
      queued.texts = texts(where, record, found);
      try {
        queued.record = RecordJson.record(record);
      } catch (IllegalArgumentException e) {
        found.add(new Problem(where, "$.date", e.getMessage()));
      }
      boolean hasOcr = false;
      for (JsonNode page : record.path("pages")) {
        hasOcr |= page.has("ocr") || page.has("ocrText");
      }
      if (hasOcr) {
        // The node is not touched again on this thread: the worker may read it.
        queued.ocr = workers().submit(() -> ocr(where, record));
      }
    }

    /**
     * Writes or reports the queued items whose OCR is read: all of them, or while too many wait.
     */
    private void drain(boolean all) {
      while (!queue.isEmpty()) {
        Queued head = queue.peekFirst();
        if (!all && queue.size() <= LOOKAHEAD && head.ocr != null && !head.ocr.isDone()) {
          return;
        }
        queue.pollFirst();
        List<PageOcr> layers = List.of();
        if (head.ocr != null) {
          OcrResult result = await(head.ocr);
          head.problems.addAll(result.problems());
          layers = result.layers();
        }
        problems.addAll(head.problems);
        if (!head.problems.isEmpty()) {
          invalid++;
        }
        if (head.problems.isEmpty() && head.record != null) {
          writer.put(head.record, head.texts, layers);
        }
      }
    }

    private ExecutorService workers() {
      if (workers == null) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.atomic.AtomicInteger n =
            new java.util.concurrent.atomic.AtomicInteger();
        workers =
            Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "import-ocr-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
      }
      return workers;
    }

    void shutdown() {
      if (workers != null) {
        workers.shutdownNow();
      }
    }

    private List<RecordText> texts(String where, JsonNode node, List<Problem> found) {
      List<RecordText> texts = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      int i = 0;
      for (JsonNode t : node.path("texts")) {
        String field = "$.texts[" + i + "]";
        String kind = t.get("kind").asString();
        String language = t.get("language").asString();
        Integer first = seen.putIfAbsent(kind + " " + language, i);
        if (!Iso639.isCode(language)) {
          found.add(
              new Problem(
                  where,
                  field + ".language",
                  "'"
                      + language
                      + "' is not an ISO 639-1 or ISO 639-3 language code"
                      + " (such as en, ru, zh, ko, hu, or rus, kor)"));
        } else if (first != null) {
          found.add(
              new Problem(
                  where,
                  field,
                  "a second "
                      + kind
                      + " in '"
                      + language
                      + "' (the first is $.texts["
                      + first
                      + "]): a record has one text of each kind and language"));
        } else {
          texts.add(new RecordText(kind, language, t.get("text").asString()));
        }
        i++;
      }
      return texts;
    }

    /** Reads the OCR of an item's pages (on a worker thread: touches nothing shared). */
    private OcrResult ocr(String where, JsonNode node) {
      List<PageOcr> layers = new ArrayList<>();
      List<Problem> found = new ArrayList<>();
      int i = 0;
      for (JsonNode page : node.path("pages")) {
        int number = ++i;
        String field = "$.pages[" + (number - 1) + "]";
        boolean hasFile = page.has("ocr");
        if (hasFile && page.has("ocrText")) {
          found.add(
              new Problem(
                  where,
                  field,
                  "give the page's OCR as a file (ocr) or as text (ocrText), not both"));
          continue;
        }
        if (page.has("ocrText")) {
          layers.add(OcrReader.plain(number, page.get("ocrText").asString()));
          continue;
        }
        if (!hasFile || !page.has("width")) {
          continue; // no OCR, or no pixel size (already reported): nothing to place the words on
        }
        String source = page.get("ocr").asString();
        try {
          Path file = ocrFile(source);
          layers.add(
              OcrReader.read(
                  file, source, number, page.get("width").asInt(), page.get("height").asInt()));
        } catch (OcrException e) {
          found.add(new Problem(where, field + ".ocr", source + ": " + e.getMessage()));
        } catch (IOException e) {
          found.add(
              new Problem(where, field + ".ocr", source + ": cannot be read: " + e.getMessage()));
        }
      }
      return new OcrResult(layers, found);
    }

    ImportReport finish() {
      drain(true);
      boolean commit = problems.isEmpty() || skipInvalid;
      if (commit) {
        writer.commit();
      }
      CatalogWriter.Counts c = writer.counts();
      return new ImportReport(
          commit,
          read,
          invalid,
          c.inserted(),
          c.updated(),
          c.unchanged(),
          collections,
          List.copyOf(problems),
          (System.nanoTime() - started) / 1e9);
    }
  }

  /** How many items may wait for their OCR before the import waits for the first of them. */
  private static final int LOOKAHEAD = 64;

  /** An item checked in file order, waiting for its OCR to be read before it is written. */
  private static final class Queued {
    final List<Problem> problems = new ArrayList<>();
    Record record;
    List<RecordText> texts = List.of();
    Future<OcrResult> ocr;
  }

  /** What reading an item's OCR gave: the pages' layers, or the problems with them. */
  private record OcrResult(List<PageOcr> layers, List<Problem> problems) {}

  private static OcrResult await(Future<OcrResult> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The file an OCR path names: {@code images/...} in the image store, {@code ocr/...} in the OCR
   * folder; never outside them, not even through a link.
   */
  Path ocrFile(String path) throws OcrException, IOException {
    int slash = path.indexOf('/');
    String root = slash < 0 ? "" : path.substring(0, slash);
    Path base =
        switch (root) {
          case "images" -> imageStore;
          case "ocr" -> ocrStore;
          default ->
              throw new OcrException(
                  "an OCR path starts with images/ or ocr/ (the data directory's folders)");
        };
    base = base.toAbsolutePath().normalize();
    String rest = path.substring(slash + 1);
    Path file =
        rest.isEmpty() || rest.startsWith("/") || rest.contains("\\")
            ? null
            : base.resolve(rest).normalize();
    if (file == null || !file.startsWith(base) || file.equals(base)) {
      throw new OcrException("the path leads outside the data directory's " + root + "/ folder");
    }
    if (!Files.isRegularFile(file)) {
      throw new OcrException(
          "there is no such OCR file in the data directory's " + root + "/ folder");
    }
    if (!file.toRealPath().startsWith(base.toRealPath())) {
      throw new OcrException(
          "the file is a link that leads outside the data directory's " + root + "/ folder");
    }
    return file;
  }

  /** The field an error is about: the property itself for a missing or unknown one. */
  private static String field(Error e) {
    String location = e.getInstanceLocation().toString();
    location =
        location.startsWith("$")
            ? location
            : location.startsWith("/")
                ? path(location)
                : location.isEmpty() ? "$" : "$." + location;
    boolean namesProperty =
        "required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword());
    return namesProperty && e.getProperty() != null ? location + "." + e.getProperty() : location;
  }

  /**
   * A JSON Pointer ({@code /pages/0/ocr}) in the report's JSONPath spelling ({@code
   * $.pages[0].ocr}).
   */
  private static String path(String pointer) {
    StringBuilder path = new StringBuilder("$");
    for (String segment : pointer.substring(1).split("/", -1)) {
      segment = segment.replace("~1", "/").replace("~0", "~");
      if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
        path.append('[').append(segment).append(']');
      } else {
        path.append('.').append(segment);
      }
    }
    return path.toString();
  }
}
