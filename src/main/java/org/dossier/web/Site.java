package org.dossier.web;

/**
 * What every page shows of the site: the archive's name, the public base URL all links start with,
 * and the OAI-PMH repository identifier that record identifiers are built from.
 */
public record Site(String archiveName, String baseUrl, String oaiRepositoryIdentifier) {

  /** An absolute URL for a path of this site ("/search" becomes "https://archive.example.org/search"). */
  public String url(String path) {
    return baseUrl + path;
  }
}
