package org.dossier.oai;

import java.util.ArrayList;
import java.util.List;
import org.dossier.catalog.Record;

/**
 * The repository's sets (section 2.7.1), two hierarchies: {@code collection} with
 * {@code collection:{id}} below it, and {@code type} with {@code type:{key}} below it. An item in
 * a lower set is in the set above it too, which the catalog's selection already honours.
 */
final class SetSpecs {
  static final String COLLECTION = "collection";
  static final String TYPE = "type";

  private SetSpecs() {}

  static String collection(String id) {
    return COLLECTION + ":" + id;
  }

  static String type(String key) {
    return TYPE + ":" + key;
  }

  /** The most specific sets a record belongs to, as its header lists them. */
  static List<String> of(Record r) {
    List<String> specs = new ArrayList<>(r.collections().size() + 1);
    for (String c : r.collections()) {
      specs.add(collection(c));
    }
    String typeKey = r.typeKey();
    if (typeKey != null && !typeKey.isEmpty()) {
      specs.add(type(typeKey));
    }
    return specs;
  }
}
