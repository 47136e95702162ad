package org.dossier.iiif.presentation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code rights} property of Presentation 3.0 (§3.3.2): "The value MUST be drawn from the set
 * of Creative Commons license URIs, the RightsStatements.org rights statement URIs, or those added
 * via the extension mechanism." Both publish their URIs with {@code http}; an {@code https} form or
 * a RightsStatements.org page URL is brought to that form, anything else has no {@code rights}.
 */
final class RightsUri {
  private static final Pattern CREATIVE_COMMONS =
      Pattern.compile("https?://creativecommons\\.org/(licenses|publicdomain)/(.+)");
  private static final Pattern RIGHTS_STATEMENTS =
      Pattern.compile(
          "https?://rightsstatements\\.org/(vocab|page)/([A-Za-z-]+/[0-9.]+)/?(\\?.*)?");

  private RightsUri() {}

  static Optional<String> of(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    var cc = CREATIVE_COMMONS.matcher(uri.strip());
    if (cc.matches()) {
      return Optional.of("http://creativecommons.org/" + cc.group(1) + "/" + cc.group(2));
    }
    var rs = RIGHTS_STATEMENTS.matcher(uri.strip());
    if (rs.matches()) {
      return Optional.of("http://rightsstatements.org/vocab/" + rs.group(2) + "/");
    }
    return Optional.empty();
  }
}
