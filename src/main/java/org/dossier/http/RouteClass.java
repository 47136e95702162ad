package org.dossier.http;

import java.util.List;

/**
 * The classes of route the HTTP metrics count requests by, told from the path's first segment with
 * a few string comparisons (no pattern, no allocation).
 */
enum RouteClass {
  OAI("oai"),
  IIIF_PRESENTATION("iiif-presentation"),
  IIIF_IMAGE("iiif-image"),
  SPARQL("sparql"),
  SITE("site"),
  API("api"),
  OTHER("other");

  /** Every label, in the order of {@link #ordinal()}. */
  static final List<String> LABELS = java.util.Arrays.stream(values()).map(r -> r.label).toList();

  final String label;

  RouteClass(String label) {
    this.label = label;
  }

  /**
   * The class of a request path: /oai, /iiif/image/, /iiif/ (Presentation, Content Search, Change
   * Discovery), /sparql, /api/; the operations paths /health and /metrics, and a request without a
   * path, are "other"; every other path is the site (its pages, static files and linked data).
   */
  static RouteClass of(String path) {
    if (path == null || path.length() < 1 || path.charAt(0) != '/') {
      return OTHER;
    }
    if (path.startsWith("/iiif/")) {
      return path.startsWith("image/", 6) ? IIIF_IMAGE : IIIF_PRESENTATION;
    }
    if (segment(path, "oai")) {
      return OAI;
    }
    if (segment(path, "sparql")) {
      return SPARQL;
    }
    if (segment(path, "api")) {
      return API;
    }
    if (segment(path, "health") || segment(path, "metrics")) {
      return OTHER;
    }
    return SITE;
  }

  /** True when the path is /NAME or starts with /NAME/. */
  private static boolean segment(String path, String name) {
    int end = 1 + name.length();
    return path.startsWith(name, 1) && (path.length() == end || path.charAt(end) == '/');
  }
}
