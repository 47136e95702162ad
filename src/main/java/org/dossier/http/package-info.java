/**
 * The HTTP server: one factory ({@link org.dossier.http.DossierServer}) that the command line and
 * the integration tests share, the derived stores it keeps ({@link org.dossier.http.DerivedStores}),
 * the health probe, and the error mapping every protocol falls back on.
 */
package org.dossier.http;
