/**
 * The catalog: the one source of truth. Records, collections, pages and memberships over JDBC
 * (SQLite by default, PostgreSQL in production), with an append-only change log from which the
 * derived stores catch up. Datestamps move only when content changes; deletions leave tombstones.
 */
package org.dossier.catalog;
