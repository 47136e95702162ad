/**
 * The server's logging: an SLF4J provider writing one line per message to standard error, as text
 * or as JSON (log.format), with the request id of the request being handled; and the writer of
 * access log lines. Uses no other package of ours.
 */
package org.dossier.logging;
