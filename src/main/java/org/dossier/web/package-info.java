/**
 * The archive's public pages: home, collections, search and the document page with its viewer,
 * rendered on the server from jte templates ({@code src/main/jte}, compiled at build time) so they
 * read without JavaScript. A document page shows the record's texts (or its pages' OCR), marking
 * the words of the search the reader came from, and each text is also served as {@code text/plain}.
 * Each page carries schema.org JSON-LD; sitemaps and robots.txt are here too. {@link
 * org.dossier.web.SiteFeature} registers it all, made from the catalog, the search index and the
 * URLs of {@code org.dossier.urls}, the only way pages spell a link.
 */
package org.dossier.web;
