package org.dossier.ingest;

/**
 * Why one item of an import was refused.
 *
 * @param where file and line or row
 * @param field the field at fault ({@code $.date}), or "-" when the item as a whole is
 * @param reason what is wrong, in words
 */
public record Problem(String where, String field, String reason) {
  @Override
  public String toString() {
    return where + ": " + field + ": " + reason;
  }
}
