package org.dossier.oai;

import java.util.HashMap;
import java.util.Map;
import org.dossier.catalog.ArchiveCollection;
import org.dossier.catalog.Catalog;

/**
 * The titles of the collections the records of one response belong to, each read from the catalog
 * once per response: the records of a page mostly share their few collections. A collection the
 * catalog no longer has is named by its id.
 */
final class CollectionTitles {
  private final Catalog catalog;
  private final Map<String, String> titles = new HashMap<>();

  CollectionTitles(Catalog catalog) {
    this.catalog = catalog;
  }

  String title(String collectionId) {
    return titles.computeIfAbsent(
        collectionId, id -> catalog.collection(id).map(ArchiveCollection::title).orElse(id));
  }
}
