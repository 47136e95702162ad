package org.dossier.search;

/**
 * A dimension search results are counted and filtered by. Values are the record's own: collection
 * ids, type labels ("record of conversation"), names of people and places, years, and the languages
 * of a record's texts.
 */
public enum Facet {
  COLLECTION("collection", true),
  TYPE("type", false),
  PERSON("person", true),
  PLACE("place", true),
  YEAR("year", false),
  /** The languages of the record's texts (ISO 639 codes as imported). */
  TEXT_LANGUAGE("textLanguage", true);

  private final String dim;
  private final boolean multiValued;

  Facet(String dim, boolean multiValued) {
    this.dim = dim;
    this.multiValued = multiValued;
  }

  /** The dimension's name in the index, also the query parameter that filters by it. */
  public String dim() {
    return dim;
  }

  boolean multiValued() {
    return multiValued;
  }
}
