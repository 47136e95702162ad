package org.dossier.oai;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.catalog.Record;
import org.dossier.catalog.Selection;

/**
 * The repository's sets (section 2.7.1), two hierarchies: {@code collection} with {@code
 * collection:{id}} below it, and {@code type} with {@code type:{key}} below it. An item in a lower
 * set is in the set above it too. The catalog knows nothing of these names: a set spec is
 * translated here into the catalog's {@link Selection.Scope}.
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

  /**
   * The records a {@code set} argument selects: every record for none, empty for a spec that names
   * no set of this repository (a list of it is noRecordsMatch).
   */
  static Optional<Selection.Scope> scope(String spec) {
    if (spec == null) {
      return Optional.of(Selection.Scope.EVERY_RECORD);
    }
    if (spec.equals(COLLECTION)) {
      return Optional.of(Selection.Scope.ANY_COLLECTION);
    }
    if (spec.startsWith(COLLECTION + ":")) {
      return Optional.of(new Selection.InCollection(spec.substring(COLLECTION.length() + 1)));
    }
    if (spec.equals(TYPE)) {
      return Optional.of(Selection.Scope.ANY_TYPE);
    }
    if (spec.startsWith(TYPE + ":")) {
      return Optional.of(new Selection.OfType(spec.substring(TYPE.length() + 1)));
    }
    return Optional.empty();
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
