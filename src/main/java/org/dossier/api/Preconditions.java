package org.dossier.api;

/**
 * RFC 9110 preconditions on the current state of a record or collection, identified by its strong
 * entity tag: the content hash the catalog keeps for it (so a tag changes exactly when the content
 * does). Checked inside the write transaction, under the catalog's write lock, so that between the
 * check and the write no other writer can change what was checked: a lost update is a 412.
 */
final class Preconditions {
  private Preconditions() {}

  /** The strong entity tag of a content hash. */
  static String etag(String hash) {
    return "\"" + hash + "\"";
  }

  /**
   * @param current the content hash of the live resource, or null when there is none
   * @throws ApiProblem 412 when a precondition fails
   */
  static void check(String ifMatch, String ifNoneMatch, String current) {
    if (ifMatch != null && !matches(ifMatch, current)) {
      throw ApiProblem.of(
          412,
          current == null
              ? "If-Match: there is no such resource (it was deleted, or never existed)"
              : "If-Match: the resource has changed since that entity tag; read it again");
    }
    if (ifNoneMatch != null && matches(ifNoneMatch, current)) {
      throw ApiProblem.of(
          412,
          ifNoneMatch.strip().equals("*")
              ? "If-None-Match: * and the resource exists"
              : "If-None-Match: the resource has that entity tag");
    }
  }

  /** True when a header's list ({@code *} or entity tags) matches the current state, strongly. */
  static boolean matches(String header, String current) {
    if (current == null) {
      return false;
    }
    String wanted = etag(current);
    for (String tag : header.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || t.equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
