package org.dossier.iiif.discovery;

/**
 * The number of a page of a stream, from 0, parsed from its path segment: decimal digits without a
 * leading zero (so each page has one URL). Anything else names no page.
 *
 * @see <a href="https://iiif.io/api/discovery/1.0/#ordered-collection-page">Discovery 1.0 §3.2</a>
 */
record PageNumber(long value) {

  static PageNumber parse(String segment) {
    if (segment == null
        || segment.isEmpty()
        || segment.length() > 15
        || (segment.length() > 1 && segment.charAt(0) == '0')) {
      throw DiscoveryException.notFound("no page '" + segment + "'");
    }
    for (int i = 0; i < segment.length(); i++) {
      if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
        throw DiscoveryException.notFound("no page '" + segment + "'");
      }
    }
    return new PageNumber(Long.parseLong(segment));
  }
}
