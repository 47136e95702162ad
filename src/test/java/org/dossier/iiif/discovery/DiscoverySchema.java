package org.dossier.iiif.discovery;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dossier.catalog.RecordJson;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema of {@code schemas/iiif/discovery-1.schema.json}, written from the Change
 * Discovery 1.0 specification, with formats (uri, date-time) asserted.
 */
final class DiscoverySchema {
  static final Path FILE = Path.of("schemas/iiif/discovery-1.schema.json");
  private static Schema schema;

  private DiscoverySchema() {}

  /** The schema's complaints about a document; empty when it is valid. */
  static synchronized List<String> errors(JsonNode document) {
    if (schema == null) {
      JsonNode tree;
      try {
        tree = RecordJson.MAPPER.readTree(Files.readString(FILE));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SchemaRegistryConfig config =
          SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
      schema =
          SchemaRegistry.withDefaultDialect(
                  SpecificationVersion.DRAFT_7, b -> b.schemaRegistryConfig(config))
              .getSchema(tree);
    }
    return schema.validate(document).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }
}
