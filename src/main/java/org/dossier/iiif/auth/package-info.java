/**
 * IIIF Authorization Flow API 2.0 (https://iiif.io/api/auth/2.0/) for the scans of
 * restricted-images records: the probe service, the access service (a login page for the users of
 * {@code dossier user add}, its form protected against cross-site requests), the access token
 * service (a page that posts the token to the viewer's origin) and the logout service.
 */
package org.dossier.iiif.auth;
