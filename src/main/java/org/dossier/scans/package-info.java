/**
 * Page scans as files: what their headers say (pixel size, EXIF orientation, JPEG 2000 resolution
 * levels) and the pixel transforms that turn a scan the way a person sees it. Shared by import and
 * the image service; uses no other package of ours.
 */
package org.dossier.scans;
