/**
 * The server wiring, the one package that knows every other: {@link org.dossier.http.DossierServer}
 * (shared by the command line and the integration tests) binds Jetty, opens the catalog and its
 * derived stores (kept by {@link org.dossier.http.DerivedStores}, driven by one change-log
 * follower), and builds each protocol's Jersey feature with the real objects it reads. Also here:
 * the health probe, the one CORS policy, and the error mapping every protocol falls back on.
 */
package org.dossier.http;
