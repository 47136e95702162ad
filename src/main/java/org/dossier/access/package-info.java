/**
 * Who may see the scans of a record: the users of the IIIF access service, their logins (an
 * HttpOnly cookie) and the access tokens given for them, and the IIIF Authorization Flow 2.0
 * service descriptions that the image and presentation protocols put beside access-controlled
 * images. Shared by those protocols, it reads only the catalog, the settings and the URL scheme.
 */
package org.dossier.access;
