package org.dossier.iiif.presentation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The IIIF Presentation 3.0 JSON Schema of {@code schemas/iiif/} (the one the IIIF validator uses),
 * applied to one class at a time as the validator does, so that errors name the property at fault
 * rather than every alternative of the top-level {@code oneOf}. Formats (uri, date-time) are
 * asserted.
 */
final class PresentationSchema {
  private static final Path FILE = Path.of("schemas/iiif/presentation-3.schema.json");
  private static final Map<String, Schema> BY_CLASS = new ConcurrentHashMap<>();

  private PresentationSchema() {}

  /**
   * The schema's complaints about a document of a class ("manifest", "collection", "canvas",
   * "annotationPage", "annotation"); empty when it is valid.
   */
  static List<String> errors(JsonNode document, String schemaClass) {
    Schema schema = BY_CLASS.computeIfAbsent(schemaClass, PresentationSchema::load);
    List<Error> errors = schema.validate(document);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  private static Schema load(String schemaClass) {
    ObjectNode schema;
    try {
      schema = (ObjectNode) RecordJson.MAPPER.readTree(Files.readString(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!schema.path("classes").has(schemaClass)) {
      throw new IllegalArgumentException("the schema has no class " + schemaClass);
    }
    schema.putArray("oneOf").addObject().put("$ref", "#/classes/" + schemaClass);
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    return SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7, b -> b.schemaRegistryConfig(config))
        .getSchema(schema);
  }
}
