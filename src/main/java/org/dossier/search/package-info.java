/**
 * The full-text search index: a Lucene projection of the catalog in {@code {data.dir}/search/},
 * holding each record's metadata and its texts and page OCR, analysed by language (English,
 * Russian, and every other language with CJK as pairs of characters). It remembers the last
 * change-log sequence it applied (in its commit data), is kept in step with the change log by the
 * projection follower, and can always be rebuilt from the catalog. Queries are parsed leniently:
 * what the query syntax cannot read is searched as plain words.
 */
package org.dossier.search;
