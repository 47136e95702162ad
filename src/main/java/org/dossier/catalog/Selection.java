package org.dossier.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * Which records a listing walks: a datestamp range (both ends inclusive, either open) and what the
 * records must belong to. OAI-PMH's selective harvesting is one reader: its set specs are
 * translated into a {@link Scope} by the OAI package, so the catalog knows no protocol's names.
 */
public record Selection(Instant from, Instant until, Scope scope) {

  public static final Selection ALL = new Selection(null, null, Scope.EVERY_RECORD);

  public Selection {
    Objects.requireNonNull(scope, "scope");
  }

  /** Every record in a datestamp range (either end may be null: open). */
  public static Selection between(Instant from, Instant until) {
    return new Selection(from, until, Scope.EVERY_RECORD);
  }

  /** What a selected record must belong to. */
  public sealed interface Scope {
    /** No condition: every record, tombstones included. */
    Scope EVERY_RECORD = new EveryRecord();

    /** Records that are members of at least one collection. */
    Scope ANY_COLLECTION = new AnyCollection();

    /** Records that have a document type. */
    Scope ANY_TYPE = new AnyType();
  }

  public record EveryRecord() implements Scope {}

  public record AnyCollection() implements Scope {}

  /** Members of one collection, by its catalog id. */
  public record InCollection(String collectionId) implements Scope {
    public InCollection {
      Objects.requireNonNull(collectionId, "collectionId");
    }
  }

  public record AnyType() implements Scope {}

  /**
   * Records of one document type, by its key (the type name as a slug, see {@link Record#typeKey}).
   */
  public record OfType(String typeKey) implements Scope {
    public OfType {
      Objects.requireNonNull(typeKey, "typeKey");
    }
  }
}
