package org.dossier.ingest;

import tools.jackson.databind.JsonNode;

/**
 * One item read from an import file, or the reason it could not be read.
 *
 * @param where "file:line N" or "file:row N", for the report
 * @param node the item as JSON, or null when {@code error} says why it could not be read
 */
record Item(String where, JsonNode node, String error) {

  static Item of(String where, JsonNode node) {
    return new Item(where, node, null);
  }

  static Item broken(String where, String error) {
    return new Item(where, null, error);
  }
}
