package org.dossier.web;

/**
 * The frame of a page: its title, canonical URL, description and schema.org JSON-LD, plus the words
 * in the header's search box.
 *
 * @param jsonLd a JSON document already made safe for a script element (see {@link
 *     JsonLd#toScript})
 * @param query the text to show in the header's search box, empty for none
 */
public record Page(
    Site site, String title, String canonical, String description, String jsonLd, String query) {

  public Page withQuery(String q) {
    return new Page(site, title, canonical, description, jsonLd, q);
  }
}
