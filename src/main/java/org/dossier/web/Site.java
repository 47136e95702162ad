package org.dossier.web;

/**
 * What every page shows of the site: the archive's name and the public base URL all links start with.
 */
public record Site(String archiveName, String baseUrl) {

  /** An absolute URL for a path of this site ("/search" becomes "https://archive.example.org/search"). */
  public String url(String path) {
    return baseUrl + path;
  }
}
