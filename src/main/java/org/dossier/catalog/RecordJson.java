package org.dossier.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of records and collections: the import format of {@code schemas/record.schema.json}
 * and the form the catalog stores. Writing is canonical (fixed key order, absent values left out),
 * so the SHA-256 of the written bytes tells whether a record's content changed. The stored form
 * differs from the import form in two places only: {@code texts} carry their {@code length} in
 * place of the {@code text}, and a page with OCR carries its {@code ocrFormat} (the words are in
 * their own table, never inline).
 */
public final class RecordJson {

  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RecordJson() {}

  /** The canonical JSON of a record's content (no datestamp, no deleted flag). */
  public static ObjectNode toJson(Record r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", r.id());
    node.put("title", r.title());
    putIfPresent(node, "date", r.date() == null ? null : r.date().toString());
    putIfPresent(node, "summary", r.summary());
    putIfPresent(node, "type", r.type());
    putList(node, "languages", r.languages());
    putList(node, "people", r.people());
    putList(node, "places", r.places());
    putList(node, "subjects", r.subjects());
    putIfPresent(node, "source", r.source());
    putIfPresent(node, "archive", r.archive());
    putIfPresent(node, "rights", r.rights());
    putList(node, "collections", r.collections());
    // Left out when open, so that the content hash (and the datestamp) of every record stored
    // before access levels existed stays what it was.
    if (r.access() != AccessLevel.OPEN) {
      node.put("access", r.access().key());
    }
    if (!r.pages().isEmpty()) {
      ArrayNode pages = node.putArray("pages");
      for (Page p : r.pages()) {
        ObjectNode page = pages.addObject();
        page.put("image", p.image());
        page.put("width", p.width());
        page.put("height", p.height());
        putIfPresent(page, "label", p.label());
        putIfPresent(page, "ocr", p.ocr());
        putIfPresent(page, "ocrFormat", p.ocrFormat());
      }
    }
    if (!r.texts().isEmpty()) {
      ArrayNode texts = node.putArray("texts");
      for (TextRef t : r.texts()) {
        texts
            .addObject()
            .put("kind", t.kind())
            .put("language", t.language())
            .put("length", t.length());
      }
    }
    return node;
  }

  public static ObjectNode toJson(ArchiveCollection c) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", "collection");
    node.put("id", c.id());
    node.put("title", c.title());
    putIfPresent(node, "description", c.description());
    return node;
  }

  /**
   * Reads a record from JSON that has passed the schema (or from its stored form). Pages must carry
   * their pixel size here. A text given with its {@code text} is listed with that text's length.
   *
   * @throws IllegalArgumentException for a date that is not real or an unknown access level
   */
  public static Record record(JsonNode node) {
    List<Page> pages = new ArrayList<>();
    for (JsonNode p : node.path("pages")) {
      pages.add(
          new Page(
              p.get("image").asString(),
              p.path("width").asInt(0),
              p.path("height").asInt(0),
              text(p, "label"),
              text(p, "ocr"),
              text(p, "ocrFormat")));
    }
    List<TextRef> texts = new ArrayList<>();
    for (JsonNode t : node.path("texts")) {
      JsonNode body = t.get("text");
      int length =
          body == null
              ? t.path("length").asInt(0)
              : body.asString().codePointCount(0, body.asString().length());
      texts.add(new TextRef(t.get("kind").asString(), t.get("language").asString(), length));
    }
    String date = text(node, "date");
    return new Record(
        node.get("id").asString(),
        node.get("title").asString(),
        date == null ? null : ArchiveDate.parse(date),
        text(node, "summary"),
        text(node, "type"),
        list(node, "languages"),
        list(node, "people"),
        list(node, "places"),
        list(node, "subjects"),
        text(node, "source"),
        text(node, "archive"),
        text(node, "rights"),
        list(node, "collections"),
        pages,
        texts,
        AccessLevel.of(text(node, "access")),
        null,
        false);
  }

  public static ArchiveCollection collection(JsonNode node) {
    return new ArchiveCollection(
        node.get("id").asString(), node.get("title").asString(), text(node, "description"), null);
  }

  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  public static JsonNode read(String json) {
    return MAPPER.readTree(json);
  }

  /** Hex SHA-256 of the text's UTF-8 bytes. */
  public static String sha256(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void putIfPresent(ObjectNode node, String key, String value) {
    if (value != null) {
      node.put(key, value);
    }
  }

  private static void putList(ObjectNode node, String key, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(key);
      values.forEach(array::add);
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static List<String> list(JsonNode node, String key) {
    List<String> values = new ArrayList<>();
    for (JsonNode v : node.path(key)) {
      values.add(v.asString());
    }
    return values;
  }
}
