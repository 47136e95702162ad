package org.dossier.oai;

import java.util.Optional;
import org.dossier.urls.Urls;

/**
 * Record identifiers in the oai scheme of the OAI identifier guidelines: {@code
 * oai:{repositoryIdentifier}:{record id}}.
 */
record OaiIdentifiers(String repositoryIdentifier) {

  String of(String recordId) {
    return Urls.oaiIdentifier(repositoryIdentifier, recordId);
  }

  /** The record id inside an identifier of this repository; empty for any other identifier. */
  Optional<String> recordId(String identifier) {
    String prefix = "oai:" + repositoryIdentifier + ":";
    if (identifier.startsWith(prefix) && identifier.length() > prefix.length()) {
      return Optional.of(identifier.substring(prefix.length()));
    }
    return Optional.empty();
  }
}
