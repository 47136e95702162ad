package org.dossier.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A document of the archive as the catalog keeps it. Lists are never null (empty when the archive
 * says nothing); the optional single values are null when absent.
 *
 * @param date the document's date at its own precision, or null when undated
 * @param type document type in lower case ("telegram", "record of conversation"), or null
 * @param rights rights statement URI (the configured default is applied at import)
 * @param collections ids of the collections the record belongs to
 * @param texts descriptors of the record's texts (transcripts, translations); the texts themselves
 *     are read with {@link Catalog#texts(String)}
 * @param access who may see the record and its scans ({@link AccessLevel#OPEN} when the archive
 *     says nothing)
 * @param datestamp when the content last changed (UTC, whole seconds); null before it is stored
 * @param deleted true for a tombstone: the record was deleted and is kept as such
 */
public record Record(
    String id,
    String title,
    ArchiveDate date,
    String summary,
    String type,
    List<String> languages,
    List<String> people,
    List<String> places,
    List<String> subjects,
    String source,
    String archive,
    String rights,
    List<String> collections,
    List<Page> pages,
    List<TextRef> texts,
    AccessLevel access,
    Instant datestamp,
    boolean deleted) {

  public Record {
    access = access == null ? AccessLevel.OPEN : access;
    languages = List.copyOf(languages);
    people = List.copyOf(people);
    places = List.copyOf(places);
    subjects = List.copyOf(subjects);
    collections = List.copyOf(collections);
    pages = List.copyOf(pages);
    texts = texts == null ? List.of() : List.copyOf(texts);
  }

  /** An open record. */
  public Record(
      String id,
      String title,
      ArchiveDate date,
      String summary,
      String type,
      List<String> languages,
      List<String> people,
      List<String> places,
      List<String> subjects,
      String source,
      String archive,
      String rights,
      List<String> collections,
      List<Page> pages,
      List<TextRef> texts,
      Instant datestamp,
      boolean deleted) {
    this(
        id,
        title,
        date,
        summary,
        type,
        languages,
        people,
        places,
        subjects,
        source,
        archive,
        rights,
        collections,
        pages,
        texts,
        AccessLevel.OPEN,
        datestamp,
        deleted);
  }

  /** An open record without texts. */
  public Record(
      String id,
      String title,
      ArchiveDate date,
      String summary,
      String type,
      List<String> languages,
      List<String> people,
      List<String> places,
      List<String> subjects,
      String source,
      String archive,
      String rights,
      List<String> collections,
      List<Page> pages,
      Instant datestamp,
      boolean deleted) {
    this(
        id,
        title,
        date,
        summary,
        type,
        languages,
        people,
        places,
        subjects,
        source,
        archive,
        rights,
        collections,
        pages,
        List.of(),
        datestamp,
        deleted);
  }

  public Record withState(Instant stamp, boolean isDeleted) {
    return new Record(
        id,
        title,
        date,
        summary,
        type,
        languages,
        people,
        places,
        subjects,
        source,
        archive,
        rights,
        collections,
        pages,
        texts,
        access,
        stamp,
        isDeleted);
  }

  /** This record with other pages and text descriptors. */
  public Record withPagesAndTexts(List<Page> newPages, List<TextRef> newTexts) {
    return new Record(
        id,
        title,
        date,
        summary,
        type,
        languages,
        people,
        places,
        subjects,
        source,
        archive,
        rights,
        collections,
        newPages,
        newTexts,
        access,
        datestamp,
        deleted);
  }

  /** This record at another access level. */
  public Record withAccess(AccessLevel level) {
    return new Record(
        id,
        title,
        date,
        summary,
        type,
        languages,
        people,
        places,
        subjects,
        source,
        archive,
        rights,
        collections,
        pages,
        texts,
        level,
        datestamp,
        deleted);
  }

  /** This record in other collections. */
  public Record withCollections(List<String> newCollections) {
    return new Record(
        id,
        title,
        date,
        summary,
        type,
        languages,
        people,
        places,
        subjects,
        source,
        archive,
        rights,
        newCollections,
        pages,
        texts,
        datestamp,
        deleted);
  }

  /** True when any page has OCR. */
  public boolean hasOcr() {
    for (Page p : pages) {
      if (p.hasOcr()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The type as a token usable in URLs and OAI set specs: "record of conversation" →
   * "record-of-conversation".
   */
  public String typeKey() {
    return type == null ? null : typeKey(type);
  }

  public static String typeKey(String type) {
    String dashed =
        NOT_KEY.matcher(type.strip().toLowerCase(java.util.Locale.ROOT)).replaceAll("-");
    return EDGE_DASHES.matcher(dashed).replaceAll("");
  }

  // Compiled once: OAI-PMH asks for the key of every record it lists.
  private static final java.util.regex.Pattern NOT_KEY =
      java.util.regex.Pattern.compile("[^a-z0-9]+");
  private static final java.util.regex.Pattern EDGE_DASHES =
      java.util.regex.Pattern.compile("^-|-$");
}
