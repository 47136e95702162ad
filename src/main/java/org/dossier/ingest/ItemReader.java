package org.dossier.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dossier.catalog.RecordJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the items of one import file, streaming, by its ending: {@code .json} (one item or an
 * array), {@code .jsonl}/{@code .ndjson} (one item a line) or {@code .csv} (a header row naming
 * fields; multi-valued cells split on {@code |}; texts in {@code text.KIND.LANGUAGE} columns). A
 * syntax error that leaves the rest of a file unreadable ends that file with a broken item; in JSON
 * Lines every line stands alone.
 */
final class ItemReader {

  /** CSV columns whose cells hold several values separated by '|'. */
  private static final java.util.Set<String> MULTI =
      java.util.Set.of("languages", "people", "places", "subjects", "collections", "pages");

  /**
   * Reads one value from a stream positioned on it; the values after it are the stream's business.
   */
  private static final tools.jackson.databind.ObjectReader STREAM_READER =
      RecordJson.MAPPER
          .readerFor(JsonNode.class)
          .without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ItemReader() {}

  static boolean canRead(Path file) {
    return format(file) != null;
  }

  private static String format(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return "json";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return "jsonl";
    }
    if (name.endsWith(".csv")) {
      return "csv";
    }
    return null;
  }

  /** Reads every item of the file from the stream, handing each to the sink in file order. */
  static void read(Path file, InputStream raw, Consumer<Item> sink) throws IOException {
    read(file.toString(), format(file), raw, sink);
  }

  /**
   * Reads every item of a stream in a format ({@code json}, {@code jsonl} or {@code csv}), naming
   * the places it reports {@code name:line N}.
   */
  static void read(String name, String format, InputStream raw, Consumer<Item> sink)
      throws IOException {
    InputStream in = withoutByteOrderMark(raw);
    switch (format) {
      case "json" -> readJson(name, in, sink);
      case "jsonl" -> readJsonLines(name, in, sink);
      case "csv" -> readCsv(name, in, sink);
      default -> throw new IllegalArgumentException("unsupported format: " + format);
    }
  }

  /**
   * The stream without a UTF-8 byte-order mark at its start, which spreadsheet programs write for
   * "CSV UTF-8" and some editors for JSON: it is no part of the text (RFC 8259 lets a parser ignore
   * it; in a CSV header it would become part of the first column's name).
   */
  static InputStream withoutByteOrderMark(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(3);
    byte[] start = buffered.readNBytes(3);
    if (start.length != 3
        || (start[0] & 0xff) != 0xEF
        || (start[1] & 0xff) != 0xBB
        || (start[2] & 0xff) != 0xBF) {
      buffered.reset();
    }
    return buffered;
  }

  private static Reader utf8(InputStream in) {
    // Malformed UTF-8 is an error to report, not text to guess at.
    return new InputStreamReader(
        in,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private static void readJson(String name, InputStream in, Consumer<Item> sink) {
    try (JsonParser parser = RecordJson.MAPPER.createParser(utf8(in))) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        sink.accept(Item.broken(name + ":line 1", "the file is empty"));
        return;
      }
      if (first == JsonToken.START_OBJECT) {
        int line = parser.currentTokenLocation().getLineNr();
        sink.accept(Item.of(name + ":line " + line, STREAM_READER.readValue(parser)));
        if (parser.nextToken() != null) {
          sink.accept(
              Item.broken(
                  name + ":line " + parser.currentTokenLocation().getLineNr(),
                  "unexpected content after the JSON object (use an array for several items)"));
        }
        return;
      }
      if (first != JsonToken.START_ARRAY) {
        sink.accept(Item.broken(name + ":line 1", "expected a JSON object or an array of objects"));
        return;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          sink.accept(
              Item.broken(
                  name + ":line " + parser.currentLocation().getLineNr(),
                  "the array is not closed"));
          return;
        }
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode node = STREAM_READER.readValue(parser);
        if (!node.isObject()) {
          sink.accept(
              Item.broken(
                  name + ":line " + line,
                  "expected an object, found "
                      + node.getNodeType().name().toLowerCase(Locale.ROOT)));
        } else {
          sink.accept(Item.of(name + ":line " + line, node));
        }
      }
    } catch (JacksonException e) {
      sink.accept(Item.broken(name + where(e), "malformed JSON: " + e.getOriginalMessage()));
    }
  }

  private static String where(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : ":line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static void readJsonLines(String name, InputStream in, Consumer<Item> sink)
      throws IOException {
    BufferedReader reader = new BufferedReader(utf8(in), 1 << 16);
    String line;
    int number = 0;
    while (true) {
      try {
        line = reader.readLine();
      } catch (java.nio.charset.CharacterCodingException e) {
        sink.accept(Item.broken(name + ":line " + (number + 1), "the file is not valid UTF-8"));
        return;
      }
      if (line == null) {
        return;
      }
      number++;
      if (line.isBlank()) {
        continue;
      }
      String where = name + ":line " + number;
      try {
        JsonNode node = RecordJson.MAPPER.readTree(line);
        if (node.isObject()) {
          sink.accept(Item.of(where, node));
        } else {
          sink.accept(Item.broken(where, "expected a JSON object on the line"));
        }
      } catch (JacksonException e) {
        String column =
            e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
        sink.accept(Item.broken(where, "malformed JSON" + column + ": " + e.getOriginalMessage()));
      }
    }
  }

  private static void readCsv(String name, InputStream in, Consumer<Item> sink) throws IOException {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    try (CSVParser parser = CSVParser.builder().setReader(utf8(in)).setFormat(format).get()) {
      Map<String, Integer> header = parser.getHeaderMap();
      try {
        for (CSVRecord row : parser) {
          String where =
              name
                  + ":row "
                  + row.getRecordNumber()
                  + " (line "
                  + (row.getParser().getCurrentLineNumber())
                  + ")";
          if (row.size() != header.size()) {
            sink.accept(
                Item.broken(
                    where, "the row has " + row.size() + " cells, the header " + header.size()));
            continue;
          }
          ObjectNode item;
          try {
            item = toJson(header, row);
          } catch (BadCell e) {
            sink.accept(Item.broken(where, e.getMessage()));
            continue;
          }
          sink.accept(Item.of(where, item));
        }
      } catch (java.io.UncheckedIOException | IllegalStateException e) {
        sink.accept(
            Item.broken(
                name + ":line " + parser.getCurrentLineNumber(),
                "malformed CSV: " + rootMessage(e)));
      }
    } catch (IllegalArgumentException e) {
      sink.accept(Item.broken(name + ":line 1", "malformed CSV header: " + e.getMessage()));
    }
  }

  /** A row that cannot become an item. */
  static final class BadCell extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadCell(String message) {
      super(message);
    }
  }

  /**
   * A CSV row as the JSON item it stands for: empty cells are absent, multi-valued cells split on
   * '|'. A column {@code text.KIND.LANGUAGE} ({@code text.transcript.ru}) holds one text; the
   * {@code ocr} column lists the pages' OCR files in page order, '|'-separated, an empty entry for
   * a page without.
   */
  static ObjectNode toJson(Map<String, Integer> header, CSVRecord row) {
    ObjectNode node = RecordJson.MAPPER.createObjectNode();
    String[] ocr = null;
    for (Map.Entry<String, Integer> column : header.entrySet()) {
      String field = column.getKey();
      String cell = row.get(column.getValue());
      if (cell.isEmpty()) {
        continue;
      }
      String[] text = field.split("\\.", -1);
      if (text.length == 3 && text[0].equals("text")) {
        ArrayNode texts =
            node.has("texts") ? (ArrayNode) node.get("texts") : node.putArray("texts");
        texts.addObject().put("kind", text[1]).put("language", text[2]).put("text", cell);
        continue;
      }
      if (field.equals("ocr")) {
        ocr = cell.split("\\|", -1);
        continue;
      }
      if (!MULTI.contains(field)) {
        node.put(field, cell);
        continue;
      }
      ArrayNode values = node.putArray(field);
      for (String value : cell.split("\\|")) {
        value = value.strip();
        if (value.isEmpty()) {
          continue;
        }
        if (field.equals("pages")) {
          values.add(page(value));
        } else {
          values.add(value);
        }
      }
    }
    if (ocr != null) {
      JsonNode pages = node.path("pages");
      for (int i = 0; i < ocr.length; i++) {
        String file = ocr[i].strip();
        if (file.isEmpty()) {
          continue;
        }
        if (i >= pages.size()) {
          throw new BadCell(
              "column ocr: OCR file "
                  + (i + 1)
                  + " ("
                  + file
                  + ") is for a page that has none: the row has "
                  + pages.size()
                  + " page(s)");
        }
        ((ObjectNode) pages.get(i)).put("ocr", file);
      }
    }
    return node;
  }

  /** A pages cell entry: {@code path} or {@code path@WIDTHxHEIGHT}. */
  private static JsonNode page(String value) {
    ObjectNode page = RecordJson.MAPPER.createObjectNode();
    int at = value.lastIndexOf('@');
    java.util.regex.Matcher size =
        java.util.regex.Pattern.compile("(\\d{1,7})x(\\d{1,7})")
            .matcher(at < 0 ? "" : value.substring(at + 1));
    if (at > 0 && size.matches()) {
      page.put("image", value.substring(0, at));
      page.put("width", Integer.parseInt(size.group(1)));
      page.put("height", Integer.parseInt(size.group(2)));
    } else {
      page.put("image", value);
    }
    return page;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
