/**
 * IIIF Change Discovery API 1.0 (https://iiif.io/api/discovery/1.0/), level 2: the catalog's change
 * log published as Activity Streams of Create, Update, Delete (and Refresh, and Remove in a
 * collection's stream) on the IIIF manifests and collections, one stream of all changes and one per
 * collection. Pages are fixed slices of the log, read by keyset on its position: a full page never
 * changes and is cached for a year; only the last page and the collection grow.
 */
package org.dossier.iiif.discovery;
