package org.dossier.urls;

import java.util.Optional;

/**
 * The kinds of things with URIs of their own under {@code /id/}, each described by a document under
 * its own path: {@code /id/person/X} is described at {@code /people/X}.
 */
public enum ThingKind {
  RECORD("record", "records"),
  PERSON("person", "people"),
  PLACE("place", "places"),
  SUBJECT("subject", "subjects"),
  TYPE("type", "types"),
  COLLECTION("collection", "collections");

  /** The path segment under {@code /id/}. */
  public final String idSegment;

  /** The first path segment of the thing's description document. */
  public final String pageSegment;

  ThingKind(String idSegment, String pageSegment) {
    this.idSegment = idSegment;
    this.pageSegment = pageSegment;
  }

  public static Optional<ThingKind> ofIdSegment(String segment) {
    for (ThingKind k : values()) {
      if (k.idSegment.equals(segment)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  public static Optional<ThingKind> ofPageSegment(String segment) {
    for (ThingKind k : values()) {
      if (k.pageSegment.equals(segment)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * Records and collections are named by their catalog id; the others by a name turned into a slug.
   */
  public boolean namedByCatalogId() {
    return this == RECORD || this == COLLECTION;
  }

  /**
   * The key of a thing in its URIs: the catalog id (percent-encoded) or the name's {@link
   * Slugs#slug}.
   */
  public String key(String idOrName) {
    return namedByCatalogId() ? Urls.segment(idOrName) : Slugs.slug(idOrName);
  }
}
