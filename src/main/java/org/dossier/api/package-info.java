/**
 * The admin API at {@code /api/v1}: records and collections read and written one at a time (PUT
 * creates or replaces, with ETags and preconditions), whole imports streamed through the same
 * {@link org.dossier.ingest.Importer} as the command line, and the change log for synchronising.
 * Every write goes through the catalog writer, so datestamps, tombstones and the derived stores
 * behave as after an import. Requests carry bearer tokens with a scope (read, write, admin); only
 * their SHA-256 is stored. Errors are RFC 9457 problem documents. Like a protocol, it reads the
 * catalog, the configuration and the URL scheme, and uses no other protocol.
 */
package org.dossier.api;
