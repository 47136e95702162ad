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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;
import org.dossier.catalog.CatalogWriter;
import org.dossier.catalog.Page;
import org.dossier.catalog.Record;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports records and collections into the catalog. Every item is checked against
 * {@code schemas/record.schema.json} and for what a schema cannot say (a real date, an id used
 * twice, a known collection, a readable scan). All-or-nothing by default: the whole import is one
 * transaction, rolled back when any item is invalid, so the catalog is never half-written — not
 * even by a killed process. With {@code skipInvalid} the valid items are written and the rest
 * reported.
 */
public final class Importer {

  private static final Schema SCHEMA = loadSchema();

  private final Catalog catalog;
  private final Path imageStore;
  private final String defaultRights;
  private final PrintStream progressOut;

  /**
   * @param imageStore folder that page {@code image} paths are resolved in
   * @param defaultRights rights URI given to records that carry none
   * @param progressOut where progress lines go (stderr), or null for none
   */
  public Importer(Catalog catalog, Path imageStore, String defaultRights, PrintStream progressOut) {
    this.catalog = catalog;
    this.imageStore = imageStore;
    this.defaultRights = defaultRights;
    this.progressOut = progressOut;
  }

  private static Schema loadSchema() {
    try (InputStream in = Importer.class.getResourceAsStream("/schemas/record.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("schemas/record.schema.json is missing from the class path");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the record schema", e);
    }
  }

  /** Reads files and directories (their .json, .jsonl, .ndjson and .csv files, by name). */
  public ImportReport importFiles(List<Path> paths, boolean skipInvalid) throws IOException {
    List<Path> files = expand(paths);
    long totalBytes = files.stream().mapToLong(ItemReader::size).sum();
    Run run = new Run(skipInvalid, new Progress(progressOut, totalBytes));
    try (CatalogWriter writer = catalog.writer()) {
      run.writer = writer;
      for (Path file : files) {
        try (InputStream in = run.counting(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
          ItemReader.read(file, in, run::accept);
        }
      }
      return run.finish();
    } finally {
      run.progress.finish();
    }
  }

  /** Imports items already in memory (the bundled sample archive), labelled {@code source}. */
  public ImportReport importItems(String source, List<? extends JsonNode> items, boolean skipInvalid) {
    Run run = new Run(skipInvalid, new Progress(null, 0));
    try (CatalogWriter writer = catalog.writer()) {
      run.writer = writer;
      int n = 0;
      for (JsonNode item : items) {
        run.accept(Item.of(source + ":item " + (++n), item));
      }
      return run.finish();
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
          listing.filter(Files::isRegularFile).filter(ItemReader::canRead).sorted().forEach(files::add);
        }
      } else if (!Files.exists(p)) {
        throw new IllegalArgumentException(p + ": no such file or directory");
      } else if (!ItemReader.canRead(p)) {
        throw new IllegalArgumentException(p + ": unknown file type (expected .json, .jsonl, .ndjson or .csv)");
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
    CatalogWriter writer;
    long bytes;
    int read;
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

    void accept(Item item) {
      read++;
      progress.update(read, bytes);
      if (item.error() != null) {
        problems.add(new Problem(item.where(), "-", item.error()));
        return;
      }
      JsonNode node = item.node();
      List<Error> errors = SCHEMA.validate(node);
      if (!errors.isEmpty()) {
        for (Error e : errors) {
          problems.add(new Problem(item.where(), field(e), e.getMessage()));
        }
        return;
      }
      boolean isCollection = "collection".equals(node.path("kind").asString(""));
      String id = node.get("id").asString();
      Map<String, String> seen = isCollection ? collectionIds : recordIds;
      String first = seen.putIfAbsent(id, item.where());
      if (first != null) {
        problems.add(new Problem(item.where(), "$.id", "'" + id + "' appears twice in this import (first at " + first + ")"));
        return;
      }
      if (isCollection) {
        writer.put(RecordJson.collection(node));
        collections++;
        return;
      }
      int before = problems.size();
      Record record = toRecord(item.where(), (ObjectNode) node);
      if (problems.size() == before) {
        writer.put(record);
      }
    }

    private Record toRecord(String where, ObjectNode node) {
      if (!node.has("rights")) {
        node.put("rights", defaultRights);
      }
      for (JsonNode page : node.path("pages")) {
        if (!page.has("width")) {
          Path file = imageStore.resolve(page.get("image").asString());
          int[] size = pixelSize(file);
          if (size == null) {
            problems.add(new Problem(where, "$.pages", "no width/height given and " + file + " is not a readable image"));
          } else {
            ((ObjectNode) page).put("width", size[0]).put("height", size[1]);
          }
        }
      }
      for (JsonNode c : node.path("collections")) {
        if (!writer.hasCollection(c.asString())) {
          problems.add(new Problem(where, "$.collections", "unknown collection '" + c.asString()
              + "' (import it first, or earlier in the same import)"));
        }
      }
      try {
        return RecordJson.record(node);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(where, "$.date", e.getMessage()));
        return null;
      }
    }

    ImportReport finish() {
      boolean commit = problems.isEmpty() || skipInvalid;
      if (commit) {
        writer.commit();
      }
      CatalogWriter.Counts c = writer.counts();
      return new ImportReport(commit, read, c.inserted(), c.updated(), c.unchanged(), collections,
          List.copyOf(problems), (System.nanoTime() - started) / 1e9);
    }
  }

  /** The field an error is about: the property itself for a missing or unknown one. */
  private static String field(Error e) {
    String location = e.getInstanceLocation().toString();
    location = location.startsWith("$") ? location : location.isEmpty() ? "$" : "$." + location;
    boolean namesProperty = "required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword());
    return namesProperty && e.getProperty() != null ? location + "." + e.getProperty() : location;
  }

  /** Width and height from the image header, without decoding the pixels; null if unreadable. */
  static int[] pixelSize(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      return null;
    }
  }
}
