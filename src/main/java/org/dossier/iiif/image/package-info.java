/**
 * IIIF Image API 3.0 at compliance level 2. Request parameters are parsed at the edge into {@link
 * org.dossier.iiif.image.Region}, {@link org.dossier.iiif.image.Size}, {@link
 * org.dossier.iiif.image.Rotation}, {@link org.dossier.iiif.image.Quality} and {@link
 * org.dossier.iiif.image.Format}; every page scan gets a tile pyramid on disk, built once, from
 * which tiles and listed sizes are served as file reads and everything else is computed.
 */
package org.dossier.iiif.image;
