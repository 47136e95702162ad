/**
 * The one URL scheme of Dossier: every public path, built from {@code server.base-url} with each
 * path segment and query value percent-encoded in one place. Every protocol imports this package to
 * link to any other protocol's resources; no protocol builds another's URLs by hand.
 */
package org.dossier.urls;
